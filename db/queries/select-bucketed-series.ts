/**
 * Some parameters of one satellite grouped into epoch-aligned buckets wider
 * than the rows they are read from, as columns: raw samples into buckets of
 * whole seconds (the 1-second tier of the parameters agg_1s does not keep),
 * or a gold tier into wider buckets when a window holds more of its rows
 * than a chart can show. Each bucket keeps the min of the mins, the max of the
 * maxes and the count-weighted mean (sum of sums / sum of counts — exact,
 * where a mean of means would over-weight sparse minutes). Every bucket that
 * overlaps [from, to] is returned whole, and a bucket without rows is
 * absent.
 *
 * @example
 *   await selectBucketedSeries(pool, 'agg_1m', { satelliteId: 101, parameterIds: [2], fromMs, toMs: fromMs + 30 * 86_400_000, bucketMs: 900_000 });
 */
import type { Queryable } from '../pool';
import { bucketEpochMs, timestampFromMs } from './epoch';
import type { SeriesWindow } from './select-raw-series';
import { collectSeries, seriesColumnsSql, type SeriesColumns, type SeriesColumnsRow } from './series-rows';

export type BucketSource = 'samples' | 'agg_1s' | 'agg_1m';

/** time_bucket's default origin is a Monday in 2000; buckets here start at the Unix epoch, as planSeries counts them. */
const bucketOf = (column: string) => `time_bucket(make_interval(secs => $5::float8 / 1000), ${column}, TIMESTAMPTZ '1970-01-01 00:00:00+00')`;

/** A gold tier's rows grouped into wider buckets. */
function groupedTier(table: 'agg_1s' | 'agg_1m'): string {
  return seriesColumnsSql(`
SELECT parameter_id, ${bucketEpochMs(bucketOf('bucket'))} AS time_ms, sum(sum) / sum(count) AS value, min(min) AS min, max(max) AS max, sum(count)::int AS count
  FROM ${table}
 WHERE satellite_id = $1 AND parameter_id = ANY($2::smallint[])
   AND bucket >= ${timestampFromMs('$3')} AND bucket < ${timestampFromMs('$4')}
 GROUP BY parameter_id, ${bucketOf('bucket')}
 ORDER BY parameter_id, ${bucketOf('bucket')}`);
}

const SQL: Record<BucketSource, string> = {
  samples: seriesColumnsSql(`
SELECT parameter_id, ${bucketEpochMs(bucketOf('ts'))} AS time_ms, avg(value) AS value, min(value) AS min, max(value) AS max, count(*)::int AS count
  FROM samples
 WHERE satellite_id = $1 AND parameter_id = ANY($2::smallint[])
   AND ts >= ${timestampFromMs('$3')} AND ts < ${timestampFromMs('$4')}
 GROUP BY parameter_id, ${bucketOf('ts')}
 ORDER BY parameter_id, ${bucketOf('ts')}`),
  agg_1s: groupedTier('agg_1s'),
  agg_1m: groupedTier('agg_1m'),
};

export interface BucketedSeriesRequest extends SeriesWindow {
  /** Bucket width, ms: a whole number of seconds, and of minutes for agg_1m. */
  readonly bucketMs: number;
}

export async function selectBucketedSeries(q: Queryable, source: BucketSource, request: BucketedSeriesRequest): Promise<SeriesColumns[]> {
  const { bucketMs } = request;
  const unit = source === 'agg_1m' ? 60_000 : 1000;
  if (!Number.isInteger(bucketMs / unit) || bucketMs <= 0) throw new RangeError(`buckets of ${source} must be a positive multiple of ${unit} ms, got ${bucketMs}`);
  // From the start of the bucket holding `from` to the end of the one holding `to`: whole buckets only.
  const startMs = Math.floor(request.fromMs / bucketMs) * bucketMs;
  const endMs = (Math.floor(request.toMs / bucketMs) + 1) * bucketMs;
  const { rows } = await q.query<SeriesColumnsRow>(SQL[source], [request.satelliteId, request.parameterIds, startMs, endMs, bucketMs]);
  return collectSeries(request.parameterIds, rows);
}
