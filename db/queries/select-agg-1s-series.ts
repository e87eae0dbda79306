/**
 * 1-second aggregates of some parameters of one satellite for every bucket
 * that overlaps [from, to], as columns: bucket start, avg (sum / count), min
 * and max, so a spike inside a second still shows.
 *
 * @example
 *   await selectAgg1sSeries(pool, { satelliteId: 101, parameterIds: [2], fromMs, toMs: fromMs + 3_600_000 });
 */
import type { Series, SeriesRequest } from '../../server/ports/telemetry-store';
import type { Queryable } from '../pool';
import { epochMs, timestampFromMs } from './epoch';
import { collectSeries, type SeriesRow } from './series-rows';

const SQL = `
SELECT parameter_id, ${epochMs('bucket')} AS time_ms, sum / count AS value, min, max
  FROM agg_1s
 WHERE satellite_id = $1 AND parameter_id = ANY($2::smallint[])
   AND bucket > ${timestampFromMs('$3')} - interval '1 second' AND bucket <= ${timestampFromMs('$4')}
 ORDER BY parameter_id, bucket`;

export async function selectAgg1sSeries(q: Queryable, request: SeriesRequest): Promise<Series[]> {
  const { rows } = await q.query<SeriesRow>(SQL, [request.satelliteId, request.parameterIds, request.fromMs, request.toMs]);
  return collectSeries(request.parameterIds, rows);
}
