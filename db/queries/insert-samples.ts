/**
 * Stores calibrated samples (silver) and merges exactly those newly stored
 * into the 1-second and 1-minute tiers (gold). Samples are unique per
 * (satellite, parameter, onboard time): one already stored (a frame published
 * twice) is skipped and, since only newly stored samples are aggregated,
 * never counted twice — so silver and gold stay exact under at-least-once
 * delivery.
 *
 * Two paths, one result:
 *
 * - fast (nearly every batch: the samples are new): a plain INSERT of the
 *   samples and an upsert of buckets aggregated here, in one statement under
 *   a savepoint. Without ON CONFLICT the insert checks the unique index once
 *   instead of twice, and the tiers merge one row per bucket instead of
 *   grouping the stored rows in the server;
 * - exact (a sample is already there: the plain insert fails on the unique
 *   index and rolls back to the savepoint): INSERT … ON CONFLICT DO NOTHING
 *   RETURNING, and the tiers aggregate only the rows it returned.
 *
 * Each column travels as one binary array parameter expanded by `unnest`:
 * STATEMENT_SAMPLES samples are one round trip. A gold bucket that already holds values
 * (late samples, or another batch of the same second) keeps the smaller min,
 * the larger max, adds sum and count, and keeps the `last` of the later sample.
 *
 * Must run inside a transaction (the fast path takes a savepoint).
 *
 * @example
 *   await insertSamples(client, sampleColumns([{ timeMs: 1767225600000.5, satelliteId: 101, parameterId: 2, value: 0.5, rawValue: 0.5, quality: 0 }]));
 *   // → { stored: 1, skipped: 0 }
 */
import { sliceColumns, type SampleColumns } from '../../server/ports/sample-columns';
import type { Queryable } from '../pool';
import { float8Array, int2Array, int4Array } from './binary-arrays';
import { timestampFromMs } from './epoch';

const MERGE_BUCKET = `
ON CONFLICT (satellite_id, parameter_id, bucket) DO UPDATE
   SET min = LEAST(a.min, EXCLUDED.min),
       max = GREATEST(a.max, EXCLUDED.max),
       sum = a.sum + EXCLUDED.sum,
       count = a.count + EXCLUDED.count,
       last = CASE WHEN EXCLUDED.last_ts >= a.last_ts THEN EXCLUDED.last ELSE a.last END,
       last_ts = GREATEST(a.last_ts, EXCLUDED.last_ts)`;

function mergeInto(table: 'agg_1s' | 'agg_1m', width: string, where = 'true'): string {
  return `
INSERT INTO ${table} AS a (bucket, satellite_id, parameter_id, min, max, sum, count, last, last_ts)
SELECT time_bucket('${width}', ts), satellite_id, parameter_id, min(value), max(value), sum(value), count(*), last(value, ts), max(ts)
  FROM stored WHERE ${where} GROUP BY 1, 2, 3 ORDER BY 2, 3, 1${MERGE_BUCKET}`;
}

/** Buckets aggregated by the caller, from parameter $first on. */
function mergeBuckets(table: 'agg_1s' | 'agg_1m', first: number): string {
  const p = (i: number) => `$${first + i}`;
  return `
INSERT INTO ${table} AS a (bucket, satellite_id, parameter_id, min, max, sum, count, last, last_ts)
SELECT ${timestampFromMs('u.bucket_ms')}, u.satellite_id, u.parameter_id, u.min, u.max, u.sum, u.count, u.last, ${timestampFromMs('u.last_ms')}
  FROM unnest(${p(0)}::float8[], ${p(1)}::integer[], ${p(2)}::smallint[], ${p(3)}::float8[], ${p(4)}::float8[], ${p(5)}::float8[],
              ${p(6)}::integer[], ${p(7)}::float8[], ${p(8)}::float8[])
       AS u(bucket_ms, satellite_id, parameter_id, min, max, sum, count, last, last_ms)
 ORDER BY 2, 3, 1${MERGE_BUCKET}`;
}

/** Samples from parameters $1..$6, stored; `onConflict` for the exact path. */
const insertSamplesSql = (onConflict = '') => `
  INSERT INTO samples (ts, satellite_id, parameter_id, value, raw_value, quality)
  SELECT ${timestampFromMs('u.time_ms')}, u.satellite_id, u.parameter_id, u.value, u.raw_value, u.quality
    FROM unnest($1::float8[], $2::integer[], $3::smallint[], $4::float8[], $5::float8[], $6::smallint[])
         AS u(time_ms, satellite_id, parameter_id, value, raw_value, quality)${onConflict}`;

const FAST_SQL = `
WITH stored AS (${insertSamplesSql()}),
second_tier AS (${mergeBuckets('agg_1s', 7)})
${mergeBuckets('agg_1m', 16)}`;

const SQL = `
WITH stored AS (${insertSamplesSql(`
  ON CONFLICT DO NOTHING
  RETURNING ts, satellite_id, parameter_id, value`)}),
second_tier AS (${mergeInto('agg_1s', '1 second', '$7::smallint[] IS NULL OR parameter_id = ANY($7::smallint[])')}),
minute_tier AS (${mergeInto('agg_1m', '1 minute')})
SELECT count(*)::int AS stored FROM stored`;

export interface InsertSamplesResult {
  readonly stored: number;
  /** Samples already in the table (same satellite, parameter and time). */
  readonly skipped: number;
}

/**
 * Most samples in one statement. A transaction's samples (up to 50,000) go
 * in statements of this many: building a statement's parameters and handing
 * them to the driver is synchronous, and at 50,000 samples it held the event
 * loop for 40–270 ms, which a live feed sharing the process waited out. The
 * tiers merge per statement; a bucket split over two statements merges twice,
 * to the same result.
 */
export const STATEMENT_SAMPLES = 8_192;

/**
 * `secondTierIds` lists the parameters the 1-second tier keeps (see
 * secondTierParameterIds); every parameter when omitted.
 */
export async function insertSamples(q: Queryable, samples: SampleColumns, secondTierIds?: ReadonlySet<number>): Promise<InsertSamplesResult> {
  let stored = 0;
  let skipped = 0;
  for (let from = 0; from < samples.length; from += STATEMENT_SAMPLES) {
    const result = await insertStatement(q, sliceColumns(samples, from, from + STATEMENT_SAMPLES), secondTierIds);
    stored += result.stored;
    skipped += result.skipped;
  }
  return { stored, skipped };
}

/** One statement of at least one sample. */
async function insertStatement(q: Queryable, samples: SampleColumns, secondTierIds?: ReadonlySet<number>): Promise<InsertSamplesResult> {
  const n = samples.length;
  let finite = true;
  for (let i = 0; i < n; i++) if (!Number.isFinite(samples.value[i]!) || !Number.isFinite(samples.timeMs[i]!)) finite = false;
  const columns = [
    float8Array(samples.timeMs),
    int4Array(samples.satelliteId),
    int2Array(samples.parameterId),
    float8Array(samples.value),
    float8Array(samples.rawValue),
    int2Array(samples.quality),
  ];
  // NaN and infinities order differently here and in the server: such a batch takes the exact path.
  if (finite) {
    await q.query('SAVEPOINT perigee_samples');
    try {
      await q.query(FAST_SQL, [
        ...columns,
        ...bucketColumns(aggregateBuckets(samples, 1_000, secondTierIds)),
        ...bucketColumns(aggregateBuckets(samples, 60_000)),
      ]);
      await q.query('RELEASE SAVEPOINT perigee_samples');
      return { stored: n, skipped: 0 };
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      await q.query('ROLLBACK TO SAVEPOINT perigee_samples');
    }
  }
  const result = await q.query<{ stored: number }>(SQL, [...columns, secondTierIds === undefined ? null : int2Array([...secondTierIds])]);
  const stored = result.rows[0]!.stored;
  return { stored, skipped: n - stored };
}

const UNIQUE_VIOLATION = '23505';

/** Seconds from the Unix epoch to PostgreSQL's (2000-01-01), where timestamps count microseconds from. */
const POSTGRES_EPOCH_S = 946_684_800;

/**
 * The microsecond, from 2000-01-01, the server stores for `timeMs` — the
 * same arithmetic as `to_timestamp(ms / 1000)`, which rounds half to even —
 * so a sample a fraction of a microsecond before a bucket edge falls in the
 * bucket the server would put it in.
 */
export function postgresMicroseconds(timeMs: number): number {
  const us = (timeMs / 1000 - POSTGRES_EPOCH_S) * 1_000_000;
  const rounded = Math.round(us);
  return rounded - us === 0.5 && rounded % 2 !== 0 ? rounded - 1 : rounded;
}

interface Bucket {
  readonly bucketMs: number;
  readonly satelliteId: number;
  readonly parameterId: number;
  min: number;
  max: number;
  sum: number;
  count: number;
  last: number;
  lastMs: number;
  lastUs: number;
}

/**
 * Buckets of `widthMs` (a whole number of seconds) as `time_bucket` cuts
 * them, with min, max, sum, count and the value at the newest time.
 */
export function aggregateBuckets(samples: SampleColumns, widthMs: number, only?: ReadonlySet<number>): Bucket[] {
  const widthUs = widthMs * 1000;
  const out: Bucket[] = [];
  // Per series (satellite and parameter as one number), per bucket index: numeric keys, no string per sample.
  const series = new Map<number, Map<number, Bucket>>();
  const { timeMs, satelliteId: satellites, parameterId: parameters, value: values } = samples;
  for (let i = 0; i < samples.length; i++) {
    const parameterId = parameters[i]!;
    if (only !== undefined && !only.has(parameterId)) continue;
    const satelliteId = satellites[i]!;
    const value = values[i]!;
    const time = timeMs[i]!;
    const us = postgresMicroseconds(time);
    const index = Math.floor(us / widthUs);
    const seriesKey = satelliteId * 65_536 + (parameterId + 32_768);
    let buckets = series.get(seriesKey);
    if (buckets === undefined) series.set(seriesKey, (buckets = new Map()));
    const b = buckets.get(index);
    if (b === undefined) {
      const bucketMs = (index * widthUs) / 1000 + POSTGRES_EPOCH_S * 1000;
      const created = { bucketMs, satelliteId, parameterId, min: value, max: value, sum: value, count: 1, last: value, lastMs: time, lastUs: us };
      buckets.set(index, created);
      out.push(created);
      continue;
    }
    if (value < b.min) b.min = value;
    if (value > b.max) b.max = value;
    b.sum += value;
    b.count++;
    if (us >= b.lastUs) {
      b.last = value;
      b.lastMs = time;
      b.lastUs = us;
    }
  }
  return out;
}

function bucketColumns(buckets: readonly Bucket[]): unknown[] {
  return [
    float8Array(buckets.map((b) => b.bucketMs)),
    int4Array(buckets.map((b) => b.satelliteId)),
    int2Array(buckets.map((b) => b.parameterId)),
    float8Array(buckets.map((b) => b.min)),
    float8Array(buckets.map((b) => b.max)),
    float8Array(buckets.map((b) => b.sum)),
    int4Array(buckets.map((b) => b.count)),
    float8Array(buckets.map((b) => b.last)),
    float8Array(buckets.map((b) => b.lastMs)),
  ];
}
