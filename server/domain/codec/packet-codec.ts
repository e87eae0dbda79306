/**
 * Encodes and decodes Perigee telemetry packets against the mission database.
 * Decoding never throws on bad input: it returns a DecodeError with a reason,
 * and never a half-decoded value.
 *
 * @example
 *   const bytes = encodePacket(mdb, { apid: 272, satelliteId: 101, sequenceCount: 7,
 *     onboardTimeMs: Date.UTC(2026, 10, 25), values: { 'power.battery_voltage': 28.4, ... } });
 *   const result = decodePacket(mdb, bytes);
 *   if (result.ok) result.packet.values[0]; // 28.4
 */
import { DecodeError, type PacketOrigin } from '../../errors';
import { calibrate, uncalibrate } from '../mission/calibration';
import { CRC_BYTES, HEADER_BYTES, type MissionDatabase, type PacketLayout } from '../mission/mission-database';
import type { RawType } from '../mission/schema';
import { crc16 } from './crc16';
import {
  PRIMARY_HEADER_BYTES,
  packetLengthOf,
  readPrimaryHeader,
  readSecondaryHeader,
  writePrimaryHeader,
  writeSecondaryHeader,
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
}

export type DecodeResult = { readonly ok: true; readonly packet: DecodedPacket } | { readonly ok: false; readonly error: DecodeError };

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

function fail(reason: DecodeError['reason'], message: string, apid: number | undefined, origin: PacketOrigin): DecodeResult {
  return { ok: false, error: new DecodeError(reason, message, { apid, origin }) };
}

/** Decodes one complete packet. */
export function decodePacket(mdb: MissionDatabase, packet: Uint8Array, origin: PacketOrigin = {}): DecodeResult {
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
  if (declared < MIN_PACKET_BYTES) {
    return fail('truncated', `packet of ${declared} bytes is shorter than headers and CRC (${MIN_PACKET_BYTES})`, header.apid, origin);
  }
  // The CRC covers the headers too, so check it before trusting any header field.
  const expectedCrc = crc16(packet, 0, declared - CRC_BYTES);
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  const actualCrc = view.getUint16(declared - CRC_BYTES);
  if (expectedCrc !== actualCrc) {
    const hex = (n: number) => `0x${n.toString(16).padStart(4, '0')}`;
    return fail('crc-mismatch', `CRC ${hex(actualCrc)} does not match computed ${hex(expectedCrc)}`, header.apid, origin);
  }
  if (header.version !== 0) {
    return fail('unsupported-version', `CCSDS packet version ${header.version} (only version 1, coded 0, is defined)`, header.apid, origin);
  }
  if (header.type !== 0) return fail('not-telemetry', 'packet type is telecommand, not telemetry', header.apid, origin);
  if (!header.hasSecondaryHeader) {
    return fail('no-secondary-header', 'secondary header flag is clear; onboard time is required', header.apid, origin);
  }
  if (!mdb.hasApid(header.apid)) return fail('unknown-apid', `APID ${header.apid} is not in the mission database`, header.apid, origin);
  const secondary = readSecondaryHeader(view, mdb.epochMs);
  const layout = mdb.packetLayout(header.apid, secondary.definitionVersion);
  if (!layout) {
    return fail(
      'unknown-definition-version',
      `APID ${header.apid} has no definition version ${secondary.definitionVersion}`,
      header.apid,
      origin,
    );
  }
  if (declared !== layout.totalBytes) {
    return fail(
      'length-mismatch',
      `packet "${layout.name}" v${layout.version} is ${layout.totalBytes} bytes, header declares ${declared}`,
      header.apid,
      origin,
    );
  }
  const count = layout.parameters.length;
  const raw = new Array<number>(count);
  const values = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    const p = layout.parameters[i]!;
    const r = readRaw(view, layout.offsets[i]!, p.rawType);
    raw[i] = r;
    values[i] = calibrate(p.calibration, r);
  }
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
    },
  };
}

/** Encodes engineering values as a packet; programmer errors (unknown APID, missing value) throw. */
export function encodePacket(mdb: MissionDatabase, input: PacketToEncode): Uint8Array {
  const layout = input.version === undefined ? mdb.latestLayout(input.apid) : mdb.packetLayout(input.apid, input.version);
  if (!layout) throw new RangeError(`no packet definition for APID ${input.apid} version ${input.version ?? 'latest'}`);
  const bytes = new Uint8Array(layout.totalBytes);
  const view = new DataView(bytes.buffer);
  writePrimaryHeader(view, { apid: layout.apid, sequenceCount: input.sequenceCount, totalBytes: layout.totalBytes });
  writeSecondaryHeader(
    view,
    { onboardTimeMs: input.onboardTimeMs, satelliteId: input.satelliteId, definitionVersion: layout.version, playback: input.playback === true },
    mdb.epochMs,
  );
  layout.parameters.forEach((p, i) => {
    const value = input.values[p.name];
    if (value === undefined || Number.isNaN(value)) throw new RangeError(`packet "${layout.name}" needs a value for "${p.name}"`);
    writeRaw(view, layout.offsets[i]!, p.rawType, uncalibrate(p.calibration, p.rawType, value));
  });
  view.setUint16(layout.totalBytes - CRC_BYTES, crc16(bytes, 0, layout.totalBytes - CRC_BYTES));
  return bytes;
}

function readRaw(view: DataView, offset: number, type: RawType): number {
  switch (type) {
    case 'uint8': return view.getUint8(offset);
    case 'int8': return view.getInt8(offset);
    case 'uint16': return view.getUint16(offset);
    case 'int16': return view.getInt16(offset);
    case 'uint32': return view.getUint32(offset);
    case 'int32': return view.getInt32(offset);
    case 'float32': return view.getFloat32(offset);
    case 'float64': return view.getFloat64(offset);
  }
}

function writeRaw(view: DataView, offset: number, type: RawType, value: number): void {
  switch (type) {
    case 'uint8': return view.setUint8(offset, value);
    case 'int8': return view.setInt8(offset, value);
    case 'uint16': return view.setUint16(offset, value);
    case 'int16': return view.setInt16(offset, value);
    case 'uint32': return view.setUint32(offset, value);
    case 'int32': return view.setInt32(offset, value);
    case 'float32': return view.setFloat32(offset, value);
    case 'float64': return view.setFloat64(offset, value);
  }
}

