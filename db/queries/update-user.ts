/**
 * Changes an account's role or disabled flag; the row as it was before and
 * after, or undefined for an unknown username.
 *
 * @example
 *   await updateUser(pool, 'bob', { role: 'viewer' }); // { before: { role: 'operator', … }, after: { role: 'viewer', … } }
 */
import type { Role } from '../../server/auth/role';
import type { UserRecord } from '../../server/ports/auth-store';
import type { Queryable } from '../pool';
import { USER_COLUMNS, toUserRecord, type UserRow } from './user-row';

// The self-join reads the row as it was before this statement's update (one snapshot for the whole statement).
const SQL = `
UPDATE users u
   SET role = COALESCE($2, u.role), disabled = COALESCE($3, u.disabled)
  FROM users before
 WHERE u.username = $1 AND before.id = u.id
RETURNING ${USER_COLUMNS}, before.role AS before_role, before.disabled AS before_disabled`;

export async function updateUser(
  q: Queryable,
  username: string,
  change: { readonly role?: Role; readonly disabled?: boolean },
): Promise<{ before: UserRecord; after: UserRecord } | undefined> {
  const { rows } = await q.query<UserRow & { before_role: Role; before_disabled: boolean }>(SQL, [username, change.role ?? null, change.disabled ?? null]);
  const row = rows[0];
  if (!row) return undefined;
  const after = toUserRecord(row);
  return { before: { ...after, role: row.before_role, disabled: row.before_disabled }, after };
}
