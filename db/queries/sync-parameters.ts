/**
 * Makes the `parameters` table match the mission database: inserts new
 * parameters and updates changed ones. Parameters that left the file stay,
 * since stored samples still refer to them.
 *
 * @example
 *   const changed = await syncParameters(pool, defaultMissionDatabase()); // 236 on a new database, 0 afterwards
 */
import type { MissionDatabase } from '../../server/domain/mission/mission-database';
import type { Queryable } from '../pool';

const SQL = `
INSERT INTO parameters AS p (id, name, subsystem, unit, description)
SELECT * FROM unnest($1::smallint[], $2::text[], $3::text[], $4::text[], $5::text[])
ON CONFLICT (id) DO UPDATE
   SET name = EXCLUDED.name, subsystem = EXCLUDED.subsystem, unit = EXCLUDED.unit, description = EXCLUDED.description
 WHERE (p.name, p.subsystem, p.unit, p.description)
       IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.subsystem, EXCLUDED.unit, EXCLUDED.description)`;

/** Returns how many rows were inserted or changed. */
export async function syncParameters(q: Queryable, mdb: Pick<MissionDatabase, 'parameters'>): Promise<number> {
  const ps = mdb.parameters;
  const result = await q.query(SQL, [
    ps.map((p) => p.id),
    ps.map((p) => p.name),
    ps.map((p) => p.subsystem),
    ps.map((p) => p.unit),
    ps.map((p) => p.description),
  ]);
  return result.rowCount ?? 0;
}
