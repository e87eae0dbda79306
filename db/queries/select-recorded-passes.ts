/**
 * Passes as the ground stations reported them: AOS and LOS events paired by
 * pass id, for passes overlapping [from, to]. A pass under way has no LOS
 * yet. Events are looked up from 30 minutes before the window (no pass is
 * longer), through the (satellite_id, time) index when a satellite is given
 * and chunk exclusion on time otherwise.
 *
 * @example
 *   await selectRecordedPasses(pool, { satelliteId: 101, fromMs, toMs });
 *   // [{ passId: 'svalbard:101:1767247200000', satelliteId: 101, station: 'svalbard', aosMs, losMs, predictedLosMs, maxElevationDeg }]
 */
import type { PassFilter, RecordedPass } from '../../server/ports/pass-archive';
import type { Queryable } from '../pool';
import { epochMs, timestampFromMs } from './epoch';

const SQL = `
SELECT pass_id, satellite_id, station,
       ${epochMs(`min(time) FILTER (WHERE type = 'aos')`)} AS aos_ms,
       ${epochMs(`max(time) FILTER (WHERE type = 'los')`)} AS los_ms,
       max((payload->>'predictedLosMs')::float8) FILTER (WHERE type = 'aos') AS predicted_los_ms,
       max((payload->>'maxElevationDeg')::float8) FILTER (WHERE type = 'los') AS max_elevation_deg
  FROM ground_station_events
 WHERE type IN ('aos', 'los')
   AND time >= ${timestampFromMs('$1')} - interval '30 minutes' AND time <= ${timestampFromMs('$2')} + interval '30 minutes'
   AND ($3::integer IS NULL OR satellite_id = $3)
   AND ($4::text IS NULL OR station = $4)
 GROUP BY pass_id, satellite_id, station
HAVING min(time) FILTER (WHERE type = 'aos') <= ${timestampFromMs('$2')}
   AND coalesce(max(time) FILTER (WHERE type = 'los'), 'infinity') >= ${timestampFromMs('$1')}
 ORDER BY aos_ms, satellite_id, station`;

interface Row {
  pass_id: string;
  satellite_id: number;
  station: string;
  aos_ms: number;
  los_ms: number | null;
  predicted_los_ms: number | null;
  max_elevation_deg: number | null;
}

export async function selectRecordedPasses(q: Queryable, { satelliteId, station, fromMs, toMs }: PassFilter): Promise<RecordedPass[]> {
  const { rows } = await q.query<Row>(SQL, [fromMs, toMs, satelliteId ?? null, station ?? null]);
  return rows.map((r) => ({
    passId: r.pass_id,
    satelliteId: r.satellite_id,
    station: r.station,
    aosMs: r.aos_ms,
    losMs: r.los_ms,
    predictedLosMs: r.predicted_los_ms,
    maxElevationDeg: r.max_elevation_deg,
  }));
}
