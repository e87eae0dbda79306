/**
 * Reprocessing against real components: simulator packets go through the
 * live path (gateway stamping → bus → processor → archiver → TimescaleDB),
 * then silver and gold rows of a range are deleted for one satellite and
 * corrupted for the other, and `reprocess` rebuilds the range from bronze.
 * Every row of samples, agg_1s and agg_1m must then equal what the live
 * path stored, inside the range and outside it. The bronze holds power
 * packets of two definition versions (PERIGEE-2 flies power v1 until a
 * firmware upload a minute in), and each must be decoded with its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../db/testing/test-database';
import { MemoryBus } from '../adapters/memory/memory-bus';
import { PostgresReprocessingStore } from '../adapters/postgres/postgres-reprocessing-store';
import { PostgresTelemetryStore } from '../adapters/postgres/postgres-telemetry-store';
import { loadConfig } from '../config';
import { secondTierParameterIds } from '../domain/aggregation/series-tier';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { demoFleet } from '../domain/mission/fleet';
import { MissionDatabase } from '../domain/mission/mission-database';
import missionFile from '../domain/mission/mission-database.json' with { type: 'json' };
import { publishAsGateway } from '../ingest/testing/publish-as-gateway';
import { createLogger } from '../log';
import { decodePacket } from '../domain/codec/packet-codec';
import { FleetSimulator } from '../sim/fleet-simulator';
import { powerVersionRules } from '../sim/packet-versions';
import { startArchiver, type Archiver } from './archiver';
import { startProcessor, type Processor } from './processor';
import { reprocess } from './reprocessor';

const mdb = defaultMissionDatabase();
const fleet = demoFleet(2);
const stream = loadConfig({}).stream;
const log = createLogger({ level: 'error', namespace: 'reprocess-test' });
const T0 = Date.UTC(2026, 0, 1, 6);
const SECOND_TIER = secondTierParameterIds(mdb);
/** PERIGEE-2 switches from power v1 to v2 here; PERIGEE-1 is on v2 throughout. */
const UPGRADE_MS = T0 + 60_000;
const ARRAY_POWER = mdb.parameter('power.solar_array_power')!.id;
/**
 * Rows as text, so that every column is compared bit for bit (float8 text
 * output round-trips) — except the aggregates' sum, kept as a number: a
 * floating-point sum depends on the order its terms were added in, which
 * the live path does batch by batch (a second split between two archive
 * batches is summed as two partial sums), so the same samples give sums
 * that may differ in the last bits. min, max, count, last and last_ts are
 * exact.
 */
const TABLES = {
  samples: `SELECT satellite_id, parameter_id, ts::text, value::text, raw_value::text, quality FROM samples ORDER BY 1, 2, 3`,
  agg_1s: `SELECT satellite_id, parameter_id, bucket::text, min::text, max::text, sum, count, last::text, last_ts::text FROM agg_1s ORDER BY 1, 2, 3`,
  agg_1m: `SELECT satellite_id, parameter_id, bucket::text, min::text, max::text, sum, count, last::text, last_ts::text FROM agg_1m ORDER BY 1, 2, 3`,
} as const;
type Snapshot = Record<keyof typeof TABLES, Array<Record<string, unknown>>>;

/** Same rows, each column exact except sum, which may differ by rounding only (relative 1e-12). */
function expectSameRows(actual: Array<Record<string, unknown>>, expected: Array<Record<string, unknown>>): void {
  const withoutSum = (rows: Array<Record<string, unknown>>) => rows.map(({ sum: _sum, ...rest }) => rest);
  expect(withoutSum(actual)).toEqual(withoutSum(expected));
  const off = actual.filter((r, i) => {
    const a = r.sum as number | undefined;
    const b = expected[i]!.sum as number | undefined;
    return a !== b && !(Math.abs(a! - b!) <= 1e-12 * Math.max(1, Math.abs(b!)));
  });
  expect(off).toEqual([]);
}

function expectSameSnapshot(actual: Snapshot, expected: Snapshot): void {
  for (const table of Object.keys(TABLES) as Array<keyof typeof TABLES>) expectSameRows(actual[table], expected[table]);
}

let db: TestDatabase;
let bus: MemoryBus;
let processor: Processor;
let archiver: Archiver;
let original: Snapshot;
let expectedSamples = 0;

async function snapshot(): Promise<Snapshot> {
  const out = {} as Snapshot;
  for (const [table, sql] of Object.entries(TABLES)) out[table as keyof typeof TABLES] = (await db.pool.query(sql)).rows;
  return out;
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  return Number((await db.pool.query(sql, params)).rows[0].n);
}

beforeAll(async () => {
  db = await startTestDatabase();
  bus = new MemoryBus({ log, maxBatchMessages: 700 });
  const store = new PostgresTelemetryStore(db.pool, { secondTierParameterIds: SECOND_TIER });
  archiver = await startArchiver({ bus, store, mdb, groupId: 'perigee-archiver', log });
  processor = await startProcessor({ bus, mdb, fleet, groupId: 'perigee-processor', stream, log });
  const sim = new FleetSimulator({
    mdb,
    fleet,
    seed: 11,
    startTimeMs: T0,
    faults: { duplicateRate: 0.02, driftRate: 0, corruptRate: 0, reorderRate: 0 },
    packetVersions: powerVersionRules(fleet, { emit: 'mixed', upgradeAtMs: UPGRADE_MS }),
  });
  const { packets } = sim.advance(T0 + 130_000);
  await publishAsGateway(await bus.producer(), mdb, packets, { chunkSize: 900 });
  // A retransmitted packet carries the same bytes and is stored once.
  const distinct = new Map(packets.map((p) => [Buffer.from(p.bytes).toString('hex'), p.bytes]));
  for (const bytes of distinct.values()) {
    const decoded = decodePacket(mdb, bytes);
    if (!decoded.ok) throw decoded.error;
    expectedSamples += decoded.packet.values.length;
  }
  const deadline = Date.now() + 60_000;
  while ((await count('SELECT count(*) AS n FROM samples')) < expectedSamples || archiver.stats().messagesStored === 0) {
    if (Date.now() > deadline) throw new Error(`archive did not catch up: ${await count('SELECT count(*) AS n FROM samples')} of ${expectedSamples} samples`);
    await new Promise((r) => setTimeout(r, 200));
  }
  await processor.stop();
  await archiver.stop();
  original = await snapshot();
}, 120_000);

afterAll(async () => {
  await bus?.close();
  await db?.stop();
});

describe('Reprocessing > rebuild silver and gold from bronze', () => {
  const from = T0 + 20_000;
  const to = T0 + 100_000;
  const store = () => new PostgresReprocessingStore(db.pool, { secondTierParameterIds: SECOND_TIER });

  it('restores deleted and corrupted rows to exactly what the live path stored', async () => {
    expect(original.samples).toHaveLength(expectedSamples);
    expect(original.agg_1m.length).toBeGreaterThan(0);
    const range = [new Date(T0 + 30_000).toISOString(), new Date(T0 + 90_000).toISOString()];
    // Satellite 101: silver and gold gone; satellite 102: values, counts and extremes wrong.
    await db.pool.query(`DELETE FROM samples WHERE satellite_id = 101 AND ts >= $1 AND ts < $2`, range);
    await db.pool.query(`DELETE FROM agg_1s WHERE satellite_id = 101 AND bucket >= $1 AND bucket < $2`, range);
    await db.pool.query(`DELETE FROM agg_1m WHERE satellite_id = 101 AND bucket >= $1 AND bucket < $2`, range);
    await db.pool.query(`UPDATE samples SET value = value + 1 WHERE satellite_id = 102 AND ts >= $1 AND ts < $2`, range);
    await db.pool.query(`UPDATE agg_1s SET count = count + 1, max = max + 5 WHERE satellite_id = 102 AND bucket >= $1 AND bucket < $2`, range);
    await db.pool.query(`UPDATE agg_1m SET sum = 0 WHERE satellite_id = 102 AND bucket < $1`, [new Date(T0 + 120_000).toISOString()]);
    const damaged = await snapshot();
    expect(damaged.samples.length).toBeLessThan(original.samples.length);
    // The range holds both power versions of PERIGEE-2: the solar array power starts at its upload.
    const arrayPowerTimes = original.samples.filter((r) => r.satellite_id === 102 && r.parameter_id === ARRAY_POWER).map((r) => Date.parse(r.ts as string));
    expect(arrayPowerTimes[0]).toBe(UPGRADE_MS);
    expect(arrayPowerTimes).toHaveLength(351); // 5 Hz from 06:01:00 through 06:02:10
    const voltageOf102 = original.samples.filter((r) => r.satellite_id === 102 && r.parameter_id === 100);
    expect(voltageOf102).toHaveLength(650);

    const report = await reprocess({ store: store(), mdb, fleet, stream, fromMs: from, toMs: to, sliceMs: 60_000 });

    // Widened to whole minutes: 06:00–06:02, two 1-minute slices per satellite.
    expect([report.fromMs, report.toMs]).toEqual([T0, T0 + 120_000]);
    expect(report.satelliteIds).toEqual([101, 102]);
    expect(report.slices).toBe(4);
    const inRange = original.samples.filter((r) => Date.parse(r.ts as string) >= T0 && Date.parse(r.ts as string) < T0 + 120_000).length;
    expect(report.stored.samples).toBe(inRange);
    expect(report.duplicates).toBeGreaterThan(0);
    expect(report.quarantined).toBe(0);

    expectSameSnapshot(await snapshot(), original);
    const rebuilt = await db.pool.query(`SELECT count(*)::int AS n, min(ts) AS first FROM samples WHERE satellite_id = 102 AND parameter_id = $1`, [ARRAY_POWER]);
    expect(rebuilt.rows[0]).toEqual({ n: 351, first: new Date(UPGRADE_MS) });
  }, 60_000);

  it('changes nothing when run again over the same range (idempotent)', async () => {
    const report = await reprocess({ store: store(), mdb, fleet, stream, fromMs: from, toMs: to, satelliteId: 102 });
    expect(report.satelliteIds).toEqual([102]);
    expect(report.removed).toEqual(report.stored);
    expectSameSnapshot(await snapshot(), original);
  }, 60_000);

  it('stores the values the current mission database gives the same packets', async () => {
    // A recalibration: attitude.rate_x (id 10) counts are now 0.002 deg/s each instead of 0.001.
    const file = structuredClone(missionFile) as { version: string; parameters: Array<{ id: number; calibration: unknown }> };
    file.version = '1.0.1';
    file.parameters.find((p) => p.id === 10)!.calibration = { type: 'polynomial', coefficients: [0, 0.002] };
    const recalibrated = MissionDatabase.fromFile(file);
    await reprocess({ store: store(), mdb: recalibrated, fleet, stream, fromMs: T0, toMs: T0 + 60_000, satelliteId: 101 });

    const rows = await db.pool.query(
      `SELECT ts::text, value, raw_value FROM samples WHERE satellite_id = 101 AND parameter_id = 10 AND ts < $1 ORDER BY ts`,
      [new Date(T0 + 60_000).toISOString()],
    );
    const live = original.samples.filter((r) => r.satellite_id === 101 && r.parameter_id === 10 && Date.parse(r.ts as string) < T0 + 60_000);
    expect(rows.rows.map((r) => r.ts)).toEqual(live.map((r) => r.ts));
    expect(rows.rows.length).toBeGreaterThan(590);
    for (const r of rows.rows) expect(r.value).toBeCloseTo(r.raw_value * 0.002, 12);
    // The rest of the satellite's rows, and every row of the next minute, are as the live path stored them.
    const after = await snapshot();
    const untouched = (rows: Array<Record<string, unknown>>) => rows.filter((r) => !(r.satellite_id === 101 && r.parameter_id === 10));
    for (const table of Object.keys(TABLES) as Array<keyof typeof TABLES>) expectSameRows(untouched(after[table]), untouched(original[table]));
  }, 60_000);
});
