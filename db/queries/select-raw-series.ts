/**
 * Raw samples of some parameters of one satellite with from ≤ time ≤ to,
 * as columns; min and max equal the value and the count is 1, so callers
 * draw every tier alike.
 *
 * @example
 *   await selectRawSeries(pool, { satelliteId: 101, parameterIds: [2, 3], fromMs, toMs: fromMs + 60_000 });
 */
import type { Queryable } from '../pool';
import { epochMs, timestampFromMs } from './epoch';
import { collectSeries, seriesColumnsSql, type SeriesColumns, type SeriesColumnsRow } from './series-rows';

const SQL = seriesColumnsSql(`
SELECT parameter_id, ${epochMs('ts')} AS time_ms, value, value AS min, value AS max, 1 AS count
  FROM samples
 WHERE satellite_id = $1 AND parameter_id = ANY($2::smallint[])
   AND ts >= ${timestampFromMs('$3')} AND ts <= ${timestampFromMs('$4')}
 ORDER BY parameter_id, ts`);

export interface SeriesWindow {
  readonly satelliteId: number;
  readonly parameterIds: readonly number[];
  readonly fromMs: number;
  readonly toMs: number;
}

export async function selectRawSeries(q: Queryable, request: SeriesWindow): Promise<SeriesColumns[]> {
  const { rows } = await q.query<SeriesColumnsRow>(SQL, [request.satelliteId, request.parameterIds, request.fromMs, request.toMs]);
  return collectSeries(request.parameterIds, rows);
}
