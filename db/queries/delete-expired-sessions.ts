/**
 * Removes sessions that expired at or before `nowMs`.
 *
 * @example
 *   await deleteExpiredSessions(pool, Date.now()); // 3
 */
import type { Queryable } from '../pool';
import { timestampFromMs } from './epoch';

const SQL = `DELETE FROM sessions WHERE expires_at <= ${timestampFromMs('$1')}`;

export async function deleteExpiredSessions(q: Queryable, nowMs: number): Promise<number> {
  const { rowCount } = await q.query(SQL, [nowMs]);
  return rowCount ?? 0;
}
