/**
 * Aggregates of some parameters of one satellite from a gold tier (agg_1s or
 * agg_1m) for every bucket that overlaps [from, to], as columns: bucket
 * start, avg (sum / count), min, max and count, so a spike inside a bucket
 * still shows.
 *
 * @example
 *   await selectAggregateSeries(pool, 'agg_1m', { satelliteId: 101, parameterIds: [2], fromMs, toMs: fromMs + 86_400_000 });
 */
import type { Queryable } from '../pool';
import { bucketEpochMs, timestampFromMs } from './epoch';
import type { SeriesWindow } from './select-raw-series';
import { collectSeries, seriesColumnsSql, type SeriesColumns, type SeriesColumnsRow } from './series-rows';

export type AggregateTable = 'agg_1s' | 'agg_1m';

function sql(table: AggregateTable, width: string): string {
  return seriesColumnsSql(`
SELECT parameter_id, ${bucketEpochMs('bucket')} AS time_ms, sum / count AS value, min, max, count
  FROM ${table}
 WHERE satellite_id = $1 AND parameter_id = ANY($2::smallint[])
   AND bucket > ${timestampFromMs('$3')} - interval '${width}' AND bucket <= ${timestampFromMs('$4')}
 ORDER BY parameter_id, bucket`);
}

const SQL: Record<AggregateTable, string> = { agg_1s: sql('agg_1s', '1 second'), agg_1m: sql('agg_1m', '1 minute') };

export async function selectAggregateSeries(q: Queryable, table: AggregateTable, request: SeriesWindow): Promise<SeriesColumns[]> {
  const { rows } = await q.query<SeriesColumnsRow>(SQL[table], [request.satelliteId, request.parameterIds, request.fromMs, request.toMs]);
  return collectSeries(request.parameterIds, rows);
}
