/**
 * Perigee on an imported mission database: the AURORA XTCE example, whose
 * packets have only a CCSDS primary header and carry the spacecraft id and
 * CUC onboard time in fields the XTCE names. Packets written out by hand
 * from the XTCE (and a second of the definition-model simulator) go through
 * the processor and the archiver, on the in-process bus, into TimescaleDB;
 * the stored raw packets and samples are read back and compared with values
 * computed here from the raw counts and the XTCE calibrations.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../db/testing/test-database';
import { syncParameters } from '../../db/queries/sync-parameters';
import { MemoryBus } from '../adapters/memory/memory-bus';
import { PostgresTelemetryStore } from '../adapters/postgres/postgres-telemetry-store';
import { loadConfig } from '../config';
import { signedBits, unsignedBits } from '../domain/codec/testing/bit-pattern';
import { missionFleet } from '../domain/mission/fleet';
import { importDefinitions } from '../domain/mission/import/import-definitions';
import { runnableMission } from '../domain/mission/runnable-mission';
import { publishAsGateway } from '../ingest/testing/publish-as-gateway';
import { createLogger } from '../log';
import type { BusProducer } from '../ports/bus';
import { FleetSimulator } from '../sim/fleet-simulator';
import { HEADERS, TOPICS } from '../topics';
import { startArchiver, type Archiver } from './archiver';
import { startProcessor, type Processor } from './processor';

const AURORA = path.join(import.meta.dirname, '../domain/mission/fixtures/aurora.xtce.xml');
const mdb = runnableMission(importDefinitions([{ file: AURORA, text: fs.readFileSync(AURORA, 'utf8') }]));
const log = createLogger({ level: 'error', namespace: 'imported-mission-test' });
/** Whole second two minutes ago: onboard times in the recent past, arrivals 40 ms after them. */
const T0 = Math.floor((Date.now() - 120_000) / 1000) * 1000;

let db: TestDatabase;
let bus: MemoryBus;
let producer: BusProducer;
let processor: Processor;
let archiver: Archiver;

const toBytes = (bits: string) => Uint8Array.from({ length: Math.ceil(bits.length / 8) }, (_, i) => parseInt(bits.slice(8 * i, 8 * i + 8).padEnd(8, '0'), 2));
const floatBits = (value: number) => {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, value);
  return unsignedBits(view.getUint32(0), 32);
};
/** Primary header (secondary-header flag set, unsegmented), CUC coarse + fine time, spacecraft id. */
function headers(apid: number, sequenceCount: number, bodyBits: number, onboardMs: number, spacecraft: number): string {
  const totalBytes = 6 + 8 + Math.ceil(bodyBits / 8);
  const seconds = Math.floor(onboardMs / 1000);
  const fine = ((onboardMs - seconds * 1000) / 1000) * 65536; // exact for the quarter seconds used here
  return '000' + '0' + '1' + unsignedBits(apid, 11) + '11' + unsignedBits(sequenceCount, 14) + unsignedBits(totalBytes - 7, 16) +
    unsignedBits(seconds, 32) + unsignedBits(fine, 16) + unsignedBits(spacecraft, 16);
}

/** EPS_HK raw counts, in wire order; BUS_V is an IEEE float. */
const EPS_RAW = { batt_v: 30_125, batt_i: -2_340, batt_t: 1_875, soc: 161, sa_i_px: 2_250, sa_i_mx: 11, sa_i_py: 3_001, sa_i_my: 0, bus_v: 28.5, load_i: 3_310, eps_mode: 3 };
function epsPacket(sequenceCount: number, onboardMs: number, spacecraft: number): Uint8Array {
  const r = EPS_RAW;
  const body = unsignedBits(r.batt_v, 16) + signedBits(r.batt_i, 16) + signedBits(r.batt_t, 16) + unsignedBits(r.soc, 8) +
    unsignedBits(r.sa_i_px, 12) + unsignedBits(r.sa_i_mx, 12) + unsignedBits(r.sa_i_py, 12) + unsignedBits(r.sa_i_my, 12) +
    floatBits(r.bus_v) + unsignedBits(r.load_i, 16) + unsignedBits(r.eps_mode, 8);
  return toBytes(headers(0x101, sequenceCount, body.length, onboardMs, spacecraft) + body);
}
const EPS_EXPECTED: Record<string, [number, number]> = {
  'aurora_eps.batt_v': [30_125 * 0.001, 30_125],
  'aurora_eps.batt_i': [-2_340 * 0.001, -2_340],
  'aurora_eps.batt_t': [1_875 * 0.01, 1_875],
  'aurora_eps.soc': [161 * 0.5, 161],
  'aurora_eps.sa_i_px': [2_250 * 0.002, 2_250],
  'aurora_eps.sa_i_mx': [11 * 0.002, 11],
  'aurora_eps.sa_i_py': [3_001 * 0.002, 3_001],
  'aurora_eps.sa_i_my': [0, 0],
  'aurora_eps.bus_v': [28.5, 28.5],
  'aurora_eps.load_i': [3_310 * 0.001, 3_310],
  'aurora_eps.eps_mode': [3, 3],
};

/** THERMAL_HK: five signed 16-bit panels (0.01 °C), five 12-bit sensors (-50 + 0.05·raw °C), 4 spare bits. */
const PANELS = [2_315, -1_020, 455, 0, 3_999];
const SENSORS = [1_400, 1_000, 1_234, 4_095, 0];
function thermalPacket(sequenceCount: number, onboardMs: number, spacecraft: number): Uint8Array {
  const body = PANELS.map((v) => signedBits(v, 16)).join('') + SENSORS.map((v) => unsignedBits(v, 12)).join('') + '0000';
  return toBytes(headers(0x103, sequenceCount, body.length, onboardMs, spacecraft) + body);
}
const THERMAL_NAMES = ['t_panel_px', 't_panel_mx', 't_panel_py', 't_panel_my', 't_obc', 't_batt_box', 't_radio', 't_wheel_box', 't_camera', 't_star_tracker'];
const THERMAL_EXPECTED: Record<string, [number, number]> = Object.fromEntries(
  THERMAL_NAMES.map((n, i) => [`aurora_thermal.${n}`, i < 5 ? [PANELS[i]! * 0.01, PANELS[i]!] : [-50 + 0.05 * SENSORS[i - 5]!, SENSORS[i - 5]!]]),
);

beforeAll(async () => {
  db = await startTestDatabase();
  await syncParameters(db.pool, mdb);
  bus = new MemoryBus({ log });
  producer = await bus.producer();
  archiver = await startArchiver({ bus, store: new PostgresTelemetryStore(db.pool), mdb, groupId: 'perigee-archiver-test', log });
  processor = await startProcessor({ bus, mdb, fleet: missionFleet(mdb, 2), groupId: 'perigee-processor-test', stream: loadConfig({}).stream, log });
}, 120_000);

afterAll(async () => {
  await processor?.stop();
  await archiver?.stop();
  await bus?.close();
  await db?.stop();
});

async function waitFor<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: last ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const count = async (sql: string, params: unknown[] = []) => Number((await db.pool.query(sql, params)).rows[0].n);

describe('Worker > an imported XTCE mission with primary-header-only packets', () => {
  it('stores the raw packets and exactly the samples the XTCE calibrations give, at the onboard time of the CUC fields', async () => {
    const packets = [
      { bytes: epsPacket(1, T0 + 250, 101), onboardMs: T0 + 250, satellite: 101 },
      { bytes: thermalPacket(1, T0 + 500, 101), onboardMs: T0 + 500, satellite: 101 },
      { bytes: epsPacket(2, T0 + 750, 102), onboardMs: T0 + 750, satellite: 102 },
    ];
    await producer.send(
      TOPICS.rawPackets,
      packets.map((p) => ({ key: String(p.satellite), value: Buffer.from(p.bytes), headers: { [HEADERS.arrivalMs]: String(p.onboardMs + 40), [HEADERS.groundStation]: 'svalbard' } })),
    );
    // Each packet its own 11 (EPS) or 10 (THERMAL) parameters; the header fields stay in the raw packet.
    const expectedSamples = 2 * 11 + 10;
    await waitFor('samples', () => count('SELECT count(*) AS n FROM samples'), (n) => n >= expectedSamples);

    const raw = await db.pool.query(`SELECT satellite_id, apid, sequence_count, extract(epoch FROM onboard_time) * 1000 AS onboard_ms, topic, packet FROM raw_packets ORDER BY onboard_time`);
    expect(raw.rows.map((r) => [r.satellite_id, r.apid, r.sequence_count, Number(r.onboard_ms), r.topic, Buffer.from(r.packet).toString('hex')])).toEqual(
      packets.map((p, i) => [p.satellite, i === 1 ? 0x103 : 0x101, i === 2 ? 2 : 1, p.onboardMs, TOPICS.rawPackets, Buffer.from(p.bytes).toString('hex')]),
    );

    const rows = await db.pool.query(
      `SELECT s.satellite_id, p.name, extract(epoch FROM s.ts) * 1000 AS ms, s.value, s.raw_value, s.quality
         FROM samples s JOIN parameters p ON p.id = s.parameter_id ORDER BY s.ts, p.name`,
    );
    const stored = (satellite: number, ms: number) =>
      Object.fromEntries(rows.rows.filter((r) => r.satellite_id === satellite && Number(r.ms) === ms).map((r) => [r.name, [r.value, r.raw_value]]));
    expect(stored(101, T0 + 250)).toEqual(EPS_EXPECTED);
    expect(stored(101, T0 + 500)).toEqual(THERMAL_EXPECTED);
    expect(stored(102, T0 + 750)).toEqual(EPS_EXPECTED);
    expect(rows.rows).toHaveLength(expectedSamples);
    expect(rows.rows.every((r) => r.quality === 0)).toBe(true);
  });

  it('archives a second of the simulated fleet, every packet and sample, and quarantines a packet shorter than its layout with the reason', async () => {
    const start = T0 + 10_000;
    const sim = new FleetSimulator({ mdb, fleet: missionFleet(mdb, 2), seed: 5, startTimeMs: start, model: 'definitions' });
    const { packets } = sim.advance(start + 1000);
    expect(packets).toHaveLength(2 * 4 * 10);
    await publishAsGateway(producer, mdb, packets, { linkDelayMs: 40 });
    const truncated = epsPacket(9, T0 + 20_000, 101).subarray(0, 30);
    truncated[5] = truncated.length - 7; // a consistent primary header, 4 bytes short of EPS_HK
    await producer.send(TOPICS.rawPackets, [{ key: '101', value: Buffer.from(truncated), headers: { [HEADERS.arrivalMs]: String(T0 + 20_040) } }]);

    const perPacket = { 0x101: 11, 0x102: 10, 0x103: 10, 0x104: 10 } as Record<number, number>;
    const expected = packets.reduce((n, p) => n + perPacket[p.apid]!, 0);
    const inWindow = `SELECT count(*) AS n FROM samples WHERE ts >= to_timestamp($1 / 1000.0)`;
    await waitFor('simulated samples', () => count(inWindow, [start]), (n) => n >= expected);
    // Refused twice, each where it is read: the processor decoding it, and the archiver decoding it for bronze (no
    // spacecraft or onboard time in a primary header alone); which lands first is a race.
    await waitFor('quarantine', () => count(`SELECT count(*) AS n FROM quarantine WHERE reason = 'length-mismatch'`), (n) => n >= 2);
    expect(await count(inWindow, [start])).toBe(expected);
    expect(await count('SELECT count(*) AS n FROM raw_packets WHERE onboard_time >= to_timestamp($1 / 1000.0)', [start])).toBe(packets.length);
    const quarantine = await db.pool.query(`SELECT stage, detail, apid FROM quarantine WHERE reason = 'length-mismatch' ORDER BY stage`);
    expect(quarantine.rows.map((r) => [r.stage, r.apid, r.detail.endsWith('packet "EPS_HK" v1 is 34 bytes, header declares 30')])).toEqual([
      ['processor', 0x101, true],
      ['worker', null, true],
    ]);
    // Every EPS mode the simulator sent is one of the XTCE enumeration's values.
    const modes = await db.pool.query(`SELECT DISTINCT s.value FROM samples s JOIN parameters p ON p.id = s.parameter_id WHERE p.name = 'aurora_eps.eps_mode'`);
    expect(modes.rows.every((r) => [0, 1, 2, 3].includes(r.value))).toBe(true);
  });
});
