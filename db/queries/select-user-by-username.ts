/**
 * One account by its (lower-case) username.
 *
 * @example
 *   await selectUserByUsername(pool, 'alice'); // UserRecord, or undefined
 */
import type { UserRecord } from '../../server/ports/auth-store';
import type { Queryable } from '../pool';
import { USER_COLUMNS, toUserRecord, type UserRow } from './user-row';

const SQL = `SELECT ${USER_COLUMNS} FROM users u WHERE u.username = $1`;

export async function selectUserByUsername(q: Queryable, username: string): Promise<UserRecord | undefined> {
  const { rows } = await q.query<UserRow>(SQL, [username]);
  return rows[0] ? toUserRecord(rows[0]) : undefined;
}
