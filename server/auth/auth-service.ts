/**
 * Sign-in, sessions and accounts over an AuthStore: what the login routes,
 * the page gate of the web server and the Socket.IO middleware all use.
 * Every user action (login, failed login, logout, account created) is
 * appended to the audit log.
 *
 * @example
 *   const auth = new AuthService({ store: new PostgresAuthStore(pool) });
 *   const result = await auth.login({ username: 'alice', password, clientAddress: '10.0.0.7' });
 *   if (result.ok) setCookie(sessionCookie(result.token, …));
 *   await auth.authenticate(tokenFromCookie); // { id, username: 'alice', role: 'operator', demo: false } or null
 */
import { randomBytes } from 'node:crypto';
import { CredentialPolicyError, MalformedPasswordHashError, SelfLockoutError, UserNotFoundError } from '../errors';
import type { AuthStore, UserRecord } from '../ports/auth-store';
import { checkNewPassword, checkNewUsername, normalizeUsername } from './credentials';
import { LoginRateLimiter } from './login-rate-limiter';
import { DEFAULT_SCRYPT, hashPassword, verifyPassword, type ScryptParameters } from './password-hash';
import { isRole, type Role } from './role';
import { createSessionToken, hashSessionToken, isSessionTokenShaped } from './session-token';

/** The signed-in user as routes and sockets see it (socket.data.user). */
export interface AuthenticatedUser {
  readonly id: number;
  readonly username: string;
  readonly role: Role;
  /** The demo operator of `perigee start`, signed in without a password. */
  readonly demo: boolean;
}

export type LoginResult =
  | { readonly ok: true; readonly token: string; readonly user: AuthenticatedUser; readonly expiresAtMs: number }
  | { readonly ok: false; readonly reason: 'invalid-credentials' }
  | { readonly ok: false; readonly reason: 'rate-limited'; readonly retryAfterMs: number };

export interface AuthServiceOptions {
  readonly store: AuthStore;
  /** Epoch ms. */
  readonly now?: () => number;
  /** How long a session lasts from sign-in, ms. */
  readonly sessionTtlMs?: number;
  readonly limiter?: LoginRateLimiter;
  /** Cost of new password hashes; tests lower it. Existing hashes verify with the parameters stored in them. */
  readonly passwordHashing?: ScryptParameters;
}

/** An account as the admin page lists it: never the password hash. */
export interface AccountSummary {
  readonly id: number;
  readonly username: string;
  readonly role: Role;
  readonly disabled: boolean;
  readonly demo: boolean;
  readonly createdAtMs: number;
}

/** Who creates an account: an admin, or the system (first start, command line). */
export type AccountCreator = { readonly username: string; readonly role: Role } | 'system';

/** last_seen_at is written at most this often per session, so that every socket connect and API call is not a write. */
const TOUCH_INTERVAL_MS = 60_000;
export const DEMO_OPERATOR = 'demo-operator';

function toUser(record: UserRecord): AuthenticatedUser {
  return { id: record.id, username: record.username, role: record.role, demo: record.isDemo };
}

export class AuthService {
  readonly #store: AuthStore;
  readonly #now: () => number;
  readonly #sessionTtlMs: number;
  readonly #limiter: LoginRateLimiter;
  readonly #hashing: ScryptParameters;
  /** Hashed once, lazily: verified against when a username does not exist, so that both answers take as long. */
  #decoyHash: Promise<string> | undefined;

  constructor({ store, now = Date.now, sessionTtlMs = 12 * 3_600_000, limiter = new LoginRateLimiter(), passwordHashing = DEFAULT_SCRYPT }: AuthServiceOptions) {
    if (!(sessionTtlMs > 0)) throw new RangeError(`sessionTtlMs must be positive, got ${sessionTtlMs}`);
    this.#store = store;
    this.#now = now;
    this.#sessionTtlMs = sessionTtlMs;
    this.#limiter = limiter;
    this.#hashing = passwordHashing;
  }

  get sessionTtlMs(): number {
    return this.#sessionTtlMs;
  }

  /**
   * Checks a username and password. Every failure has the same answer
   * (invalid-credentials), whether the account is unknown, disabled or the
   * password wrong; the audit log records which. Refused without hashing
   * once the address or the username has too many recent failures.
   */
  async login({ username, password, clientAddress }: { username: string; password: string; clientAddress: string | null }): Promise<LoginResult> {
    const name = normalizeUsername(username);
    const nowMs = this.#now();
    const keys = this.#limiter.keysOf(clientAddress, name);
    const decision = this.#limiter.check(keys, nowMs);
    if (!decision.allowed) return { ok: false, reason: 'rate-limited', retryAfterMs: decision.retryAfterMs };

    const record = await this.#store.findUserByUsername(name);
    let failure: 'unknown-user' | 'disabled' | 'wrong-password' | 'unusable-password-hash' | undefined;
    if (!record) {
      await verifyPassword(password, await (this.#decoyHash ??= hashPassword(randomBytes(16).toString('hex'), this.#hashing)));
      failure = 'unknown-user';
    } else {
      try {
        if (!(await verifyPassword(password, record.passwordHash))) failure = 'wrong-password';
        else if (record.disabled) failure = 'disabled';
      } catch (error) {
        if (!(error instanceof MalformedPasswordHashError)) throw error;
        failure = 'unusable-password-hash';
      }
    }
    if (failure || !record) {
      this.#limiter.recordFailure(keys, nowMs);
      await this.#store.appendAudit({
        atMs: nowMs,
        actor: 'anonymous',
        actorRole: 'anonymous',
        action: 'login.failed',
        target: `user:${name}`,
        clientAddress,
        details: { reason: failure ?? 'unknown-user' },
      });
      return { ok: false, reason: 'invalid-credentials' };
    }
    this.#limiter.recordSuccess(name);
    return this.#startSession(record, clientAddress, nowMs, {});
  }

  /** Signs in the demo operator without a password (only ever wired up by `perigee start`). */
  async startDemoSession(clientAddress: string | null): Promise<LoginResult> {
    const record = await this.#store.findUserByUsername(DEMO_OPERATOR);
    if (!record || !record.isDemo || record.disabled) return { ok: false, reason: 'invalid-credentials' };
    return this.#startSession(record, clientAddress, this.#now(), { demo: true });
  }

  /** The user of a session token, or null when the token is missing, unknown, expired or its account disabled. */
  async authenticate(token: string | null | undefined): Promise<AuthenticatedUser | null> {
    if (!token || !isSessionTokenShaped(token)) return null;
    return this.authenticateSession(hashSessionToken(token));
  }

  /**
   * The user of a session by its id (the token's hash), on the same terms as
   * authenticate: what an open socket re-checks, since the server keeps the
   * session id rather than the token.
   */
  async authenticateSession(sessionId: string): Promise<AuthenticatedUser | null> {
    const session = await this.#store.findSession(sessionId);
    if (!session) return null;
    const nowMs = this.#now();
    if (session.expiresAtMs <= nowMs) {
      await this.#store.deleteSession(sessionId);
      return null;
    }
    if (session.user.disabled) return null;
    if (nowMs - session.lastSeenMs >= TOUCH_INTERVAL_MS) await this.#store.touchSession(sessionId, nowMs);
    return toUser(session.user);
  }

  /** Ends a session; false (and nothing audited) when the token named none, e.g. a replayed logout. */
  async logout(token: string | null | undefined, clientAddress: string | null): Promise<boolean> {
    if (!token || !isSessionTokenShaped(token)) return false;
    const sessionId = hashSessionToken(token);
    const session = await this.#store.findSession(sessionId);
    if (!session || !(await this.#store.deleteSession(sessionId))) return false;
    await this.#store.appendAudit({
      atMs: this.#now(),
      actor: session.user.username,
      actorRole: session.user.role,
      action: 'logout',
      target: `user:${session.user.username}`,
      clientAddress,
    });
    return true;
  }

  /** Creates an account held to the username and password policy; throws CredentialPolicyError or UserExistsError. */
  async createUser(
    { username, password, role, isDemo = false }: { username: string; password: string; role: string; isDemo?: boolean },
    creator: AccountCreator,
    clientAddress: string | null = null,
  ): Promise<AuthenticatedUser> {
    const name = checkNewUsername(username);
    checkNewPassword(password);
    if (!isRole(role)) throw new CredentialPolicyError('role', `must be one of viewer, operator, admin (got "${role}")`);
    const nowMs = this.#now();
    const record = await this.#store.insertUser({ username: name, role, passwordHash: await hashPassword(password, this.#hashing), createdAtMs: nowMs, isDemo });
    await this.#store.appendAudit({
      atMs: nowMs,
      actor: creator === 'system' ? 'system' : creator.username,
      actorRole: creator === 'system' ? 'system' : creator.role,
      action: 'user.create',
      target: `user:${name}`,
      clientAddress,
      details: { role, demo: isDemo },
    });
    return toUser(record);
  }

  /** Every account, by username. */
  async listUsers(): Promise<AccountSummary[]> {
    return (await this.#store.listUsers()).map((u) => ({
      id: u.id,
      username: u.username,
      role: u.role,
      disabled: u.disabled,
      demo: u.isDemo,
      createdAtMs: u.createdAtMs,
    }));
  }

  /**
   * Gives an account another role, audited as 'user.role' (from → to). An
   * admin cannot change their own role (SelfLockoutError): the last admin
   * could otherwise demote themselves and leave nobody to manage accounts.
   * The new role applies to the account's next request and socket handshake;
   * open sockets keep the role they connected with until they reconnect.
   */
  async changeRole(username: string, role: string, by: { username: string; role: Role }, clientAddress: string | null): Promise<AccountSummary> {
    const name = normalizeUsername(username);
    if (!isRole(role)) throw new CredentialPolicyError('role', `must be one of viewer, operator, admin (got "${role}")`);
    if (name === by.username) throw new SelfLockoutError('change the role of');
    const changed = await this.#store.updateUser(name, { role });
    if (!changed) throw new UserNotFoundError(name);
    await this.#store.appendAudit({
      atMs: this.#now(),
      actor: by.username,
      actorRole: by.role,
      action: 'user.role',
      target: `user:${name}`,
      clientAddress,
      details: { from: changed.before.role, to: role },
    });
    return this.#summary(changed.after);
  }

  /**
   * Disables an account (no more sign-ins, and every session of it ended) or
   * enables it again, audited as 'user.disable' / 'user.enable'. Returns the
   * ids of the sessions ended, for closing the sockets they opened.
   */
  async setDisabled(
    username: string,
    disabled: boolean,
    by: { username: string; role: Role },
    clientAddress: string | null,
  ): Promise<{ user: AccountSummary; endedSessionIds: string[] }> {
    const name = normalizeUsername(username);
    if (name === by.username && disabled) throw new SelfLockoutError('disable');
    const changed = await this.#store.updateUser(name, { disabled });
    if (!changed) throw new UserNotFoundError(name);
    const endedSessionIds = disabled ? await this.#store.deleteUserSessions(changed.after.id) : [];
    await this.#store.appendAudit({
      atMs: this.#now(),
      actor: by.username,
      actorRole: by.role,
      action: disabled ? 'user.disable' : 'user.enable',
      target: `user:${name}`,
      clientAddress,
      details: disabled ? { sessionsEnded: endedSessionIds.length } : {},
    });
    return { user: this.#summary(changed.after), endedSessionIds };
  }

  #summary(u: UserRecord): AccountSummary {
    return { id: u.id, username: u.username, role: u.role, disabled: u.disabled, demo: u.isDemo, createdAtMs: u.createdAtMs };
  }

  /** Whether an enabled admin account exists. */
  hasAdmin(): Promise<boolean> {
    return this.#store.hasAdmin();
  }

  /** Creates the first admin unless an enabled admin exists; true when it did. */
  async ensureFirstAdmin(username: string, password: string): Promise<boolean> {
    if (await this.#store.hasAdmin()) return false;
    await this.createUser({ username, password, role: 'admin' }, 'system');
    return true;
  }

  /**
   * Makes sure the demo operator exists. A new one gets a random password,
   * returned so it can be shown once; an existing one keeps its own (null).
   */
  async ensureDemoOperator(): Promise<{ username: string; password: string | null }> {
    if (await this.#store.findUserByUsername(DEMO_OPERATOR)) return { username: DEMO_OPERATOR, password: null };
    const password = randomBytes(18).toString('base64url');
    await this.createUser({ username: DEMO_OPERATOR, password, role: 'operator', isDemo: true }, 'system');
    return { username: DEMO_OPERATOR, password };
  }

  async #startSession(record: UserRecord, clientAddress: string | null, nowMs: number, details: Record<string, unknown>): Promise<LoginResult> {
    const token = createSessionToken();
    const expiresAtMs = nowMs + this.#sessionTtlMs;
    // Housekeeping where it is cheap and rare: one indexed DELETE per sign-in keeps the table to live sessions.
    await this.#store.deleteExpiredSessions(nowMs);
    await this.#store.insertSession({ id: hashSessionToken(token), userId: record.id, createdAtMs: nowMs, expiresAtMs, clientAddress });
    await this.#store.appendAudit({
      atMs: nowMs,
      actor: record.username,
      actorRole: record.role,
      action: 'login',
      target: `user:${record.username}`,
      clientAddress,
      details,
    });
    return { ok: true, token, user: toUser(record), expiresAtMs };
  }
}
