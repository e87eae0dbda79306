import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MissionDatabaseError } from '../../errors';
import { TOPICS } from '../../topics';
import { decodePacket, encodePacket } from '../codec/packet-codec';
import { routePacket } from '../codec/route-packet';
import { signedBits, unsignedBits } from '../codec/testing/bit-pattern';
import { defaultRuleSet } from '../stream/rules/load-rule-set';
import { TelemetryPipeline } from '../stream/telemetry-pipeline';
import { defaultMissionDatabase } from './default-mission-database';
import { missionFleet } from './fleet';
import { importDefinitions } from './import/import-definitions';
import { MissionDatabase } from './mission-database';
import { runnableMission } from './runnable-mission';
import type { MissionDatabaseInput } from './schema';

const AURORA = path.join(import.meta.dirname, 'fixtures/aurora.xtce.xml');
const DEMOSAT = path.join(import.meta.dirname, 'fixtures/demosat.xtce.xml');
const aurora = runnableMission(importDefinitions([{ file: AURORA, text: fs.readFileSync(AURORA, 'utf8') }]));
const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);

const floatBits = (value: number) => {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, value);
  return unsignedBits(view.getUint32(0), 32);
};
const toBytes = (bits: string) => Uint8Array.from({ length: Math.ceil(bits.length / 8) }, (_, i) => parseInt(bits.slice(8 * i, 8 * i + 8).padEnd(8, '0'), 2));

/** An AURORA EPS packet written out by hand from the XTCE: primary header, CUC time, spacecraft id, then the ten fields and the mode. */
function epsPacket({ sequenceCount, seconds, fine, spacecraft }: { sequenceCount: number; seconds: number; fine: number; spacecraft: number }): Uint8Array {
  const body =
    unsignedBits(29_500, 16) + // BATT_V 29.5 V (0.001 V)
    signedBits(-1_250, 16) + // BATT_I -1.25 A
    signedBits(2_150, 16) + // BATT_T 21.5 °C (0.01)
    unsignedBits(170, 8) + // SOC 85 % (0.5)
    unsignedBits(2_000, 12) + unsignedBits(1_500, 12) + unsignedBits(0, 12) + unsignedBits(3_000, 12) + // SA_I_* (0.002 A)
    floatBits(28.25) + // BUS_V
    unsignedBits(2_400, 16) + // LOAD_I 2.4 A
    unsignedBits(2, 8); // EPS_MODE NOMINAL
  const totalBytes = 6 + 8 + body.length / 8;
  const header = '000' + '0' + '1' + unsignedBits(0x101, 11) + '11' + unsignedBits(sequenceCount, 14) + unsignedBits(totalBytes - 7, 16);
  return toBytes(header + unsignedBits(seconds, 32) + unsignedBits(fine, 16) + unsignedBits(spacecraft, 16) + body);
}

describe('Mission > an imported mission database run through the pipeline', () => {
  it('imports the AURORA example: four 10 Hz packets on the shared raw lane, with derived views of ten plotted series each', () => {
    expect(aurora.layouts.map((l) => [l.name, l.apid, l.header, l.rateHz, l.topic, l.totalBytes])).toEqual([
      ['EPS_HK', 0x101, 'ccsds', 10, TOPICS.rawPackets, 34],
      ['ADCS_HK', 0x102, 'ccsds', 10, TOPICS.rawPackets, 14 + 4 * 4 + 3 * 2 + 3 * 2],
      ['THERMAL_HK', 0x103, 'ccsds', 10, TOPICS.rawPackets, 14 + 18],
      ['PAYLOAD_HK', 0x104, 'ccsds', 10, TOPICS.rawPackets, 14 + 2 + 4 + 2 + 4 + 2 + 1 + 2 + 1 + 2 + 2],
    ]);
    const shown = aurora.subsystems.filter((s) => s.views.length > 0);
    expect(shown.map((s) => [s.id, s.views.map((v) => `${v.kind}:${v.title}:${v.kind === 'plot' || v.kind === 'values' ? v.parameters.length : 0}`)])).toEqual([
      ['aurora_eps', ['plot:EPS trends:10', 'values:EPS parameters:11']],
      ['aurora_adcs', ['plot:ADCS trends:10', 'values:ADCS parameters:10']],
      ['aurora_thermal', ['plot:THERMAL trends:10', 'values:THERMAL parameters:10']],
      ['aurora_payload', ['plot:PAYLOAD trends:10', 'values:PAYLOAD parameters:10']],
    ]);
    // The header subsystem holds only packet bookkeeping: no views, no raw topic (no packet of its own).
    expect(aurora.subsystem('aurora')).toMatchObject({ views: [] });
    expect(aurora.subsystem('aurora')?.topic).toBeUndefined();
    expect(aurora.file.spacecraftMode).toEqual({ parameter: 'aurora_eps.eps_mode' });
    expect(aurora.file.ccsdsPackets).toEqual({
      spacecraft: { source: 'parameter', parameter: 'aurora.sc_id' },
      onboardTime: { source: 'parameter', seconds: 'aurora.cuc_coarse', subseconds: 'aurora.cuc_fine' },
    });
  });

  it('takes spacecraft and onboard time from the packet fields the mission database names, and decodes every field', () => {
    const bytes = epsPacket({ sequenceCount: 9, seconds: T0 / 1000, fine: 16_384, spacecraft: 102 });
    const pipeline = new TelemetryPipeline({ mdb: aurora, fleet: missionFleet(aurora, 3) });
    const { frames, quarantine } = pipeline.processBatch([{ bytes, topic: TOPICS.rawPackets, partition: 0, offset: '0', arrivalMs: T0 + 900 }]);
    expect(quarantine).toEqual([]);
    expect(frames).toHaveLength(1);
    const frame = frames[0]!;
    // CUC fine time 16384 / 65536 s = 250 ms.
    expect(frame).toMatchObject({ satelliteId: 102, apid: 0x101, subsystem: 'aurora_eps', sequenceCount: 9, onboardTimeMs: T0 + 250, arrivalMs: T0 + 900 });
    // EPS_MODE is the mission's spacecraftMode: its state is the frame's mode.
    expect(frame.context?.mode).toBe('NOMINAL');
    const byName = Object.fromEntries(frame.parameterIds.map((id, i) => [aurora.parameterById(id)!.name, frame.values[i]]));
    // The header fields (primary header, CUC time, spacecraft id) are bookkeeping: in the raw packet, not samples.
    expect(byName).toEqual({
      'aurora_eps.batt_v': 29_500 * 0.001,
      'aurora_eps.batt_i': -1_250 * 0.001,
      'aurora_eps.batt_t': 2_150 * 0.01,
      'aurora_eps.soc': 85,
      'aurora_eps.sa_i_px': 2_000 * 0.002,
      'aurora_eps.sa_i_mx': 1_500 * 0.002,
      'aurora_eps.sa_i_py': 0,
      'aurora_eps.sa_i_my': 3_000 * 0.002,
      'aurora_eps.bus_v': 28.25,
      'aurora_eps.load_i': 2_400 * 0.001,
      'aurora_eps.eps_mode': 2,
    });
  });

  it('encodes what it decodes: the encoder writes the same bytes as the hand-made packet', () => {
    const values = {
      'aurora_eps.batt_v': 29.5, 'aurora_eps.batt_i': -1.25, 'aurora_eps.batt_t': 21.5, 'aurora_eps.soc': 85,
      'aurora_eps.sa_i_px': 4, 'aurora_eps.sa_i_mx': 3, 'aurora_eps.sa_i_py': 0, 'aurora_eps.sa_i_my': 6,
      'aurora_eps.bus_v': 28.25, 'aurora_eps.load_i': 2.4, 'aurora_eps.eps_mode': 2,
    };
    const encoded = encodePacket(aurora, { apid: 0x101, satelliteId: 102, sequenceCount: 9, onboardTimeMs: T0 + 250, values });
    expect(Buffer.from(encoded).toString('hex')).toBe(Buffer.from(epsPacket({ sequenceCount: 9, seconds: T0 / 1000, fine: 16_384, spacecraft: 102 })).toString('hex'));
    expect(routePacket(aurora, encoded, T0 + 900)).toEqual({ ok: true, topic: TOPICS.rawPackets, apid: 0x101, satelliteId: 102, playback: false });
  });

  it('uses the arrival time and a fixed spacecraft when the mission says so, and refuses a packet without an arrival time', () => {
    const definition: MissionDatabaseInput = {
      mission: 'beacon',
      version: '1.0.0',
      ccsdsPackets: { spacecraft: { source: 'fixed', id: 7 }, onboardTime: { source: 'arrival' } },
      subsystems: [{ id: 'beacon', name: 'Beacon' }],
      parameters: [{ id: 1, name: 'beacon.volts', subsystem: 'beacon', description: '', unit: 'V', encoding: { kind: 'unsigned', bits: 16 }, calibration: { type: 'polynomial', coefficients: [0, 0.01] } }],
      packets: [{ name: 'BEACON', apid: 5, header: 'ccsds', subsystem: 'beacon', parameters: ['beacon.volts'] }],
    };
    const mdb = runnableMission(MissionDatabase.fromFile(definition));
    const bytes = toBytes('000' + '0' + '0' + unsignedBits(5, 11) + '11' + unsignedBits(3, 14) + unsignedBits(1, 16) + unsignedBits(812, 16));
    const decoded = decodePacket(mdb, bytes, {}, { arrivalMs: T0 + 17 });
    expect(decoded.ok && [decoded.packet.satelliteId, decoded.packet.onboardTimeMs, decoded.packet.values[0]]).toEqual([7, T0 + 17, 812 * 0.01]);
    const noArrival = decodePacket(mdb, bytes);
    expect(noArrival.ok ? null : [noArrival.error.reason, noArrival.error.message]).toEqual([
      'no-secondary-header',
      'packet "BEACON" (APID 5) has no onboard time: no arrival time was given',
    ]);
    expect(missionFleet(mdb, 3).satellites.map((s) => [s.id, s.name])).toEqual([[7, 'beacon']]);
    expect(mdb.subsystem('beacon')).toMatchObject({ topic: TOPICS.rawPackets, views: [{ kind: 'plot', parameters: ['beacon.volts'] }, { kind: 'values', parameters: ['beacon.volts'] }] });
  });

  it('refuses to run packets whose spacecraft and onboard time the mission database does not place, naming them', () => {
    const demosat = importDefinitions([{ file: DEMOSAT, text: fs.readFileSync(DEMOSAT, 'utf8') }]);
    expect(() => runnableMission(demosat)).toThrow(MissionDatabaseError);
    expect(() => runnableMission(demosat)).toThrow(/packet\(s\) "EPS_HK" \(APID 100\), "EPS_EVENT" \(APID 100\) have only a CCSDS primary header/);
    // It still decodes (perigee decode --mdb), and the pipeline quarantines it with the reason.
    const pipeline = new TelemetryPipeline({ mdb: demosat, fleet: missionFleet(demosat, 1) });
    const totalBytes = demosat.layoutsOf(100).find((l) => l.name === 'EPS_HK')!.totalBytes;
    // Primary header, CUC time, then the secondary header's packet id 1 that selects EPS_HK.
    const bits = '000' + '0' + '1' + unsignedBits(100, 11) + '11' + unsignedBits(0, 14) + unsignedBits(totalBytes - 7, 16) + '0'.repeat(48) + unsignedBits(1, 8);
    const bytes = toBytes(bits.padEnd(totalBytes * 8, '0'));
    const { quarantine } = pipeline.processBatch([{ bytes, topic: TOPICS.rawPackets, partition: 0, offset: '0', arrivalMs: T0 }]);
    expect(quarantine.map((q) => [q.reason, q.detail])).toEqual([
      ['no-secondary-header', 'packet "EPS_HK" (APID 100) has no Perigee secondary header, and the mission database does not say where its spacecraft and onboard time are (ccsdsPackets)'],
    ]);
  });

  it('names the file and line of a bad identity in XTCE, and the packet lacking an identity field', () => {
    const text = fs.readFileSync(AURORA, 'utf8');
    const misnamed = text.replace('parameter">SC_ID<', 'parameter">SC_IDX<');
    const line = misnamed.split('\n').findIndex((l) => l.includes('SC_IDX')) + 1;
    expect(() => importDefinitions([{ file: 'aurora.xml', text: misnamed }])).toThrow(`aurora.xml:${line}: perigee.spacecraft-id-parameter names unknown parameter "SC_IDX"`);
    const json = structuredClone(aurora.file) as MissionDatabaseInput;
    json.ccsdsPackets = { spacecraft: { source: 'parameter', parameter: 'aurora_eps.soc' }, onboardTime: { source: 'arrival' } };
    expect(() => MissionDatabase.fromFile(json)).toThrow('packet "ADCS_HK" (APID 258) has no numeric field "aurora_eps.soc", which ccsdsPackets names as the spacecraft id');
  });

  it('reads a fixed spacecraft and the arrival time from XTCE AncillaryData, and refuses half an identity', () => {
    const text = fs.readFileSync(AURORA, 'utf8');
    const identity = /    <AncillaryData name="perigee\.spacecraft-id-parameter">[\s\S]*?CUC_FINE<\/AncillaryData>\n/;
    const fixed = text.replace(identity, '    <AncillaryData name="perigee.spacecraft-id">9</AncillaryData>\n    <AncillaryData name="perigee.onboard-time">arrival</AncillaryData>\n');
    const mdb = importDefinitions([{ file: 'aurora.xml', text: fixed }]);
    expect(mdb.file.ccsdsPackets).toEqual({ spacecraft: { source: 'fixed', id: 9 }, onboardTime: { source: 'arrival' } });
    const half = text.replace(identity, '    <AncillaryData name="perigee.spacecraft-id">9</AncillaryData>\n');
    const line = half.split('\n').findIndex((l) => l.includes('perigee.spacecraft-id"')) + 1;
    expect(() => importDefinitions([{ file: 'aurora.xml', text: half }])).toThrow(
      `aurora.xml:${line}: give exactly one of perigee.onboard-time-seconds-parameter and perigee.onboard-time = arrival`,
    );
  });

  it('runs only the stream rules whose parameters the mission has; the built-in mission keeps all three', () => {
    expect(defaultRuleSet(aurora).rules.map((r) => r.id)).toEqual(['limit']);
    expect(defaultRuleSet(defaultMissionDatabase()).rules.map((r) => r.id)).toEqual(['attitude-deviation', 'thermal-overtemperature', 'limit']);
    expect(runnableMission(defaultMissionDatabase())).toBe(defaultMissionDatabase());
  });
});
