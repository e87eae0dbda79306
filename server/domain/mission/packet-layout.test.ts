import { describe, expect, it } from 'vitest';
import { defaultMissionDatabase } from './default-mission-database';
import { MissionDatabase } from './mission-database';
import type { MissionDatabaseInput } from './schema';

type Parameter = MissionDatabaseInput['parameters'][number];
const parameter = (name: string, extra: Partial<Parameter> = {}, id = 1): Parameter => ({
  id,
  name: `x.${name}`,
  subsystem: 'x',
  description: '',
  unit: '',
  encoding: { kind: 'unsigned', bits: 8 },
  calibration: { type: 'none' },
  ...extra,
});
const mission = (parameters: Parameter[], packets: MissionDatabaseInput['packets']): MissionDatabaseInput => ({
  mission: 'm',
  version: '1.0.0',
  subsystems: [{ id: 'x', name: 'X' }],
  parameters,
  packets,
});

describe('Mission > PacketLayout', () => {
  it('lays the built-in packets out byte-aligned after the 16 header bytes, selected by definition version', () => {
    const power = defaultMissionDatabase().packetLayout(272, 1)!;
    expect(power.fields.map((f) => [f.parameter.name, f.bitOffset, f.encoding.bits])).toEqual([
      ['power.battery_voltage', 128, 16],
      ['power.battery_current', 144, 16],
      ['power.battery_temperature', 160, 16],
      ['power.battery_soc', 176, 16],
      ['power.solar_array_current_px', 192, 16],
      ['power.solar_array_current_mx', 208, 16],
      ['power.solar_array_current_py', 224, 16],
      ['power.solar_array_current_my', 240, 16],
      ['power.bus_load_current', 256, 16],
      ['power.eclipse', 272, 8],
    ]);
    expect(power.selectors.map((s) => [s.bitOffset, s.value])).toEqual([[112, 1]]);
    expect(power.totalBytes).toBe(16 + 9 * 2 + 1 + 2);
    // Version 2 keeps every v1 field where it was and appends one.
    const v2 = defaultMissionDatabase().latestLayout(272)!;
    expect(v2.version).toBe(2);
    expect(v2.fields.slice(0, -1).map((f) => [f.parameter.name, f.bitOffset, f.encoding.bits])).toEqual(power.fields.map((f) => [f.parameter.name, f.bitOffset, f.encoding.bits]));
    expect(v2.fields.map((f) => [f.parameter.name, f.bitOffset, f.encoding.bits]).at(-1)).toEqual(['power.solar_array_power', 280, 16]);
    expect(v2.selectors.map((s) => [s.bitOffset, s.value])).toEqual([[112, 2]]);
    expect(v2.totalBytes).toBe(power.totalBytes + 2);
  });

  it.each([
    ['a 16-bit float', [parameter('a', { encoding: { kind: 'float', bits: 16 } })], 'parameter "x.a" IEEE 754 floats are 32 or 64 bits, not 16'],
    ['a 65-bit integer', [parameter('a', { encoding: { kind: 'signed', bits: 65 } })], 'parameter "x.a" signed integers are 1 to 64 bits, not 65'],
    ['a byte order on 12 bits', [parameter('a', { encoding: { kind: 'unsigned', bits: 12, byteOrder: 'little' } })], 'byte order "little" needs whole bytes, not 12 bits'],
    ['a byte order that is no permutation', [parameter('a', { encoding: { kind: 'unsigned', bits: 16, byteOrder: [0, 0] } })], 'byte order [0, 0] is not an ordering of the 2 bytes'],
    ['both rawType and encoding', [parameter('a', { rawType: 'uint8' })], 'parameter "x.a" gives both rawType and encoding'],
    ['array element ids that collide', [parameter('a', { arrayLength: 3 }), parameter('b', {}, 3)], 'parameter id 3 used by "x.a" and "x.b"'],
    ['a state outside the encoding', [parameter('a', { encoding: { kind: 'unsigned', bits: 2 }, states: { '4': 'FOUR' } })], 'parameter "x.a" state 4 outside 2-bit unsigned'],
  ])('rejects %s', (_, parameters, message) => {
    expect(() => MissionDatabase.fromFile(mission(parameters, [{ name: 'p', apid: 1, header: 'ccsds', subsystem: 'x', parameters: ['x.a'] }]))).toThrow(message);
  });

  it.each([
    ['a field inside the Perigee headers', { name: 'p', apid: 1, subsystem: 'x', parameters: [{ name: 'x.a', bitOffset: 100 }] }, 'parameter "x.a" of packet "p" starts at bit 100, inside the Perigee headers (bits 0–127)'],
    ['a selection on a field the packet lacks', { name: 'p', apid: 1, header: 'ccsds' as const, subsystem: 'x', parameters: ['x.a'], select: [{ parameter: 'x.b', value: 1 }] }, 'packet "p" selects on "x.b", which is not a field of it'],
    ['a selection value the field cannot hold', { name: 'p', apid: 1, header: 'ccsds' as const, subsystem: 'x', parameters: ['x.a'], select: [{ parameter: 'x.a', value: 256 }] }, 'packet "p" selects on x.a = 256, which its 8-bit unsigned field cannot hold'],
    ['a parameter listed twice', { name: 'p', apid: 1, header: 'ccsds' as const, subsystem: 'x', parameters: ['x.a', 'x.a'] }, 'packet "p" lists parameter "x.a" twice'],
    ['fields past the declared length', { name: 'p', apid: 1, header: 'ccsds' as const, subsystem: 'x', parameters: ['x.a', 'x.b'], lengthBytes: 7 }, 'field "x.b" of packet "p" ends at bit 63, past the packet end (7 bytes)'],
  ])('rejects %s', (_, packet, message) => {
    expect(() => MissionDatabase.fromFile(mission([parameter('a'), parameter('b', {}, 2)], [packet]))).toThrow(message);
  });

  it('refuses Perigee and CCSDS-only headers on one APID, and two layouts with the same selection', () => {
    const a = { name: 'a', apid: 1, subsystem: 'x', parameters: ['x.a'] };
    expect(() => MissionDatabase.fromFile(mission([parameter('a')], [a, { ...a, name: 'b', header: 'ccsds', version: 2 }]))).toThrow('APID 1 has packets with perigee and ccsds headers');
    const c = { name: 'c', apid: 1, header: 'ccsds' as const, subsystem: 'x', parameters: ['x.a'], select: [{ parameter: 'x.a', value: 1 }] };
    expect(() => MissionDatabase.fromFile(mission([parameter('a')], [c, { ...c, name: 'd' }]))).toThrow('APID 1 with the same selection (packets "c" and "d") defined twice');
  });
});
