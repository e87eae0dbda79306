/**
 * Every satellite with stored telemetry or ground-station events, by id.
 *
 * @example
 *   await selectSatellites(pool); // [{ satelliteId: 101, firstSeenMs: ..., lastSeenMs: ... }]
 */
import type { SatelliteSummary } from '../../server/ports/telemetry-store';
import type { Queryable } from '../pool';
import { epochMs } from './epoch';

interface SatelliteRow {
  id: number;
  first_ms: number;
  last_ms: number;
}

const SQL = `SELECT id, ${epochMs('first_seen')} AS first_ms, ${epochMs('last_seen')} AS last_ms FROM satellites ORDER BY id`;

export async function selectSatellites(q: Queryable): Promise<SatelliteSummary[]> {
  const { rows } = await q.query<SatelliteRow>(SQL);
  return rows.map((r) => ({ satelliteId: r.id, firstSeenMs: r.first_ms, lastSeenMs: r.last_ms }));
}
