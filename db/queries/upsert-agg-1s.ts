/**
 * Merges 1-second aggregates into agg_1s. A bucket that already holds values
 * (late samples, or another batch of the same second) keeps the smaller min,
 * the larger max, adds sum and count, and keeps the `last` of the later
 * sample; on equal times the newer write wins, as within aggregateSamples.
 *
 * @example
 *   await upsertAgg1s(client, aggregateSamples(samples, 1000));
 */
import type { SampleAggregate } from '../../server/domain/aggregation/aggregate-samples';
import type { Queryable } from '../pool';
import { float8Array, int2Array, int4Array } from './binary-arrays';
import { timestampFromMs } from './epoch';

const SQL = `
INSERT INTO agg_1s AS a (bucket, satellite_id, parameter_id, min, max, sum, count, last, last_ts)
SELECT ${timestampFromMs('u.bucket_ms')}, u.satellite_id, u.parameter_id, u.min, u.max, u.sum, u.count, u.last, ${timestampFromMs('u.last_ms')}
  FROM unnest($1::float8[], $2::integer[], $3::smallint[], $4::float8[], $5::float8[], $6::float8[], $7::integer[], $8::float8[], $9::float8[])
       AS u(bucket_ms, satellite_id, parameter_id, min, max, sum, count, last, last_ms)
ON CONFLICT (satellite_id, parameter_id, bucket) DO UPDATE
   SET min = LEAST(a.min, EXCLUDED.min),
       max = GREATEST(a.max, EXCLUDED.max),
       sum = a.sum + EXCLUDED.sum,
       count = a.count + EXCLUDED.count,
       last = CASE WHEN EXCLUDED.last_ts >= a.last_ts THEN EXCLUDED.last ELSE a.last END,
       last_ts = GREATEST(a.last_ts, EXCLUDED.last_ts)`;

/**
 * `aggregates` must hold each (satellite, parameter, bucket) once, as
 * aggregateSamples returns them; its ordering also keeps concurrent writers
 * locking rows in the same order.
 */
export async function upsertAgg1s(q: Queryable, aggregates: readonly SampleAggregate[]): Promise<number> {
  if (aggregates.length === 0) return 0;
  const result = await q.query(SQL, [
    float8Array(aggregates.map((a) => a.bucketStartMs)),
    int4Array(aggregates.map((a) => a.satelliteId)),
    int2Array(aggregates.map((a) => a.parameterId)),
    float8Array(aggregates.map((a) => a.min)),
    float8Array(aggregates.map((a) => a.max)),
    float8Array(aggregates.map((a) => a.sum)),
    int4Array(aggregates.map((a) => a.count)),
    float8Array(aggregates.map((a) => a.last)),
    float8Array(aggregates.map((a) => a.lastTimeMs)),
  ]);
  return result.rowCount ?? 0;
}
