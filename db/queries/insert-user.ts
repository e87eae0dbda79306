/**
 * Creates an account. A taken username is UserExistsError, not a raw
 * unique-violation, so the command line can say so plainly.
 *
 * @example
 *   await insertUser(pool, { username: 'alice', role: 'operator', passwordHash, createdAtMs: Date.now() });
 *   // → { id: 1, username: 'alice', role: 'operator', …, disabled: false, isDemo: false }
 */
import { UserExistsError } from '../../server/errors';
import type { NewUser, UserRecord } from '../../server/ports/auth-store';
import type { Queryable } from '../pool';
import { timestampFromMs } from './epoch';
import { USER_COLUMNS, toUserRecord, type UserRow } from './user-row';

const SQL = `
INSERT INTO users AS u (username, role, password_hash, created_at, is_demo)
VALUES ($1, $2, $3, ${timestampFromMs('$4')}, $5)
RETURNING ${USER_COLUMNS}`;

export async function insertUser(q: Queryable, user: NewUser): Promise<UserRecord> {
  try {
    const { rows } = await q.query<UserRow>(SQL, [user.username, user.role, user.passwordHash, user.createdAtMs, user.isDemo ?? false]);
    return toUserRecord(rows[0]!);
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw new UserExistsError(user.username);
    throw error;
  }
}
