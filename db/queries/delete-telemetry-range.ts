/**
 * Deletes one satellite's silver samples and gold 1 s / 1 min aggregates in
 * [from, to), for reprocessing to store them again. The caller aligns the
 * range to whole minutes, so no 1-minute bucket is left half-emptied.
 *
 * @example
 *   await deleteTelemetryRange(client, { satelliteId: 101, fromMs, toMs }); // { samples: 36000, agg1s: 3000, agg1m: 50 }
 */
import type { TelemetryRowCounts } from '../../server/ports/reprocessing-store';
import type { Queryable } from '../pool';
import { timestampFromMs } from './epoch';

export interface TelemetryRange {
  readonly satelliteId: number;
  readonly fromMs: number;
  readonly toMs: number;
}

const SQL = `
WITH s AS (DELETE FROM samples WHERE satellite_id = $1 AND ts >= ${timestampFromMs('$2')} AND ts < ${timestampFromMs('$3')} RETURNING 1),
     a AS (DELETE FROM agg_1s WHERE satellite_id = $1 AND bucket >= ${timestampFromMs('$2')} AND bucket < ${timestampFromMs('$3')} RETURNING 1),
     m AS (DELETE FROM agg_1m WHERE satellite_id = $1 AND bucket >= ${timestampFromMs('$2')} AND bucket < ${timestampFromMs('$3')} RETURNING 1)
SELECT (SELECT count(*) FROM s)::int AS samples, (SELECT count(*) FROM a)::int AS agg1s, (SELECT count(*) FROM m)::int AS agg1m`;

export async function deleteTelemetryRange(q: Queryable, { satelliteId, fromMs, toMs }: TelemetryRange): Promise<TelemetryRowCounts> {
  const { rows } = await q.query<TelemetryRowCounts>(SQL, [satelliteId, fromMs, toMs]);
  return rows[0]!;
}
