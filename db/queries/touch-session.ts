/**
 * Records that a session was used.
 *
 * @example
 *   await touchSession(pool, sessionId, Date.now());
 */
import type { Queryable } from '../pool';
import { timestampFromMs } from './epoch';

const SQL = `UPDATE sessions SET last_seen_at = ${timestampFromMs('$2')} WHERE id = $1`;

export async function touchSession(q: Queryable, sessionId: string, lastSeenMs: number): Promise<void> {
  await q.query(SQL, [sessionId, lastSeenMs]);
}
