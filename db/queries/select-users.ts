/**
 * Every account, by username (the admin page's list; password hashes are
 * read with the rest of the row but never leave the auth service).
 *
 * @example
 *   await selectUsers(pool); // [{ id: 1, username: 'alice', role: 'admin', disabled: false, … }, …]
 */
import type { UserRecord } from '../../server/ports/auth-store';
import type { Queryable } from '../pool';
import { USER_COLUMNS, toUserRecord, type UserRow } from './user-row';

const SQL = `SELECT ${USER_COLUMNS} FROM users u ORDER BY u.username`;

export async function selectUsers(q: Queryable): Promise<UserRecord[]> {
  const { rows } = await q.query<UserRow>(SQL);
  return rows.map(toUserRecord);
}
