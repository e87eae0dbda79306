/**
 * `perigee decode [--mdb <definitions>]… [--apid N]… [file|-]`: reads
 * concatenated CCSDS space packets from a file or stdin and prints one JSON
 * line per packet — its decoded parameters (raw value, engineering value,
 * unit, enumeration state), or the error with its reason. Packets are decoded
 * against the built-in mission database, or against imported definitions
 * (`--mdb`, as `perigee mdb import` reads them). Exits 0 whenever the input
 * could be read, whatever the packets held; 1 when the definitions are
 * invalid; 2 when the input could not be read.
 *
 * @example
 *   perigee decode capture.bin | jq 'select(.ok == false) | .reason'
 *   perigee decode --mdb demosat.xtce.xml eps-dump.bin
 */
import { onboardTimeOf, satelliteIdOf } from '../domain/mission/ccsds-identity';
import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { MissionControlError } from '../errors';
import { decodeSpacePacket } from '../domain/codec/packet-codec';
import { readSecondaryHeader } from '../domain/codec/space-packet';
import { PacketFramer } from '../domain/codec/packet-framer';
import { CCSDS_MAX_PACKET_BYTES } from '../domain/codec/space-packet';
import { stateOf } from '../domain/mission/calibration';
import type { MissionDatabase } from '../domain/mission/mission-database';
import { loadDefinitions } from './mdb';

export interface DecodedLine {
  ok: boolean;
  /** Byte offset of the packet in the input. */
  offset: number;
  bytes: number;
  [field: string]: unknown;
}

/** JSON-ready description of every packet in `input`, in order. */
export function decodeStream(mdb: MissionDatabase, input: Uint8Array): DecodedLine[] {
  // The CCSDS maximum, not the mission's: an over-long but well-framed packet is reported and skipped, not fatal.
  const framer = new PacketFramer({ maxPacketBytes: CCSDS_MAX_PACKET_BYTES });
  const lines: DecodedLine[] = [];
  let offset = 0;
  for (const item of framer.push(input)) {
    if ('error' in item) {
      lines.push({ ok: false, offset, bytes: item.bytes.length, reason: item.error.reason, error: item.error.message });
      return lines;
    }
    lines.push(describePacket(mdb, item.packet, offset));
    offset += item.packet.length;
  }
  if (framer.pendingBytes > 0) {
    const rest = input.subarray(offset);
    const result = decodeSpacePacket(mdb, rest);
    const error = result.ok ? undefined : result.error;
    lines.push({ ok: false, offset, bytes: rest.length, reason: error?.reason ?? 'truncated', error: error?.message ?? 'incomplete packet at end of input' });
  }
  return lines;
}

type ParameterLine = { raw: number | string | number[]; value: number | string | number[]; unit: string; state?: string };

function describePacket(mdb: MissionDatabase, packet: Uint8Array, offset: number): DecodedLine {
  const result = decodeSpacePacket(mdb, packet);
  if (!result.ok) {
    const { reason, message, apid } = result.error;
    return { ok: false, offset, bytes: packet.length, reason, error: message, ...(apid === undefined ? {} : { apid }) };
  }
  const { layout, header, raw, values, extras } = result.packet;
  const parameters: Record<string, ParameterLine> = {};
  for (const field of layout.fields) {
    const p = field.parameter;
    if (field.slot >= 0) {
      const i = field.slot;
      const state = stateOf(p, raw[i]!);
      const exact = extras?.exact[p.name];
      parameters[p.name] = { raw: exact === undefined ? raw[i]! : exact.toString(), value: values[i]!, unit: p.unit, ...(state === undefined ? {} : { state }) };
    } else if (field.repeats) {
      const tail = extras?.tails[p.name];
      parameters[p.name] = { raw: tail?.raw ?? [], value: tail?.values ?? [], unit: p.unit };
    } else {
      const text = extras?.texts[p.name] ?? '';
      parameters[p.name] = { raw: text, value: text, unit: p.unit };
    }
  }
  const identity = mdb.ccsdsIdentityOf(layout);
  const perigee =
    layout.header === 'perigee'
      ? (() => {
          const secondary = readSecondaryHeader(new DataView(packet.buffer, packet.byteOffset, packet.byteLength), mdb.epochMs);
          return { satelliteId: secondary.satelliteId, sequenceCount: header.sequenceCount, onboardTime: new Date(secondary.onboardTimeMs).toISOString() };
        })()
      : identity
        ? (() => {
            // Where the mission database's ccsdsPackets says; an arrival-time mission has no onboard time to print.
            const onboardMs = identity.onboardTime.kind === 'fields' ? onboardTimeOf(identity, raw, values, { epochMs: mdb.epochMs, arrivalMs: Number.NaN }) : Number.NaN;
            return { satelliteId: satelliteIdOf(identity, raw), sequenceCount: header.sequenceCount, ...(Number.isFinite(onboardMs) ? { onboardTime: new Date(onboardMs).toISOString() } : {}) };
          })()
        : { sequenceCount: header.sequenceCount };
  return { ok: true, offset, bytes: packet.length, apid: layout.apid, packet: layout.name, version: layout.version, ...perigee, parameters };
}

async function readInput(source: string): Promise<Buffer> {
  if (source !== '-') return fs.readFile(source);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Runs the command; returns the process exit code. `configured` supplies the
 * mission database the processes run on (PERIGEE_MISSION_DB, else the
 * built-in one) when no --mdb is given.
 */
export async function runDecode(
  configured: () => MissionDatabase | Promise<MissionDatabase>,
  args: readonly string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options: { mdb: { type: 'string', multiple: true }, apid: { type: 'string', multiple: true } } });
  } catch (error) {
    err.write(`perigee decode: ${(error as Error).message}\nusage: perigee decode [--mdb <definitions>]… [--apid N]… [file|-]\n`);
    return 1;
  }
  const { positionals, values } = parsed;
  let mdb: MissionDatabase;
  {
    try {
      mdb = values.mdb === undefined ? await configured() : await loadDefinitions({ files: values.mdb, apids: values.apid ?? [], lengths: [] });
    } catch (error) {
      if (!(error instanceof MissionControlError)) {
        err.write(`perigee decode: cannot read definitions: ${(error as Error).message}\n`);
        return 2;
      }
      err.write(`perigee decode: ${error.message}\n`);
      return 1;
    }
  }
  const source = positionals[0] ?? '-';
  let input: Buffer;
  try {
    input = await readInput(source);
  } catch (error) {
    err.write(`perigee decode: cannot read ${source === '-' ? 'stdin' : source}: ${(error as Error).message}\n`);
    return 2;
  }
  for (const line of decodeStream(mdb, input)) out.write(`${JSON.stringify(line)}\n`);
  return 0;
}
