import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeSpacePacket } from '../../codec/packet-codec';
import { floatBits, packetOf, reorder, signedBits, textBits, unsignedBits } from '../../codec/testing/bit-pattern';
import { stateOf } from '../calibration';
import type { MissionDatabase } from '../mission-database';
import { importDefinitions, type DefinitionFile } from './import-definitions';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures');
const fixture = (file: string, extra: Partial<DefinitionFile> = {}): DefinitionFile => ({ file, text: fs.readFileSync(path.join(FIXTURES, file), 'utf8'), ...extra });
const xtce = importDefinitions([fixture('demosat.xtce.xml')]);
const csv = importDefinitions([fixture('eps_hk.csv', { apid: 100 }), fixture('adcs_hk.csv', { apid: 200 }), fixture('science.csv', { apid: 300 })]);

/** EPS_HK as flight software would send it, field by field. */
const eps = { coarse: 812345678, fine: 0x8000, mode: 2, heater: 1, voltage: 791, current: -1234, panelTemp: 23.5, wheel: -2000, boardTemp: 2000 };
function epsHousekeeping(sequenceCount = 5): Uint8Array {
  return packetOf(
    100,
    sequenceCount,
    unsignedBits(eps.coarse, 32) +
      unsignedBits(eps.fine, 16) +
      unsignedBits(1, 8) + // packet id
      unsignedBits(eps.mode, 3) +
      unsignedBits(eps.heater, 1) +
      '0000' +
      unsignedBits(eps.voltage, 12) +
      signedBits(eps.current, 14) +
      floatBits(eps.panelTemp, 32) +
      reorder(signedBits(eps.wheel, 16), [0, 1]) +
      unsignedBits(eps.boardTemp, 12),
  );
}

/** Decoded values by the field's own name (the part after the subsystem). */
function decodeByShortName(mdb: MissionDatabase, bytes: Uint8Array) {
  const result = decodeSpacePacket(mdb, bytes);
  if (!result.ok) throw result.error;
  const { layout, raw, values } = result.packet;
  return {
    layout,
    fields: Object.fromEntries(
      layout.parameters.map((p, i) => [p.name.slice(p.name.indexOf('.') + 1), { raw: raw[i], value: values[i], state: stateOf(p, raw[i]!) }]),
    ),
    extras: result.packet.extras,
  };
}

describe('Mission > import > XTCE', () => {
  it('reads parameter types, encodings, units, calibrators, enumerations and alarm ranges', () => {
    expect(xtce.mission).toBe('DEMOSAT');
    expect(xtce.parameter('demosat.battery_voltage')).toMatchObject({
      unit: 'V',
      encoding: { kind: 'unsigned', bits: 12 },
      calibration: { type: 'polynomial', coefficients: [0, 0.01] },
      limits: { warningLow: 6.5, warningHigh: 8.4, criticalLow: 6, criticalHigh: 8.6 },
    });
    expect(xtce.parameter('demosat.battery_current')).toMatchObject({ encoding: { kind: 'signed', bits: 14 }, calibration: { coefficients: [0.05, 0.001] } });
    expect(xtce.parameter('demosat.wheel_speed')?.encoding).toEqual({ kind: 'signed', bits: 16, byteOrder: 'little' });
    expect(xtce.parameter('demosat.event_arg')?.encoding).toEqual({ kind: 'unsigned', bits: 32, byteOrder: [1, 0, 3, 2] });
    expect(xtce.parameter('demosat.panel_temp')).toMatchObject({ encoding: { kind: 'float', bits: 32 }, limits: { warningLow: -20, criticalHigh: 80 } });
    expect(xtce.parameter('demosat.board_temp')?.calibration).toEqual({ type: 'table', points: [[100, 80], [1000, 20], [3000, -40]] });
    expect(xtce.parameter('demosat.eps_mode')).toMatchObject({ states: { '0': 'OFF', '1': 'SAFE', '2': 'NOMINAL' }, stateRanges: [{ min: 3, max: 7, state: 'RESERVED' }] });
    expect(xtce.parameter('demosat.heater_on')?.states).toEqual({ '0': 'OFF', '1': 'ON' });
  });

  it('flattens inherited containers into packets selected by APID and the secondary-header packet id', () => {
    expect(xtce.layoutsOf(100).map((l) => [l.name, l.selectors.map((s) => s.label)])).toEqual([
      ['EPS_HK', ['demosat.ccsds_sec_hdr_flag = 1', 'demosat.sh_packet_id = 1']],
      ['EPS_EVENT', ['demosat.ccsds_sec_hdr_flag = 1', 'demosat.sh_packet_id = 2']],
    ]);
    const hk = xtce.layoutsOf(100)[0]!;
    const offsets = Object.fromEntries(hk.fields.map((f) => [f.parameter.name, f.bitOffset]));
    expect(offsets).toMatchObject({ 'demosat.ccsds_apid': 5, 'demosat.sh_packet_id': 96, 'demosat.eps_mode': 104, 'demosat.battery_voltage': 112, 'demosat.board_temp': 186 });
    expect(hk.totalBytes).toBe(25);
  });

  it('decodes an EPS event through the layout its packet id selects, with a word-swapped argument', () => {
    const arg = 0xcafe1234;
    const bytes = packetOf(100, 9, unsignedBits(1, 32) + unsignedBits(0, 16) + unsignedBits(2, 8) + unsignedBits(42, 8) + reorder(unsignedBits(arg, 32), [1, 0, 3, 2]));
    const { layout, fields } = decodeByShortName(xtce, bytes);
    expect(layout.name).toBe('EPS_EVENT');
    expect(fields.event_code?.raw).toBe(42);
    expect(fields.event_arg?.raw).toBe(arg);
    expect(fields.ccsds_seq_count?.raw).toBe(9);
  });
});

describe('Mission > import > CCSDSPy CSV', () => {
  it('decodes the EPS housekeeping packet exactly as the XTCE definition does', () => {
    const bytes = epsHousekeeping();
    const fromXtce = decodeByShortName(xtce, bytes).fields;
    const fromCsv = decodeByShortName(csv, bytes).fields;
    const shared = Object.keys(fromCsv);
    expect(shared).toEqual(['sh_coarse', 'sh_fine', 'sh_packet_id', 'eps_mode', 'heater_on', 'battery_voltage', 'battery_current', 'panel_temp', 'wheel_speed', 'board_temp']);
    for (const name of shared) expect(fromCsv[name], name).toEqual(fromXtce[name]);
    expect(fromCsv).toMatchObject({
      sh_coarse: { raw: eps.coarse },
      eps_mode: { raw: 2, state: 'NOMINAL' },
      heater_on: { raw: 1, state: 'ON' },
      battery_voltage: { raw: 791 },
      battery_current: { raw: -1234 },
      panel_temp: { raw: 23.5, value: 23.5 },
      wheel_speed: { raw: -2000, value: -2000 },
      board_temp: { raw: 2000, value: -10 },
    });
    expect(fromCsv.battery_voltage!.value).toBeCloseTo(7.91, 12);
    expect(fromCsv.battery_current!.value).toBeCloseTo(0.05 - 1.234, 12);
    expect(stateOf(csv.parameter('eps_hk.eps_mode')!, 5)).toBe('RESERVED');
    expect(csv.parameter('eps_hk.battery_voltage')?.limits).toEqual(xtce.parameter('demosat.battery_voltage')?.limits);
  });

  it('reads explicit bit offsets, fixed arrays, CCSDSPy byte orders and text', () => {
    const rates = [-4096, 1, 4095];
    const ticks = 0x01020304;
    const body =
      unsignedBits(3, 2) + unsignedBits(1, 1) + rates.map((r) => signedBits(r, 13)).join('') + '000000' + reorder(unsignedBits(ticks, 32), [2, 3, 0, 1]) + textBits('v1.2', 8);
    const { fields, extras } = decodeByShortName(csv, packetOf(200, 1, body));
    expect(fields['adcs_mode']?.raw).toBe(3);
    expect(fields['sun_valid']?.raw).toBe(1);
    expect([0, 1, 2].map((i) => fields[`gyro_rate[${i}]`]?.raw)).toEqual(rates);
    expect(fields['gyro_rate[0]']?.value).toBeCloseTo(-40.96, 12);
    expect(fields['tick_count']?.raw).toBe(ticks);
    expect(extras?.texts).toEqual({ 'adcs_hk.label': 'v1.2' });
    expect(csv.parameter('adcs_hk.gyro_rate[2]')).toMatchObject({ unit: 'deg/s', description: 'body rates x y z [2]' });
  });

  it('reads a variable-length packet whose last array fills the declared length', () => {
    const samples = [100, -100, 32767];
    const { layout, fields, extras } = decodeByShortName(csv, packetOf(300, 1, unsignedBits(7, 16) + unsignedBits(9, 4) + '0000' + samples.map((s) => signedBits(s, 16)).join('')));
    expect(layout.variableLength).toBe(true);
    expect(fields['frame_counter']?.raw).toBe(7);
    expect(fields['gain']?.raw).toBe(9);
    expect(extras?.tails['science.samples']).toEqual({ raw: samples, values: [50, -50, 16383.5] });
  });
});

describe('Mission > import > validation', () => {
  const csvFile = (rows: string, extra: Partial<DefinitionFile> = {}): DefinitionFile => ({ file: 'bad.csv', text: `name,data_type,bit_length,bit_offset\n${rows}`, apid: 5, ...extra });
  it.each([
    ['overlapping fields', csvFile('A,uint,8,48\nB,uint,8,52\n'), 'bad.csv:3: fields "bad.a" (bits 48–55) and "bad.b" (bits 52–59) of packet "bad" overlap'],
    ['a field past the packet end', csvFile('A,uint,16,\nB,uint,16,\n', { lengthBytes: 9 }), 'bad.csv:3: field "bad.b" of packet "bad" ends at bit 79, past the packet end (9 bytes)'],
    ['duplicate names', csvFile('A,uint,8,\nB,int,8,\nA,uint,8,\n'), 'bad.csv:4: duplicate field name "A" (first on line 2)'],
    ['an unknown type', csvFile('A,uint,8,\nB,uint12,8,\n'), 'bad.csv:3: field "B" has unknown data_type "uint12"; expected uint, int, float, str, fill'],
    ['a float of odd width', csvFile('A,float,16,\n'), 'bad.csv:2: field "A": float is 32 or 64 bits, not 16'],
    [
      'a variable field that is not last',
      csvFile('', { text: 'name,data_type,bit_length,array_shape\nA,uint,8,expand\nB,uint,8,\n' }),
      'bad.csv:3: parameter "bad.b" of packet "bad" follows "bad.a", which fills the rest of the packet and must come last',
    ],
    [
      'a field without a bit length',
      csvFile('', { text: 'name,data_type,bit_length,bit_offset\nA,str,,48\nB,uint,8,64\n' }),
      'bad.csv:2: field "A" needs a positive bit_length',
    ],
    ['a CSV without an APID', csvFile('A,uint,8,\n', { apid: undefined }), 'bad.csv: a CSV packet definition needs its APID (--apid)'],
  ])('CSV: rejects %s with file and line', (_, file, message) => {
    expect(() => importDefinitions([file])).toThrow(message);
  });

  it('CSV: rejects two packets claiming the same APID, naming the second file', () => {
    expect(() => importDefinitions([csvFile('A,uint,8,\n'), { ...csvFile('B,uint,8,\n'), file: 'other.csv' }])).toThrow('other.csv:1: APID 5 with the same selection (packets "bad" and "other") defined twice');
  });

  const xml = (types: string, parameters: string, containers = '') =>
    `<?xml version="1.0"?>\n<SpaceSystem xmlns="http://www.omg.org/spec/XTCE/20180204" name="T">\n<TelemetryMetaData>\n<ParameterTypeSet>\n${types}</ParameterTypeSet>\n<ParameterSet>\n${parameters}</ParameterSet>\n<ContainerSet>\n${containers}</ContainerSet>\n</TelemetryMetaData>\n</SpaceSystem>\n`;
  const u8 = '<IntegerParameterType name="u8"><IntegerDataEncoding sizeInBits="8"/></IntegerParameterType>\n';
  const header = '<IntegerParameterType name="u11"><IntegerDataEncoding sizeInBits="11"/></IntegerParameterType>\n<IntegerParameterType name="u5"><IntegerDataEncoding sizeInBits="5"/></IntegerParameterType>\n';
  const headerParameters = '<Parameter name="H" parameterTypeRef="u5"/>\n<Parameter name="APID" parameterTypeRef="u11"/>\n';
  it.each([
    ['an unsupported parameter type', xml(`${u8}<StringParameterType name="s"/>\n`, ''), 't.xml:6: parameter type StringParameterType is not supported'],
    ['a parameter of unknown type', xml(u8, '<Parameter name="A" parameterTypeRef="u8"/>\n<Parameter name="B" parameterTypeRef="u9"/>\n'), 't.xml:9: parameter "B" refers to unknown type "u9"'],
    ['duplicate parameter names', xml(u8, '<Parameter name="A" parameterTypeRef="u8"/>\n<Parameter name="A" parameterTypeRef="u8"/>\n'), 't.xml:9: duplicate parameter name "A" (first on line 8)'],
    ['malformed XML', '<SpaceSystem name="T">\n<TelemetryMetaData>\n</SpaceSystem>\n', 't.xml:3: not well-formed XML'],
    [
      'a container without an APID restriction',
      xml(u8, '<Parameter name="A" parameterTypeRef="u8"/>\n', '<SequenceContainer name="P">\n<EntryList><ParameterRefEntry parameterRef="A"/></EntryList>\n</SequenceContainer>\n'),
      't.xml:11: container "P" has no restriction on the APID',
    ],
    [
      'overlapping entries',
      xml(
        header + u8,
        `${headerParameters}<Parameter name="A" parameterTypeRef="u8"/>\n<Parameter name="B" parameterTypeRef="u8"/>\n`,
        '<SequenceContainer name="Base" abstract="true"><EntryList><ParameterRefEntry parameterRef="H"/><ParameterRefEntry parameterRef="APID"/></EntryList></SequenceContainer>\n<SequenceContainer name="P">\n<EntryList>\n<ParameterRefEntry parameterRef="A"/>\n<ParameterRefEntry parameterRef="B"><LocationInContainerInBits referenceLocation="containerStart"><FixedValue>20</FixedValue></LocationInContainerInBits></ParameterRefEntry>\n</EntryList>\n<BaseContainer containerRef="Base"><RestrictionCriteria><Comparison parameterRef="APID" value="7"/></RestrictionCriteria></BaseContainer>\n</SequenceContainer>\n',
      ),
      't.xml:20: fields "t.a" (bits 16–23) and "t.b" (bits 20–27) of packet "P" overlap',
    ],
  ])('XTCE: rejects %s with file and line', (_, text, message) => {
    expect(() => importDefinitions([{ file: 't.xml', text }])).toThrow(message);
  });
});
