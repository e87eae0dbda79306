/**
 * `perigee decode [file|-]`: reads concatenated CCSDS space packets from a
 * file or stdin and prints one JSON line per packet — its decoded
 * parameters, or the error with its reason. Exits 0 whenever the input could
 * be read, whatever the packets held; 2 when it could not.
 *
 * @example
 *   perigee decode capture.bin | jq 'select(.ok == false) | .reason'
 */
import fs from 'node:fs/promises';
import { decodePacket } from '../domain/codec/packet-codec';
import { PacketFramer } from '../domain/codec/packet-framer';
import { CCSDS_MAX_PACKET_BYTES } from '../domain/codec/space-packet';
import { stateOf } from '../domain/mission/calibration';
import type { MissionDatabase } from '../domain/mission/mission-database';

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
    const result = decodePacket(mdb, rest);
    const error = result.ok ? undefined : result.error;
    lines.push({ ok: false, offset, bytes: rest.length, reason: error?.reason ?? 'truncated', error: error?.message ?? 'incomplete packet at end of input' });
  }
  return lines;
}

function describePacket(mdb: MissionDatabase, packet: Uint8Array, offset: number): DecodedLine {
  const result = decodePacket(mdb, packet);
  if (!result.ok) {
    const { reason, message, apid } = result.error;
    return { ok: false, offset, bytes: packet.length, reason, error: message, ...(apid === undefined ? {} : { apid }) };
  }
  const { layout, satelliteId, sequenceCount, onboardTimeMs, raw, values } = result.packet;
  const parameters: Record<string, { raw: number; value: number; unit: string; state?: string }> = {};
  layout.parameters.forEach((p, i) => {
    const state = stateOf(p, raw[i]!);
    parameters[p.name] = { raw: raw[i]!, value: values[i]!, unit: p.unit, ...(state === undefined ? {} : { state }) };
  });
  return {
    ok: true,
    offset,
    bytes: packet.length,
    apid: layout.apid,
    packet: layout.name,
    version: layout.version,
    satelliteId,
    sequenceCount,
    onboardTime: new Date(onboardTimeMs).toISOString(),
    parameters,
  };
}

async function readInput(source: string): Promise<Buffer> {
  if (source !== '-') return fs.readFile(source);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Runs the command; returns the process exit code. */
export async function runDecode(mdb: MissionDatabase, args: readonly string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const source = args[0] ?? '-';
  let input: Buffer;
  try {
    input = await readInput(source);
  } catch (error) {
    process.stderr.write(`perigee decode: cannot read ${source === '-' ? 'stdin' : source}: ${(error as Error).message}\n`);
    return 2;
  }
  for (const line of decodeStream(mdb, input)) out.write(`${JSON.stringify(line)}\n`);
  return 0;
}
