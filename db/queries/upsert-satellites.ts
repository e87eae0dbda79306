/**
 * Widens each satellite's [first_seen, last_seen] to cover new sightings,
 * adding satellites seen for the first time.
 *
 * @example
 *   await upsertSatellites(client, [{ satelliteId: 101, firstSeenMs: t0, lastSeenMs: t1 }]);
 */
import type { SatelliteSummary } from '../../server/ports/telemetry-store';
import type { Queryable } from '../pool';
import { float8Array, int4Array } from './binary-arrays';
import { timestampFromMs } from './epoch';

const SQL = `
INSERT INTO satellites AS s (id, first_seen, last_seen)
SELECT u.id, ${timestampFromMs('u.first_ms')}, ${timestampFromMs('u.last_ms')}
  FROM unnest($1::integer[], $2::float8[], $3::float8[]) AS u(id, first_ms, last_ms)
ON CONFLICT (id) DO UPDATE
   SET first_seen = LEAST(s.first_seen, EXCLUDED.first_seen),
       last_seen = GREATEST(s.last_seen, EXCLUDED.last_seen)`;

/**
 * Rows are written in satellite order, so concurrent archivers (one per
 * partition) lock shared satellites in the same order and cannot deadlock.
 */
export async function upsertSatellites(q: Queryable, sightings: readonly SatelliteSummary[]): Promise<void> {
  if (sightings.length === 0) return;
  const sorted = [...sightings].sort((a, b) => a.satelliteId - b.satelliteId);
  await q.query(SQL, [
    int4Array(sorted.map((s) => s.satelliteId)),
    float8Array(sorted.map((s) => s.firstSeenMs)),
    float8Array(sorted.map((s) => s.lastSeenMs)),
  ]);
}
