/**
 * How many silver samples and gold 1 s / 1 min aggregates one satellite has
 * in [from, to).
 *
 * @example
 *   await countTelemetryRange(pool, { satelliteId: 101, fromMs, toMs }); // { samples: 36000, agg1s: 3000, agg1m: 50 }
 */
import type { TelemetryRowCounts } from '../../server/ports/reprocessing-store';
import type { Queryable } from '../pool';
import type { TelemetryRange } from './delete-telemetry-range';
import { timestampFromMs } from './epoch';

const SQL = `
SELECT (SELECT count(*) FROM samples WHERE satellite_id = $1 AND ts >= ${timestampFromMs('$2')} AND ts < ${timestampFromMs('$3')})::int AS samples,
       (SELECT count(*) FROM agg_1s WHERE satellite_id = $1 AND bucket >= ${timestampFromMs('$2')} AND bucket < ${timestampFromMs('$3')})::int AS agg1s,
       (SELECT count(*) FROM agg_1m WHERE satellite_id = $1 AND bucket >= ${timestampFromMs('$2')} AND bucket < ${timestampFromMs('$3')})::int AS agg1m`;

export async function countTelemetryRange(q: Queryable, { satelliteId, fromMs, toMs }: TelemetryRange): Promise<TelemetryRowCounts> {
  const { rows } = await q.query<TelemetryRowCounts>(SQL, [satelliteId, fromMs, toMs]);
  return rows[0]!;
}
