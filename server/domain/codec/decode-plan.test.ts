import { describe, expect, it } from 'vitest';
import { MissionDatabase } from '../mission/mission-database';
import type { MissionDatabaseInput } from '../mission/schema';
import { decodeSpacePacket } from './packet-codec';

import { floatBits, packetOf, reorder, signedBits, textBits, unsignedBits } from './testing/bit-pattern';

const definition: MissionDatabaseInput = {
  mission: 'bit-packed test mission',
  version: '1.0.0',
  subsystems: [{ id: 'obc', name: 'On-board computer' }],
  parameters: [
    { id: 1, name: 'obc.packet_id', subsystem: 'obc', description: 'layout selector', unit: '', encoding: { kind: 'unsigned', bits: 8 }, calibration: { type: 'none' } },
    { id: 2, name: 'obc.mode', subsystem: 'obc', description: '3-bit mode', unit: '', encoding: { kind: 'unsigned', bits: 3 }, calibration: { type: 'none' }, states: { '0': 'OFF', '5': 'SCIENCE' } },
    { id: 3, name: 'obc.adc', subsystem: 'obc', description: '12-bit ADC across a byte boundary', unit: 'V', encoding: { kind: 'unsigned', bits: 12 }, calibration: { type: 'polynomial', coefficients: [0.5, 0.01, 0.000002] } },
    { id: 4, name: 'obc.micros', subsystem: 'obc', description: '20-bit signed microseconds', unit: 'us', encoding: { kind: 'signed', bits: 20 }, calibration: { type: 'none' } },
    { id: 5, name: 'obc.heater_on', subsystem: 'obc', description: 'boolean', unit: '', encoding: { kind: 'unsigned', bits: 1 }, calibration: { type: 'none' }, states: { '0': 'FALSE', '1': 'TRUE' } },
    { id: 6, name: 'obc.counter_le', subsystem: 'obc', description: 'little-endian counter', unit: '', encoding: { kind: 'unsigned', bits: 16, byteOrder: 'little' }, calibration: { type: 'none' } },
    { id: 7, name: 'obc.word_swapped', subsystem: 'obc', description: 'signed 32-bit, halves little-endian', unit: '', encoding: { kind: 'signed', bits: 32, byteOrder: [1, 0, 3, 2] }, calibration: { type: 'none' } },
    { id: 8, name: 'obc.temp', subsystem: 'obc', description: 'float32 big-endian', unit: 'degC', encoding: { kind: 'float', bits: 32 }, calibration: { type: 'none' } },
    { id: 9, name: 'obc.pressure', subsystem: 'obc', description: 'float64 little-endian', unit: 'Pa', encoding: { kind: 'float', bits: 64, byteOrder: 'little' }, calibration: { type: 'none' } },
    { id: 10, name: 'obc.gain', subsystem: 'obc', description: 'float32 at an odd bit offset', unit: '', encoding: { kind: 'float', bits: 32 }, calibration: { type: 'none' } },
    { id: 20, name: 'obc.cell', subsystem: 'obc', description: 'four 10-bit cells', unit: 'mV', arrayLength: 4, encoding: { kind: 'unsigned', bits: 10 }, calibration: { type: 'polynomial', coefficients: [0, 5] } },
    { id: 30, name: 'obc.uptime_ns', subsystem: 'obc', description: '64-bit counter', unit: 'ns', encoding: { kind: 'unsigned', bits: 64 }, calibration: { type: 'none' } },
    { id: 31, name: 'obc.offset_ns', subsystem: 'obc', description: '60-bit signed', unit: 'ns', encoding: { kind: 'signed', bits: 60 }, calibration: { type: 'none' } },
    { id: 32, name: 'obc.thermistor', subsystem: 'obc', description: 'table conversion', unit: 'degC', encoding: { kind: 'unsigned', bits: 12 }, calibration: { type: 'table', points: [[100, 80], [1000, 20], [3000, -40]] } },
    { id: 33, name: 'obc.level', subsystem: 'obc', description: 'range enumeration', unit: '', encoding: { kind: 'unsigned', bits: 8 }, calibration: { type: 'none' }, states: { '255': 'INVALID' }, stateRanges: [{ min: 0, max: 99, state: 'LOW' }, { min: 100, max: 254, state: 'HIGH' }] },
    { id: 34, name: 'obc.label', subsystem: 'obc', description: 'fixed string', unit: '', encoding: { kind: 'string', bits: 48 }, calibration: { type: 'none' } },
    { id: 35, name: 'obc.samples', subsystem: 'obc', description: 'samples to the end of the packet', unit: '', arrayLength: 'remaining', encoding: { kind: 'signed', bits: 16 }, calibration: { type: 'polynomial', coefficients: [0, 0.5] } },
  ],
  packets: [
    {
      name: 'housekeeping',
      apid: 100,
      header: 'ccsds',
      subsystem: 'obc',
      select: [{ parameter: 'obc.packet_id', value: 1 }],
      parameters: [
        'obc.packet_id',
        'obc.mode',
        'obc.adc',
        'obc.micros',
        'obc.heater_on',
        { spare: 4 },
        'obc.counter_le',
        'obc.word_swapped',
        'obc.temp',
        'obc.pressure',
        { spare: 3 },
        'obc.gain',
        'obc.cell',
        { spare: 1 },
        'obc.uptime_ns',
        'obc.offset_ns',
        'obc.thermistor',
        'obc.level',
        'obc.label',
      ],
    },
    { name: 'science', apid: 100, header: 'ccsds', subsystem: 'obc', select: [{ parameter: 'obc.packet_id', value: 2 }], parameters: ['obc.packet_id', 'obc.mode', { spare: 5 }, 'obc.samples'] },
  ],
};
const mdb = MissionDatabase.fromFile(definition);

describe('Codec > DecodePlan', () => {
  const fields = {
    mode: 5,
    adc: 0xabc,
    micros: -123456,
    heaterOn: 1,
    counterLe: 0x1234,
    wordSwapped: -19088744, // 0xFEDCBA98
    temp: -12.75,
    pressure: 101325.125,
    gain: 3.1415927410125732, // exactly representable as float32
    cells: [0, 1, 512, 1023],
    uptimeNs: 18446744073709551557n, // 2^64 − 59
    offsetNs: -576460752303423000n,
    thermistor: 2000,
    level: 150,
    label: 'OBC-A',
  };
  const housekeeping =
    unsignedBits(1, 8) +
    unsignedBits(fields.mode, 3) +
    unsignedBits(fields.adc, 12) +
    signedBits(fields.micros, 20) +
    unsignedBits(fields.heaterOn, 1) +
    '0000' +
    reorder(unsignedBits(fields.counterLe, 16), [0, 1]) +
    reorder(signedBits(fields.wordSwapped, 32), [1, 0, 3, 2]) +
    floatBits(fields.temp, 32) +
    reorder(floatBits(fields.pressure, 64), [0, 1, 2, 3, 4, 5, 6, 7]) +
    '000' +
    floatBits(fields.gain, 32) +
    fields.cells.map((c) => unsignedBits(c, 10)).join('') +
    '0' +
    unsignedBits(fields.uptimeNs, 64) +
    signedBits(fields.offsetNs, 60) +
    unsignedBits(fields.thermistor, 12) +
    unsignedBits(fields.level, 8) +
    textBits(fields.label, 6);

  it('places fields at the bit offsets the definition implies', () => {
    const layout = mdb.layoutsOf(100).find((l) => l.name === 'housekeeping')!;
    const at = Object.fromEntries(layout.fields.map((f) => [f.parameter.name, f.bitOffset]));
    // 48-bit primary header, then 8 + 3 + 12 + 20 + 1 + 4 spare bits before the little-endian counter.
    expect(at).toMatchObject({ 'obc.packet_id': 48, 'obc.mode': 56, 'obc.adc': 59, 'obc.micros': 71, 'obc.heater_on': 91, 'obc.counter_le': 96 });
    expect(at['obc.gain']).toBe(96 + 16 + 32 + 32 + 64 + 3);
    expect(layout.totalBytes).toBe(6 + Math.ceil(housekeeping.length / 8));
    expect(layout.parameters.map((p) => p.name).slice(10, 14)).toEqual(['obc.cell[0]', 'obc.cell[1]', 'obc.cell[2]', 'obc.cell[3]']);
  });

  it('decodes every field kind from a hand-built bit pattern', () => {
    const result = decodeSpacePacket(mdb, packetOf(100, 77, housekeeping));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { layout, header, raw, values, extras } = result.packet;
    expect(layout.name).toBe('housekeeping');
    expect(header.sequenceCount).toBe(77);
    const rawOf = (name: string) => raw[layout.parameters.findIndex((p) => p.name === name)];
    const valueOf = (name: string) => values[layout.parameters.findIndex((p) => p.name === name)];
    expect(rawOf('obc.mode')).toBe(5);
    expect(rawOf('obc.adc')).toBe(2748);
    expect(valueOf('obc.adc')).toBeCloseTo(0.5 + 0.01 * 2748 + 0.000002 * 2748 * 2748, 9);
    expect(rawOf('obc.micros')).toBe(-123456);
    expect(rawOf('obc.heater_on')).toBe(1);
    expect(rawOf('obc.counter_le')).toBe(0x1234);
    expect(rawOf('obc.word_swapped')).toBe(-19088744);
    expect(rawOf('obc.temp')).toBe(-12.75);
    expect(rawOf('obc.pressure')).toBe(101325.125);
    expect(rawOf('obc.gain')).toBe(fields.gain);
    expect(fields.cells.map((_, i) => rawOf(`obc.cell[${i}]`))).toEqual([0, 1, 512, 1023]);
    expect(fields.cells.map((_, i) => valueOf(`obc.cell[${i}]`))).toEqual([0, 5, 2560, 5115]);
    // Table: 2000 lies halfway between (1000, 20) and (3000, −40).
    expect(valueOf('obc.thermistor')).toBe(-10);
    expect(rawOf('obc.level')).toBe(150);
    expect(extras?.exact).toEqual({ 'obc.uptime_ns': fields.uptimeNs, 'obc.offset_ns': fields.offsetNs });
    expect(rawOf('obc.uptime_ns')).toBe(Number(fields.uptimeNs));
    expect(extras?.texts).toEqual({ 'obc.label': 'OBC-A' });
  });

  it('names enumeration states by single value and by value range', async () => {
    const { stateOf } = await import('../mission/calibration');
    const level = mdb.parameter('obc.level')!;
    expect([0, 99, 100, 254, 255].map((r) => stateOf(level, r))).toEqual(['LOW', 'LOW', 'HIGH', 'HIGH', 'INVALID']);
    expect(stateOf(mdb.parameter('obc.mode')!, 5)).toBe('SCIENCE');
    expect(stateOf(mdb.parameter('obc.mode')!, 4)).toBeUndefined();
  });

  it('selects the layout by the secondary-header field and reads a variable-length tail', () => {
    const samples = [-3, 0, 7, -32768, 32767];
    const body = unsignedBits(2, 8) + unsignedBits(0, 3) + '00000' + samples.map((s) => signedBits(s, 16)).join('');
    const result = decodeSpacePacket(mdb, packetOf(100, 1, body));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.packet.layout.name).toBe('science');
    expect(result.packet.extras?.tails['obc.samples']).toEqual({ raw: samples, values: samples.map((s) => s * 0.5) });
    const shorter = decodeSpacePacket(mdb, packetOf(100, 2, unsignedBits(2, 8) + '00000000' + signedBits(-1, 16)));
    expect(shorter.ok && shorter.packet.extras?.tails['obc.samples']?.raw).toEqual([-1]);
  });

  it('reports a packet no layout of its APID selects, and one too short for its layout', () => {
    const unknown = decodeSpacePacket(mdb, packetOf(100, 1, unsignedBits(9, 8) + '0'.repeat(64)));
    expect(unknown).toMatchObject({ ok: false, error: { reason: 'unknown-definition-version', message: 'APID 100 has no layout for this packet (obc.packet_id = 1; obc.packet_id = 2)' } });
    const short = decodeSpacePacket(mdb, packetOf(100, 1, housekeeping.slice(0, 200)));
    expect(short).toMatchObject({ ok: false, error: { reason: 'length-mismatch' } });
    expect(short.ok ? '' : short.error.message).toBe(`packet "housekeeping" v1 is ${6 + Math.ceil(housekeeping.length / 8)} bytes, header declares ${6 + 25}`);
  });
});
