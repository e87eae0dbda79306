/**
 * Decoder benchmark: packets/s and parameters/s of the general decoder
 * (decode-plan.ts, bit fields of any width and byte order) against a
 * byte-aligned big-endian decoder — the codec's former fast path, a DataView
 * read per field at precomputed byte offsets — measured in the same run on
 * the same packets:
 *
 *   1. the built-in thermal packet (52 × uint16 + Perigee headers): both
 *      decoders read the same bytes, so the ratio is the cost of generality;
 *      The whole of decodePacket (headers, CRC, layout selection, fields) on
 *      the same packets is printed beside them;
 *   2. a bit-packed packet of 50 fields (widths 1–32 at odd offsets, signed,
 *      little-endian, floats, an array), general decoder only, as parameters/s
 *      and as a ratio to the byte-aligned fast path's parameters/s.
 *
 * Both decoders calibrate every value. Prints a table; no pass/fail.
 *
 * usage: npm run bench:mdb-decode -- [--seconds 2]
 */
import { parseArgs } from 'node:util';
import { calibrate } from '../server/domain/mission/calibration';
import { decodeFields, planOf } from '../server/domain/codec/decode-plan';
import { decodePacket, encodePacket } from '../server/domain/codec/packet-codec';
import { defaultMissionDatabase } from '../server/domain/mission/default-mission-database';
import { MissionDatabase, type PacketLayout } from '../server/domain/mission/mission-database';
import type { EncodingDefinition, MissionDatabaseInput } from '../server/domain/mission/schema';
import { writeField } from '../server/domain/codec/field-writer';

const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '2' } } });
const seconds = Number(args.seconds);
if (!(seconds > 0)) throw new RangeError('--seconds must be positive');

/** The byte-aligned decoder: one DataView read per field at a precomputed byte offset. */
function byteAlignedDecoder(layout: PacketLayout) {
  const offsets = layout.fields.map((f) => f.bitOffset / 8);
  const readers = layout.parameters.map((p) => {
    switch (p.rawType) {
      case 'uint8': return (v: DataView, o: number) => v.getUint8(o);
      case 'int8': return (v: DataView, o: number) => v.getInt8(o);
      case 'uint16': return (v: DataView, o: number) => v.getUint16(o);
      case 'int16': return (v: DataView, o: number) => v.getInt16(o);
      case 'uint32': return (v: DataView, o: number) => v.getUint32(o);
      case 'int32': return (v: DataView, o: number) => v.getInt32(o);
      case 'float32': return (v: DataView, o: number) => v.getFloat32(o);
      case 'float64': return (v: DataView, o: number) => v.getFloat64(o);
      default: throw new RangeError(`${p.name} is not byte-aligned`);
    }
  });
  const calibrations = layout.parameters.map((p) => p.calibration);
  return (bytes: Uint8Array) => {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const n = readers.length;
    const raw = new Array<number>(n);
    const values = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const r = readers[i]!(view, offsets[i]!);
      raw[i] = r;
      values[i] = calibrate(calibrations[i]!, r);
    }
    return values;
  };
}

function generalDecoder(layout: PacketLayout) {
  const plan = planOf(layout);
  return (bytes: Uint8Array) => {
    const raw = new Array<number>(plan.count);
    const values = new Array<number>(plan.count);
    decodeFields(plan, bytes, bytes.length, raw, values);
    return values;
  };
}

/** Runs `decode` over the packets for the configured time; returns packets/s. */
function measure(packets: readonly Uint8Array[], decode: (bytes: Uint8Array) => number[]): number {
  let sink = 0;
  for (let i = 0; i < 20_000; i++) sink += decode(packets[i % packets.length]!)[0]!; // warm-up
  const start = process.hrtime.bigint();
  const budgetNs = BigInt(Math.round(seconds * 1e9));
  let count = 0;
  for (;;) {
    for (let i = 0; i < 1000; i++) sink += decode(packets[(count + i) % packets.length]!)[0]!;
    count += 1000;
    const elapsed = process.hrtime.bigint() - start;
    if (elapsed >= budgetNs) {
      if (Number.isNaN(sink)) process.stdout.write('');
      return count / (Number(elapsed) / 1e9);
    }
  }
}

// 1. The built-in thermal packet.
const builtin = defaultMissionDatabase();
const thermal = builtin.latestLayout(288)!;
const thermalPackets = Array.from({ length: 256 }, (_, k) =>
  encodePacket(builtin, {
    apid: 288,
    satelliteId: 101,
    sequenceCount: k,
    onboardTimeMs: Date.UTC(2026, 10, 25) + k * 1000,
    values: Object.fromEntries(thermal.parameters.map((p, i) => [p.name, -20 + ((i * 7 + k) % 90)])),
  }),
);

// 2. A bit-packed packet of 50 fields.
const encodings: EncodingDefinition[] = [
  { kind: 'unsigned', bits: 3 },
  { kind: 'unsigned', bits: 12 },
  { kind: 'signed', bits: 20 },
  { kind: 'unsigned', bits: 1 },
  { kind: 'unsigned', bits: 16, byteOrder: 'little' },
  { kind: 'signed', bits: 14 },
  { kind: 'float', bits: 32 },
  { kind: 'unsigned', bits: 7 },
  { kind: 'signed', bits: 32, byteOrder: 'little' },
  { kind: 'unsigned', bits: 5 },
];
const bitPackedInput: MissionDatabaseInput = {
  mission: 'bench',
  version: '1.0.0',
  subsystems: [{ id: 'bench', name: 'Bench' }],
  parameters: Array.from({ length: 50 }, (_, i) => ({
    id: i + 1,
    name: `bench.p${i}`,
    subsystem: 'bench',
    description: '',
    unit: '',
    encoding: encodings[i % encodings.length]!,
    calibration: i % 3 === 0 ? { type: 'polynomial' as const, coefficients: [0.5, 0.25] } : { type: 'none' as const },
  })),
  packets: [{ name: 'packed', apid: 300, header: 'ccsds', subsystem: 'bench', parameters: Array.from({ length: 50 }, (_, i) => `bench.p${i}`) }],
};
const packed = MissionDatabase.fromFile(bitPackedInput).latestLayout(300)!;
const packedPackets = Array.from({ length: 256 }, (_, k) => {
  const bytes = new Uint8Array(packed.totalBytes);
  new DataView(bytes.buffer).setUint16(0, 300);
  new DataView(bytes.buffer).setUint16(4, packed.totalBytes - 7);
  for (const f of packed.fields) writeField(bytes, f.bitOffset, f.encoding, f.encoding.kind === 'float' ? k * 0.5 : (k * 13 + f.slot) % 2);
  return bytes;
});

const alignedThermal = measure(thermalPackets, byteAlignedDecoder(thermal));
const generalThermal = measure(thermalPackets, generalDecoder(thermal));
const generalPacked = measure(packedPackets, generalDecoder(packed));
const wholePacket = measure(thermalPackets, (bytes) => {
  const result = decodePacket(builtin, bytes);
  if (!result.ok) throw result.error;
  return result.packet.values as number[];
});

const row = (name: string, packetsPerS: number, fields: number, ratio: string) =>
  `${name.padEnd(44)} ${Math.round(packetsPerS).toLocaleString('en').padStart(12)} ${Math.round(packetsPerS * fields).toLocaleString('en').padStart(14)}  ${ratio}`;
process.stdout.write(`decoder benchmark, ${seconds} s per case (load average ${(await import('node:os')).loadavg()[0]!.toFixed(2)})\n`);
process.stdout.write(`${'case'.padEnd(44)} ${'packets/s'.padStart(12)} ${'parameters/s'.padStart(14)}  ratio to byte-aligned\n`);
process.stdout.write(`${row('byte-aligned fast path, thermal (52 × u16)', alignedThermal, thermal.parameters.length, '1.00')}\n`);
process.stdout.write(`${row('general decoder, thermal (52 × u16)', generalThermal, thermal.parameters.length, (generalThermal / alignedThermal).toFixed(2))}\n`);
process.stdout.write(`${row('decodePacket, thermal (+ headers, CRC, select)', wholePacket, thermal.parameters.length, (wholePacket / alignedThermal).toFixed(2))}\n`);
process.stdout.write(
  `${row('general decoder, bit-packed (50 fields)', generalPacked, packed.parameters.length, `${((generalPacked * 50) / (alignedThermal * thermal.parameters.length)).toFixed(2)} (parameters/s)`)}\n`,
);
