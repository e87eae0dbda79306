/**
 * AuthStore in memory, for tests and the socket harness: same contract as
 * the Postgres store, nothing persisted. `audit` exposes what was appended.
 *
 * @example
 *   const store = new MemoryAuthStore();
 *   const auth = new AuthService({ store, now: () => 1_000 });
 */
import { UserExistsError } from '../../errors';
import type { Role } from '../../auth/role';
import type { AuditEntry, AuthStore, NewSession, NewUser, SessionWithUser, UserRecord } from '../../ports/auth-store';

export class MemoryAuthStore implements AuthStore {
  readonly users = new Map<string, UserRecord>();
  readonly sessions = new Map<string, NewSession & { lastSeenMs: number }>();
  readonly audit: AuditEntry[] = [];
  #nextUserId = 1;

  async findUserByUsername(username: string): Promise<UserRecord | undefined> {
    return this.users.get(username);
  }

  async insertUser(user: NewUser): Promise<UserRecord> {
    if (this.users.has(user.username)) throw new UserExistsError(user.username);
    const record: UserRecord = { id: this.#nextUserId++, disabled: false, isDemo: false, ...user };
    this.users.set(user.username, record);
    return record;
  }

  async hasAdmin(): Promise<boolean> {
    return [...this.users.values()].some((u) => u.role === 'admin' && !u.disabled);
  }

  async insertSession(session: NewSession): Promise<void> {
    this.sessions.set(session.id, { ...session, lastSeenMs: session.createdAtMs });
  }

  async findSession(sessionId: string): Promise<SessionWithUser | undefined> {
    const session = this.sessions.get(sessionId);
    const user = session && [...this.users.values()].find((u) => u.id === session.userId);
    if (!session || !user) return undefined;
    return { sessionId, expiresAtMs: session.expiresAtMs, lastSeenMs: session.lastSeenMs, user };
  }

  async touchSession(sessionId: string, lastSeenMs: number): Promise<void> {
    const session = this.sessions.get(sessionId);
    if (session) session.lastSeenMs = lastSeenMs;
  }

  async deleteSession(sessionId: string): Promise<boolean> {
    return this.sessions.delete(sessionId);
  }

  async deleteExpiredSessions(nowMs: number): Promise<number> {
    let count = 0;
    for (const [id, s] of this.sessions) if (s.expiresAtMs <= nowMs && this.sessions.delete(id)) count++;
    return count;
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    this.audit.push(entry);
  }

  async listUsers(): Promise<UserRecord[]> {
    return [...this.users.values()].sort((a, b) => a.username.localeCompare(b.username));
  }

  async updateUser(username: string, change: { role?: Role; disabled?: boolean }): Promise<{ before: UserRecord; after: UserRecord } | undefined> {
    const before = this.users.get(username);
    if (!before) return undefined;
    const after: UserRecord = { ...before, role: change.role ?? before.role, disabled: change.disabled ?? before.disabled };
    this.users.set(username, after);
    return { before, after };
  }

  async deleteUserSessions(userId: number): Promise<string[]> {
    const ended: string[] = [];
    for (const [id, s] of this.sessions) if (s.userId === userId && this.sessions.delete(id)) ended.push(id);
    return ended;
  }
}
