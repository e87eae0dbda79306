/**
 * Ends every session of one account (it was disabled); returns the ids of
 * the sessions ended, so the sockets they opened can be closed too.
 *
 * @example
 *   await deleteUserSessions(pool, 7); // ['3f…', 'a9…']
 */
import type { Queryable } from '../pool';

const SQL = 'DELETE FROM sessions WHERE user_id = $1 RETURNING id';

export async function deleteUserSessions(q: Queryable, userId: number): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>(SQL, [userId]);
  return rows.map((r) => r.id);
}
