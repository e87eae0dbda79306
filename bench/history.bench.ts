/**
 * History benchmark: against the database the history seed filled (by
 * default 24 hours of a 3-satellite fleet at full rates), times the history
 * query for 10 parameters of one satellite — five 10 Hz attitude parameters
 * and five 1 Hz thermal nodes — over windows from 1 minute to 30 days, and
 * prints per window: the tier and bucket width chosen, the points per
 * series, p50/p95 of server time (PostgresTelemetryStore.getSeries plus
 * JSON encoding, what the route handler does) over N runs at window
 * positions spread over the seeded day, and the same query answered
 * directly from the raw samples table (time_bucket over samples at the same
 * bucket width, or the raw rows when the tier is raw) with the ratio.
 *
 * usage: PERIGEE_DATA_DIR=/path/outside/the/repo npm run bench:history -- [--runs 30] [--raw-runs 5] [--width 1000]
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { bucketEpochMs, epochMs, timestampFromMs } from '../db/queries/epoch';
import { PostgresTelemetryStore } from '../server/adapters/postgres/postgres-telemetry-store';
import { loadConfig } from '../server/config';
import { planSeries } from '../server/domain/aggregation/series-plan';
import { parameterSampleRatesHz, secondTierParameterIds } from '../server/domain/aggregation/series-tier';
import { defaultMissionDatabase } from '../server/domain/mission/default-mission-database';
import { Prng } from '../server/sim/prng';
import { openHistoryDatabase } from './history-database';
import { historyBenchDataDir } from './history-bench-settings';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '30' },
    'raw-runs': { type: 'string', default: '5' },
    width: { type: 'string', default: '1000' },
    satellite: { type: 'string', default: '101' },
  },
});
const runs = Number(args.runs);
const rawRuns = Number(args['raw-runs']);
const widthPx = Number(args.width);
const satelliteId = Number(args.satellite);

/** attitude.q0..q3 and qc0 (10 Hz), thermal nodes of each of the four thermal packets (1 Hz). */
const PARAMETER_IDS = [2, 3, 4, 5, 6, 1000, 1001, 1052, 1104, 1156];
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WINDOWS: ReadonlyArray<readonly [string, number]> = [
  ['1 min', MINUTE],
  // Near the largest raw window at 1000 px (2,000 points of a 10 Hz parameter): the raw tier's worst case.
  ['3 min', 3 * MINUTE],
  ['15 min', 15 * MINUTE],
  ['1 h', HOUR],
  // Near the largest window the 1-second tier answers (4,000 rows read as 2,000 pairs): its worst case.
  ['66 min', 66 * MINUTE],
  ['6 h', 6 * HOUR],
  ['24 h', DAY],
  ['7 d', 7 * DAY],
  ['30 d', 30 * DAY],
];
/** The target: p95 server time of one 10-parameter history request, ms. */
const TARGET_P95_MS = 100;

const config = loadConfig(process.env);
const mdb = defaultMissionDatabase();

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The same series straight from the samples table: raw rows, or time_bucket at the plan's width. */
function rawTableQuery(pool: pg.Pool, fromMs: number, toMs: number, bucketMs: number | null): Promise<pg.QueryResult> {
  if (bucketMs === null) {
    return pool.query(
      `SELECT parameter_id, ${epochMs('ts')} AS time_ms, value FROM samples
        WHERE satellite_id = $1 AND parameter_id = ANY($2::smallint[]) AND ts >= ${timestampFromMs('$3')} AND ts <= ${timestampFromMs('$4')}
        ORDER BY parameter_id, ts`,
      [satelliteId, PARAMETER_IDS, fromMs, toMs],
    );
  }
  const startMs = Math.floor(fromMs / bucketMs) * bucketMs;
  const endMs = (Math.floor(toMs / bucketMs) + 1) * bucketMs;
  const bucket = `time_bucket(make_interval(secs => $5::float8 / 1000), ts, TIMESTAMPTZ '1970-01-01 00:00:00+00')`;
  return pool.query(
    `SELECT parameter_id, ${bucketEpochMs(bucket)} AS time_ms, avg(value) AS value, min(value) AS min, max(value) AS max, count(*)::int AS count
       FROM samples
      WHERE satellite_id = $1 AND parameter_id = ANY($2::smallint[]) AND ts >= ${timestampFromMs('$3')} AND ts < ${timestampFromMs('$4')}
      GROUP BY parameter_id, ${bucket} ORDER BY parameter_id, ${bucket}`,
    [satelliteId, PARAMETER_IDS, startMs, endMs, bucketMs],
  );
}

async function seededRange(pool: pg.Pool): Promise<{ firstMs: number; lastMs: number; samples: number }> {
  const { rows } = await pool.query(
    `SELECT ${epochMs('min(bucket)')} AS first_ms, ${epochMs('max(bucket)')} AS last_ms, sum(count)::float8 AS samples
       FROM agg_1m WHERE satellite_id = $1`,
    [satelliteId],
  );
  if (rows[0].first_ms === null) throw new Error(`no telemetry of satellite ${satelliteId}: run npm run bench:seed-history first`);
  return { firstMs: rows[0].first_ms, lastMs: rows[0].last_ms + MINUTE, samples: rows[0].samples };
}

async function main(): Promise<void> {
  const dataDir = historyBenchDataDir(config);
  const db = await openHistoryDatabase({ dataDir, bundleDir: config.database.embedded.timescaleBundleDir, mdb });
  try {
    const store = new PostgresTelemetryStore(db.pool, { secondTierParameterIds: secondTierParameterIds(mdb), sampleRatesHz: parameterSampleRatesHz(mdb) });
    const range = await seededRange(db.pool);
    const { rows: [size] } = await db.pool.query(`SELECT count(*)::int AS satellites, (SELECT pg_size_pretty(hypertable_size('samples'))) AS samples_size FROM satellites`);
    const progress = await fs.readFile(path.join(dataDir, 'seed-progress.json'), 'utf8').then(JSON.parse).catch(() => null);
    console.log(
      `database: ${dataDir}; ${size.satellites} satellites, ${new Date(range.firstMs).toISOString()} .. ${new Date(range.lastMs).toISOString()} ` +
        `(${((range.lastMs - range.firstMs) / HOUR).toFixed(2)} h); ${progress ? `${progress.samples.toLocaleString('en')} samples fleet-wide, ` : ''}` +
        `${range.samples.toLocaleString('en')} of satellite ${satelliteId}; samples table ${size.samples_size}`,
    );
    console.log(`query: satellite ${satelliteId}, parameters ${PARAMETER_IDS.join(',')}, width ${widthPx} px; ${runs} runs per window (${rawRuns} on the samples table)\n`);
    const header = ['window', 'tier', 'bucket', 'points/series', 'p50 ms', 'p95 ms', 'samples table p50 ms', 'p95 ms', 'ratio p50'];
    const lines: string[][] = [];
    const prng = new Prng(7);
    for (const [label, spanMs] of WINDOWS) {
      // Window ends spread over the seeded data, so neither cache nor one lucky chunk decides the result.
      const room = Math.max(0, range.lastMs - range.firstMs - spanMs);
      const ends = Array.from({ length: runs }, () => Math.round(range.lastMs - prng.next() * room));
      const timed: number[] = [];
      let points = 0;
      let tier = '';
      let bucketMs: number | null = null;
      const request = (toMs: number) => ({ satelliteId, parameterIds: PARAMETER_IDS, fromMs: toMs - spanMs, toMs, widthPx });
      await store.getSeries(request(ends[0]!)); // warm the connection and the plan cache
      for (const toMs of ends) {
        const started = performance.now();
        const result = await store.getSeries(request(toMs));
        JSON.stringify(result);
        timed.push(performance.now() - started);
        points = Math.max(points, ...result.series.map((s) => s.timesMs.length));
        ({ tier, bucketMs } = result);
      }
      const plan = planSeries({ fromMs: 0, toMs: spanMs, widthPx, maxSampleRateHz: 10 });
      const rawTimed: number[] = [];
      // Positions of their own: the store's runs must not have warmed the pages these read.
      const rawEnds = Array.from({ length: rawRuns }, () => Math.round(range.lastMs - prng.next() * room));
      for (const toMs of rawEnds) {
        const started = performance.now();
        await rawTableQuery(db.pool, toMs - spanMs, toMs, bucketMs ?? plan.bucketMs);
        rawTimed.push(performance.now() - started);
      }
      const p50 = percentile(timed, 50);
      const rawP50 = percentile(rawTimed, 50);
      lines.push([
        label, tier, bucketMs === null ? 'raw' : bucketMs >= MINUTE ? `${bucketMs / MINUTE} min` : `${bucketMs / 1000} s`, String(points),
        p50.toFixed(1), percentile(timed, 95).toFixed(1), rawP50.toFixed(1), percentile(rawTimed, 95).toFixed(1), `${(rawP50 / p50).toFixed(1)}×`,
      ]);
      console.log(lines.at(-1)!.join('  '));
    }
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
    const row = (cells: string[]) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
    console.log(`\n${row(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${lines.map(row).join('\n')}`);
    const worst = Math.max(...lines.map((l) => Number(l[5])));
    console.log(`\nworst p95 ${worst.toFixed(1)} ms against a target of ${TARGET_P95_MS} ms: ${worst < TARGET_P95_MS ? 'met' : 'NOT met'}`);
  } finally {
    await db.close();
  }
}

await main();
