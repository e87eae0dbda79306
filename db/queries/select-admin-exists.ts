/**
 * Whether any enabled admin account exists: the first start creates one
 * from PERIGEE_ADMIN_USER/PASSWORD only when none does.
 *
 * @example
 *   await selectAdminExists(pool); // false on a new database
 */
import type { Queryable } from '../pool';

const SQL = `SELECT EXISTS (SELECT 1 FROM users WHERE role = 'admin' AND NOT disabled) AS exists`;

export async function selectAdminExists(q: Queryable): Promise<boolean> {
  const { rows } = await q.query<{ exists: boolean }>(SQL);
  return rows[0]!.exists;
}
