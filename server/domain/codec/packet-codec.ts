/**
 * Encodes and decodes telemetry packets against the mission database. Every
 * packet — the built-in fleet's and imported definitions' alike — is decoded
 * through its layout's compiled plan (decode-plan.ts). Decoding never throws
 * on bad input: it returns a DecodeError with a reason, and never a
 * half-decoded value.
 *
 * @example
 *   const bytes = encodePacket(mdb, { apid: 272, satelliteId: 101, sequenceCount: 7,
 *     onboardTimeMs: Date.UTC(2026, 10, 25), values: { 'power.battery_voltage': 28.4, ... } });
 *   const result = decodePacket(mdb, bytes);
 *   if (result.ok) result.packet.values[0]; // 28.4
 */
import { DecodeError, type PacketOrigin } from '../../errors';
import { uncalibrateInRange } from '../mission/calibration';
import { identityValues, onboardTimeOf, satelliteIdOf } from '../mission/ccsds-identity';
import { rawRangeOf, type RawRange } from '../mission/wire-encoding';
import { CRC_BYTES, HEADER_BYTES, type LayoutField, type MissionDatabase, type PacketLayout } from '../mission/mission-database';
import { crc16 } from './crc16';
import { decodeFields, planOf, readIntegerField, type FieldExtras } from './decode-plan';
import { writeField } from './field-writer';
import {
  PRIMARY_HEADER_BYTES,
  packetLengthOf,
  readPrimaryHeader,
  readSecondaryHeader,
  writePrimaryHeader,
  writeSecondaryHeader,
  type PrimaryHeader,
} from './space-packet';

export interface DecodedPacket {
  readonly layout: PacketLayout;
  readonly satelliteId: number;
  readonly sequenceCount: number;
  readonly onboardTimeMs: number;
  /** Recorded onboard and dumped later (secondary header playback flag). */
  readonly playback: boolean;
  /** Raw values in layout.parameters order. */
  readonly raw: readonly number[];
  /** Engineering values in layout.parameters order. */
  readonly values: readonly number[];
  /** Text, bytes and repeating fields and exact wide integers, when the layout has any. */
  readonly extras?: FieldExtras;
}

export type DecodeResult = { readonly ok: true; readonly packet: DecodedPacket } | { readonly ok: false; readonly error: DecodeError };

/** A packet of any definition, Perigee headers or not. */
export interface DecodedSpacePacket {
  readonly layout: PacketLayout;
  readonly header: PrimaryHeader;
  readonly raw: readonly number[];
  readonly values: readonly number[];
  readonly extras?: FieldExtras;
}

export type SpacePacketResult = { readonly ok: true; readonly packet: DecodedSpacePacket } | { readonly ok: false; readonly error: DecodeError };

export interface PacketToEncode {
  readonly apid: number;
  /** Definition version; the newest for the APID when omitted. */
  readonly version?: number;
  readonly satelliteId: number;
  readonly sequenceCount: number;
  readonly onboardTimeMs: number;
  /** Engineering values by parameter name; every parameter of the packet is required. */
  readonly values: Readonly<Record<string, number>>;
  /** Mark the packet as played back from the onboard recorder. */
  readonly playback?: boolean;
}

const MIN_PACKET_BYTES = HEADER_BYTES + CRC_BYTES;

function fail(reason: DecodeError['reason'], message: string, apid: number | undefined, origin: PacketOrigin): { ok: false; error: DecodeError } {
  return { ok: false, error: new DecodeError(reason, message, { apid, origin }) };
}

/**
 * Decodes one complete packet with its spacecraft and onboard time: the
 * pipeline's entry point. Perigee headers carry both; a packet with only a
 * primary header takes them from where the mission database's `ccsdsPackets`
 * says (fields of the packet, a fixed spacecraft, or `arrivalMs` — the
 * gateway's arrival time — when the mission has no onboard time).
 */
export function decodePacket(mdb: MissionDatabase, packet: Uint8Array, origin: PacketOrigin = {}, { arrivalMs = Number.NaN }: { arrivalMs?: number } = {}): DecodeResult {
  const result = decodeSpacePacket(mdb, packet, origin);
  if (!result.ok) return result;
  const { layout, header, raw, values, extras } = result.packet;
  if (layout.header !== 'perigee') {
    const identity = mdb.ccsdsIdentityOf(layout);
    if (!identity) {
      const message = `packet "${layout.name}" (APID ${layout.apid}) has no Perigee secondary header, and the mission database does not say where its spacecraft and onboard time are (ccsdsPackets)`;
      return fail('no-secondary-header', message, layout.apid, origin);
    }
    const onboardTimeMs = onboardTimeOf(identity, raw, values, { epochMs: mdb.epochMs, arrivalMs });
    if (!Number.isFinite(onboardTimeMs)) {
      const source = identity.onboardTime.kind === 'arrival' ? 'no arrival time was given' : `field "${identity.onboardTime.seconds.parameter.name}" holds no finite time`;
      return fail('no-secondary-header', `packet "${layout.name}" (APID ${layout.apid}) has no onboard time: ${source}`, layout.apid, origin);
    }
    const satelliteId = satelliteIdOf(identity, raw);
    return { ok: true, packet: { layout, satelliteId, sequenceCount: header.sequenceCount, onboardTimeMs, playback: false, raw, values, ...(extras === undefined ? {} : { extras }) } };
  }
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  const secondary = readSecondaryHeader(view, mdb.epochMs);
  return {
    ok: true,
    packet: {
      layout,
      satelliteId: secondary.satelliteId,
      sequenceCount: header.sequenceCount,
      onboardTimeMs: secondary.onboardTimeMs,
      playback: secondary.playback,
      raw,
      values,
      ...(extras === undefined ? {} : { extras }),
    },
  };
}

/**
 * Decodes one complete packet against any definition: checks the primary
 * header and the length (and, for Perigee headers, the CRC and the secondary
 * header flag), picks the layout by APID and selection fields, and decodes
 * every field through the layout's compiled plan.
 */
export function decodeSpacePacket(mdb: MissionDatabase, packet: Uint8Array, origin: PacketOrigin = {}): SpacePacketResult {
  if (packet.length < PRIMARY_HEADER_BYTES) {
    return fail('truncated', `packet has ${packet.length} bytes, fewer than the 6-byte primary header`, undefined, origin);
  }
  const header = readPrimaryHeader(packet);
  const declared = packetLengthOf(header);
  if (packet.length < declared) {
    return fail('truncated', `packet has ${packet.length} bytes but its header declares ${declared}`, header.apid, origin);
  }
  if (packet.length > declared) {
    return fail('length-mismatch', `packet has ${packet.length} bytes but its header declares ${declared}`, header.apid, origin);
  }
  const candidates = mdb.layoutsOf(header.apid);
  const perigee = (candidates[0]?.header ?? mdb.defaultHeader) === 'perigee';
  if (perigee) {
    if (declared < MIN_PACKET_BYTES) {
      return fail('truncated', `packet of ${declared} bytes is shorter than headers and CRC (${MIN_PACKET_BYTES})`, header.apid, origin);
    }
    // The CRC covers the headers too, so check it before trusting any header field.
    const expectedCrc = crc16(packet, 0, declared - CRC_BYTES);
    const actualCrc = (packet[declared - 2]! << 8) | packet[declared - 1]!;
    if (expectedCrc !== actualCrc) {
      const hex = (n: number) => `0x${n.toString(16).padStart(4, '0')}`;
      return fail('crc-mismatch', `CRC ${hex(actualCrc)} does not match computed ${hex(expectedCrc)}`, header.apid, origin);
    }
  }
  if (header.version !== 0) {
    return fail('unsupported-version', `CCSDS packet version ${header.version} (only version 1, coded 0, is defined)`, header.apid, origin);
  }
  if (header.type !== 0) return fail('not-telemetry', 'packet type is telecommand, not telemetry', header.apid, origin);
  if (perigee && !header.hasSecondaryHeader) {
    return fail('no-secondary-header', 'secondary header flag is clear; onboard time is required', header.apid, origin);
  }
  if (candidates.length === 0) return fail('unknown-apid', `APID ${header.apid} is not in the mission database`, header.apid, origin);
  const layout = selectLayout(candidates, packet);
  if (!layout) {
    const message = perigee
      ? `APID ${header.apid} has no definition version ${packet[14]}`
      : `APID ${header.apid} has no layout for this packet (${candidates.map((c) => c.selectors.map((s) => s.label).join(', ')).join('; ')})`;
    return fail('unknown-definition-version', message, header.apid, origin);
  }
  if (layout.variableLength ? declared < layout.totalBytes : declared !== layout.totalBytes) {
    const expected = layout.variableLength ? `at least ${layout.totalBytes}` : `${layout.totalBytes}`;
    return fail('length-mismatch', `packet "${layout.name}" v${layout.version} is ${expected} bytes, header declares ${declared}`, header.apid, origin);
  }
  const plan = planOf(layout);
  const raw = new Array<number>(plan.count);
  const values = new Array<number>(plan.count);
  const extras = decodeFields(plan, packet, declared, raw, values);
  return { ok: true, packet: { layout, header, raw, values, ...(extras === undefined ? {} : { extras }) } };
}

/** The layout whose selection fields all match the packet; undefined when none does. */
function selectLayout(candidates: readonly PacketLayout[], packet: Uint8Array): PacketLayout | undefined {
  if (candidates.length === 1 && candidates[0]!.selectors.length === 0) return candidates[0];
  const bits = packet.length * 8;
  return candidates.find((layout) =>
    layout.selectors.every((s) => s.bitOffset + s.encoding.bits <= bits && readIntegerField(packet, s.bitOffset, s.encoding) === s.value),
  );
}

const encodeSteps = new WeakMap<PacketLayout, ReadonlyArray<{ readonly field: LayoutField; readonly range: RawRange }>>();

/** The sample fields of a layout with their raw ranges, worked out once per layout. */
function encodeStepsOf(layout: PacketLayout) {
  let steps = encodeSteps.get(layout);
  if (!steps) encodeSteps.set(layout, (steps = layout.fields.filter((f) => f.slot >= 0).map((field) => ({ field, range: rawRangeOf(field.encoding) }))));
  return steps;
}

/**
 * Encodes engineering values as a fixed-length packet: with Perigee headers,
 * or with a primary header only, the spacecraft and onboard time written
 * where the mission database's `ccsdsPackets` says (primary header fields the
 * layout lists are overwritten by the real header). Programmer errors
 * (unknown APID, missing value, a 'ccsds' packet without ccsdsPackets) throw.
 */
export function encodePacket(mdb: MissionDatabase, input: PacketToEncode): Uint8Array {
  const layout = input.version === undefined ? mdb.latestLayout(input.apid) : mdb.packetLayout(input.apid, input.version);
  if (!layout) throw new RangeError(`no packet definition for APID ${input.apid} version ${input.version ?? 'latest'}`);
  if (layout.variableLength) throw new RangeError(`packet "${layout.name}" is not a fixed-length packet`);
  const perigee = layout.header === 'perigee';
  const identity = perigee ? undefined : mdb.ccsdsIdentityOf(layout);
  if (!perigee && !identity) throw new RangeError(`packet "${layout.name}" has no Perigee headers and the mission database has no ccsdsPackets`);
  const bytes = new Uint8Array(layout.totalBytes);
  const view = new DataView(bytes.buffer);
  const overrides = new Map<LayoutField, { value: number; isRaw: boolean }>();
  if (identity) {
    for (const v of identityValues(identity, { satelliteId: input.satelliteId, onboardTimeMs: input.onboardTimeMs, epochMs: mdb.epochMs })) overrides.set(v.field, v);
    // The fields that select this layout among its APID's carry their selecting values.
    for (const s of layout.selectors) {
      const field = layout.fields.find((f) => f.bitOffset === s.bitOffset && f.slot >= 0);
      if (field) overrides.set(field, { value: s.value, isRaw: true });
    }
  }
  for (const { field, range } of encodeStepsOf(layout)) {
    const p = field.parameter;
    const override = overrides.get(field);
    if (override?.isRaw) {
      writeField(bytes, field.bitOffset, field.encoding, override.value);
      continue;
    }
    const value = override?.value ?? input.values[p.name] ?? (perigee || field.bitOffset >= PRIMARY_HEADER_BYTES * 8 ? undefined : 0);
    if (value === undefined || Number.isNaN(value)) throw new RangeError(`packet "${layout.name}" needs a value for "${p.name}"`);
    writeField(bytes, field.bitOffset, field.encoding, uncalibrateInRange(p.calibration, range, value));
  }
  writePrimaryHeader(view, { apid: layout.apid, sequenceCount: input.sequenceCount, totalBytes: layout.totalBytes });
  if (!perigee) return bytes;
  writeSecondaryHeader(
    view,
    { onboardTimeMs: input.onboardTimeMs, satelliteId: input.satelliteId, definitionVersion: layout.version, playback: input.playback === true },
    mdb.epochMs,
  );
  view.setUint16(layout.totalBytes - CRC_BYTES, crc16(bytes, 0, layout.totalBytes - CRC_BYTES));
  return bytes;
}
