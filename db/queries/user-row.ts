/**
 * The users columns every user query selects, and their mapping to a
 * UserRecord, kept in one place so the queries cannot drift apart.
 */
import type { Role } from '../../server/auth/role';
import type { UserRecord } from '../../server/ports/auth-store';
import { epochMs } from './epoch';

export const USER_COLUMNS = `u.id::float8 AS id, u.username, u.role, u.password_hash, ${epochMs('u.created_at')} AS created_at_ms, u.disabled, u.is_demo`;

export interface UserRow {
  id: number;
  username: string;
  role: Role;
  password_hash: string;
  created_at_ms: number;
  disabled: boolean;
  is_demo: boolean;
}

export function toUserRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    passwordHash: row.password_hash,
    createdAtMs: row.created_at_ms,
    disabled: row.disabled,
    isDemo: row.is_demo,
  };
}
