/**
 * Stores a new session under the hash of its token.
 *
 * @example
 *   await insertSession(pool, { id: hashSessionToken(token), userId: 1, createdAtMs, expiresAtMs, clientAddress: '10.0.0.7' });
 */
import type { NewSession } from '../../server/ports/auth-store';
import type { Queryable } from '../pool';
import { timestampFromMs } from './epoch';

const SQL = `
INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, client_address)
VALUES ($1, $2, ${timestampFromMs('$3')}, ${timestampFromMs('$3')}, ${timestampFromMs('$4')}, $5::inet)`;

export async function insertSession(q: Queryable, session: NewSession): Promise<void> {
  await q.query(SQL, [session.id, session.userId, session.createdAtMs, session.expiresAtMs, session.clientAddress]);
}
