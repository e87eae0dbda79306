/**
 * A session by the hash of its token, with its user, in one round trip.
 * Expiry is not filtered here: the service deletes an expired session it finds.
 *
 * @example
 *   await selectSession(pool, hashSessionToken(token));
 *   // → { sessionId, expiresAtMs, lastSeenMs, user: { username: 'alice', role: 'operator', … } }
 */
import type { SessionWithUser } from '../../server/ports/auth-store';
import type { Queryable } from '../pool';
import { epochMs } from './epoch';
import { USER_COLUMNS, toUserRecord, type UserRow } from './user-row';

const SQL = `
SELECT ${USER_COLUMNS}, ${epochMs('s.expires_at')} AS expires_at_ms, ${epochMs('s.last_seen_at')} AS last_seen_ms
  FROM sessions s JOIN users u ON u.id = s.user_id
 WHERE s.id = $1`;

export async function selectSession(q: Queryable, sessionId: string): Promise<SessionWithUser | undefined> {
  const { rows } = await q.query<UserRow & { expires_at_ms: number; last_seen_ms: number }>(SQL, [sessionId]);
  const row = rows[0];
  if (!row) return undefined;
  return { sessionId, expiresAtMs: row.expires_at_ms, lastSeenMs: row.last_seen_ms, user: toUserRecord(row) };
}
