/**
 * Stores calibrated samples (silver) and merges exactly those newly stored
 * into the 1-second and 1-minute tiers (gold), in one statement. Samples are
 * unique per (satellite, parameter, onboard time): one already stored (a
 * frame published twice) is skipped and, since only rows the INSERT returned
 * are aggregated, never counted twice — so silver and gold stay exact
 * under at-least-once delivery.
 *
 * Each column travels as one binary array parameter expanded by `unnest`:
 * 50,000 samples are one round trip. A gold bucket that already holds values
 * (late samples, or another batch of the same second) keeps the smaller min,
 * the larger max, adds sum and count, and keeps the `last` of the later sample.
 *
 * @example
 *   await insertSamples(client, [{ timeMs: 1767225600000.5, satelliteId: 101, parameterId: 2, value: 0.5, rawValue: 0.5, quality: 0 }]);
 *   // → { stored: 1, skipped: 0 }
 */
import type { SampleRecord } from '../../server/ports/telemetry-store';
import type { Queryable } from '../pool';
import { float8Array, int2Array, int4Array } from './binary-arrays';
import { timestampFromMs } from './epoch';

function mergeInto(table: 'agg_1s' | 'agg_1m', width: string, where = 'true'): string {
  return `
INSERT INTO ${table} AS a (bucket, satellite_id, parameter_id, min, max, sum, count, last, last_ts)
SELECT time_bucket('${width}', ts), satellite_id, parameter_id, min(value), max(value), sum(value), count(*), last(value, ts), max(ts)
  FROM stored WHERE ${where} GROUP BY 1, 2, 3 ORDER BY 2, 3, 1
ON CONFLICT (satellite_id, parameter_id, bucket) DO UPDATE
   SET min = LEAST(a.min, EXCLUDED.min),
       max = GREATEST(a.max, EXCLUDED.max),
       sum = a.sum + EXCLUDED.sum,
       count = a.count + EXCLUDED.count,
       last = CASE WHEN EXCLUDED.last_ts >= a.last_ts THEN EXCLUDED.last ELSE a.last END,
       last_ts = GREATEST(a.last_ts, EXCLUDED.last_ts)`;
}

const SQL = `
WITH stored AS (
  INSERT INTO samples (ts, satellite_id, parameter_id, value, raw_value, quality)
  SELECT ${timestampFromMs('u.time_ms')}, u.satellite_id, u.parameter_id, u.value, u.raw_value, u.quality
    FROM unnest($1::float8[], $2::integer[], $3::smallint[], $4::float8[], $5::float8[], $6::smallint[])
         AS u(time_ms, satellite_id, parameter_id, value, raw_value, quality)
  ON CONFLICT DO NOTHING
  RETURNING ts, satellite_id, parameter_id, value
),
second_tier AS (${mergeInto('agg_1s', '1 second', '$7::smallint[] IS NULL OR parameter_id = ANY($7::smallint[])')}),
minute_tier AS (${mergeInto('agg_1m', '1 minute')})
SELECT count(*)::int AS stored FROM stored`;

export interface InsertSamplesResult {
  readonly stored: number;
  /** Samples already in the table (same satellite, parameter and time). */
  readonly skipped: number;
}

/**
 * `secondTierIds` lists the parameters the 1-second tier keeps (see
 * secondTierParameterIds); every parameter when omitted.
 */
export async function insertSamples(
  q: Queryable,
  samples: readonly SampleRecord[],
  secondTierIds?: ReadonlySet<number>,
): Promise<InsertSamplesResult> {
  if (samples.length === 0) return { stored: 0, skipped: 0 };
  const n = samples.length;
  const times = new Array<number>(n);
  const satellites = new Array<number>(n);
  const parameters = new Array<number>(n);
  const values = new Array<number>(n);
  const rawValues = new Array<number>(n);
  const qualities = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const s = samples[i]!;
    times[i] = s.timeMs;
    satellites[i] = s.satelliteId;
    parameters[i] = s.parameterId;
    values[i] = s.value;
    rawValues[i] = s.rawValue;
    qualities[i] = s.quality;
  }
  const result = await q.query<{ stored: number }>(SQL, [
    float8Array(times),
    int4Array(satellites),
    int2Array(parameters),
    float8Array(values),
    float8Array(rawValues),
    int2Array(qualities),
    secondTierIds === undefined ? null : int2Array([...secondTierIds]),
  ]);
  const stored = result.rows[0]!.stored;
  return { stored, skipped: n - stored };
}
