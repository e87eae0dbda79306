/**
 * What the auth service needs from storage: accounts, sessions (stored by
 * the hash of their token) and the audit log. Postgres in production
 * (server/adapters/postgres/postgres-auth-store.ts), memory in tests.
 */
import type { Role } from '../auth/role';

export interface UserRecord {
  readonly id: number;
  readonly username: string;
  readonly role: Role;
  readonly passwordHash: string;
  readonly createdAtMs: number;
  readonly disabled: boolean;
  readonly isDemo: boolean;
}

export interface NewUser {
  readonly username: string;
  readonly role: Role;
  readonly passwordHash: string;
  readonly createdAtMs: number;
  readonly isDemo?: boolean;
}

export interface NewSession {
  /** Hex SHA-256 of the token. */
  readonly id: string;
  readonly userId: number;
  readonly createdAtMs: number;
  readonly expiresAtMs: number;
  readonly clientAddress: string | null;
}

export interface SessionWithUser {
  readonly sessionId: string;
  readonly expiresAtMs: number;
  readonly lastSeenMs: number;
  readonly user: UserRecord;
}

/** One row of audit_log written for a user action. */
export interface AuditEntry {
  readonly atMs: number;
  readonly actor: string;
  readonly actorRole: Role | 'system' | 'anonymous';
  /** e.g. 'login', 'login.failed', 'logout', 'user.create'. */
  readonly action: string;
  /** e.g. 'user:alice'. */
  readonly target: string;
  readonly clientAddress: string | null;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface AuthStore {
  findUserByUsername(username: string): Promise<UserRecord | undefined>;
  /** Throws UserExistsError when the username is taken. */
  insertUser(user: NewUser): Promise<UserRecord>;
  /** Whether any enabled admin account exists. */
  hasAdmin(): Promise<boolean>;
  insertSession(session: NewSession): Promise<void>;
  /** The session and its user when the session exists; expiry is the caller's to judge. */
  findSession(sessionId: string): Promise<SessionWithUser | undefined>;
  touchSession(sessionId: string, lastSeenMs: number): Promise<void>;
  /** True when a session was deleted. */
  deleteSession(sessionId: string): Promise<boolean>;
  /** Deletes sessions that expired before `nowMs`; returns how many. */
  deleteExpiredSessions(nowMs: number): Promise<number>;
  appendAudit(entry: AuditEntry): Promise<void>;
  /** Every account, by username. */
  listUsers(): Promise<UserRecord[]>;
  /** Changes role and/or disabled; the record before and after, or undefined for an unknown username. */
  updateUser(username: string, change: { readonly role?: Role; readonly disabled?: boolean }): Promise<{ before: UserRecord; after: UserRecord } | undefined>;
  /** Ends every session of an account; the ids (token hashes) of those ended. */
  deleteUserSessions(userId: number): Promise<string[]>;
}
