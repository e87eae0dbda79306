/**
 * AuthStore on PostgreSQL: one db/queries module per operation. Connection
 * failures surface as StoreUnavailableError (retriable), so a route answers
 * 503 rather than 500 while the database is away.
 *
 * @example
 *   const auth = new AuthService({ store: new PostgresAuthStore(pool) });
 */
import { isIP } from 'node:net';
import { toStoreError } from '../../../db/database-errors';
import type { Queryable } from '../../../db/pool';
import { deleteExpiredSessions } from '../../../db/queries/delete-expired-sessions';
import { deleteSession } from '../../../db/queries/delete-session';
import { insertAuditEntry } from '../../../db/queries/insert-audit-entry';
import { insertSession } from '../../../db/queries/insert-session';
import { insertUser } from '../../../db/queries/insert-user';
import { selectAdminExists } from '../../../db/queries/select-admin-exists';
import { selectSession } from '../../../db/queries/select-session';
import { selectUserByUsername } from '../../../db/queries/select-user-by-username';
import { touchSession } from '../../../db/queries/touch-session';
import { deleteUserSessions } from '../../../db/queries/delete-user-sessions';
import { selectUsers } from '../../../db/queries/select-users';
import { updateUser } from '../../../db/queries/update-user';
import type { Role } from '../../auth/role';
import type { AuditEntry, AuthStore, NewSession, NewUser, SessionWithUser, UserRecord } from '../../ports/auth-store';

/** An address the inet column accepts, or null: the address comes from the socket, but a stray value must not fail a login. */
function inetOrNull(address: string | null): string | null {
  return address !== null && isIP(address) !== 0 ? address : null;
}

export class PostgresAuthStore implements AuthStore {
  readonly #q: Queryable;

  constructor(q: Queryable) {
    this.#q = q;
  }

  async #run<T>(during: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toStoreError(error, during);
    }
  }

  findUserByUsername(username: string): Promise<UserRecord | undefined> {
    return this.#run('reading a user', () => selectUserByUsername(this.#q, username));
  }

  insertUser(user: NewUser): Promise<UserRecord> {
    return this.#run('creating a user', () => insertUser(this.#q, user));
  }

  hasAdmin(): Promise<boolean> {
    return this.#run('looking for an admin', () => selectAdminExists(this.#q));
  }

  insertSession(session: NewSession): Promise<void> {
    return this.#run('creating a session', () => insertSession(this.#q, { ...session, clientAddress: inetOrNull(session.clientAddress) }));
  }

  findSession(sessionId: string): Promise<SessionWithUser | undefined> {
    return this.#run('reading a session', () => selectSession(this.#q, sessionId));
  }

  touchSession(sessionId: string, lastSeenMs: number): Promise<void> {
    return this.#run('updating a session', () => touchSession(this.#q, sessionId, lastSeenMs));
  }

  deleteSession(sessionId: string): Promise<boolean> {
    return this.#run('ending a session', () => deleteSession(this.#q, sessionId));
  }

  deleteExpiredSessions(nowMs: number): Promise<number> {
    return this.#run('removing expired sessions', () => deleteExpiredSessions(this.#q, nowMs));
  }

  appendAudit(entry: AuditEntry): Promise<void> {
    return this.#run('writing the audit log', () => insertAuditEntry(this.#q, { ...entry, clientAddress: inetOrNull(entry.clientAddress) }));
  }

  listUsers(): Promise<UserRecord[]> {
    return this.#run('listing users', () => selectUsers(this.#q));
  }

  updateUser(username: string, change: { role?: Role; disabled?: boolean }): Promise<{ before: UserRecord; after: UserRecord } | undefined> {
    return this.#run('updating a user', () => updateUser(this.#q, username, change));
  }

  deleteUserSessions(userId: number): Promise<string[]> {
    return this.#run("ending a user's sessions", () => deleteUserSessions(this.#q, userId));
  }
}
