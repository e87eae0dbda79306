/**
 * Ends one session (logout, or found expired).
 *
 * @example
 *   await deleteSession(pool, sessionId); // true, then false when repeated
 */
import type { Queryable } from '../pool';

const SQL = 'DELETE FROM sessions WHERE id = $1';

export async function deleteSession(q: Queryable, sessionId: string): Promise<boolean> {
  const { rowCount } = await q.query(SQL, [sessionId]);
  return (rowCount ?? 0) > 0;
}
