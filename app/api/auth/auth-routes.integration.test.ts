import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '@/db/testing/test-database';
import { PostgresAuthStore } from '@/server/adapters/postgres/postgres-auth-store';
import { AuthService } from '@/server/auth/auth-service';
import { LoginRateLimiter } from '@/server/auth/login-rate-limiter';
import { CLIENT_ADDRESS_HEADER } from '@/server/auth/request-auth';
import { TEST_PASSWORD_HASHING } from '@/server/auth/testing/test-auth';
import { defaultMissionDatabase } from '@/server/domain/mission/default-mission-database';
import { demoFleet } from '@/server/domain/mission/fleet';
import { setRuntime } from '@/server/runtime';
import { POST as login } from './login/route';
import { POST as logout } from './logout/route';
import { GET as me } from './me/route';

const ORIGIN = 'http://console.test';
const PASSWORD = 'orbital-mechanics-42';
let db: TestDatabase;
let clockMs: number;
let auth: AuthService;

beforeAll(async () => {
  db = await startTestDatabase();
  auth = new AuthService({ store: new PostgresAuthStore(db.pool), now: () => clockMs, passwordHashing: TEST_PASSWORD_HASHING });
  clockMs = 1_800_000_000_000;
  await auth.createUser({ username: 'Alice', password: PASSWORD, role: 'operator' }, { username: 'root', role: 'admin' }, '10.0.0.1');
});
afterAll(() => db?.stop());

beforeEach(async () => {
  // A fresh limiter per test, over the same database.
  auth = new AuthService({
    store: new PostgresAuthStore(db.pool),
    now: () => clockMs,
    passwordHashing: TEST_PASSWORD_HASHING,
    limiter: new LoginRateLimiter({ maxFailures: 5, windowMs: 300_000 }),
  });
  const store = { listSatellites: async () => [], listAlarms: async () => [], listAlarmEvents: async () => [], listQuarantine: async () => [], getSeries: async () => ({ tier: 'raw' as const, bucketMs: null, series: [] }) };
  setRuntime({ store, mdb: defaultMissionDatabase(), fleet: demoFleet(1), fleetStatus: () => [], auth, demoLogin: false, ops: () => Promise.resolve(null) });
  clockMs += 3_600_000;
  await db.pool.query('DELETE FROM sessions');
});

function post(path: string, body: string | undefined, headers: Record<string, string> = {}): Request {
  return new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    body,
    headers: { host: 'console.test', origin: ORIGIN, 'content-type': 'application/json', [CLIENT_ADDRESS_HEADER]: '10.0.0.7', ...headers },
  });
}
const credentials = (username: string, password: string) => JSON.stringify({ username, password });
const cookieOf = (response: Response) => response.headers.get('set-cookie')!.split(';')[0]!;

async function count(sql: string): Promise<number> {
  return Number((await db.pool.query(sql)).rows[0].n);
}
async function auditSince(id: number) {
  const { rows } = await db.pool.query(
    `SELECT actor, actor_role, action, target, host(client_address) AS address, details FROM audit_log WHERE id > $1 ORDER BY id`,
    [id],
  );
  return rows;
}
const lastAuditId = async () => Number((await db.pool.query('SELECT coalesce(max(id), 0) AS n FROM audit_log')).rows[0].n);

describe('POST /api/auth/login, GET /api/auth/me, POST /api/auth/logout', () => {
  it('signs in, sets an HttpOnly SameSite=Strict cookie, stores only the token hash, and audits login and logout', async () => {
    const before = await lastAuditId();
    const response = await login(post('/api/auth/login', credentials('alice', PASSWORD)));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ user: { username: 'alice', role: 'operator' }, demo: false });
    const setCookie = response.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^perigee_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=43200; HttpOnly; SameSite=Strict$/);
    const token = cookieOf(response).split('=')[1]!;
    const { rows } = await db.pool.query('SELECT id, host(client_address) AS address FROM sessions');
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].id).not.toContain(token);
    expect(rows[0].address).toBe('10.0.0.7');

    const whoami = await me(new Request(`${ORIGIN}/api/auth/me`, { headers: { cookie: cookieOf(response) } }));
    expect([whoami.status, await whoami.json()]).toEqual([200, { user: { username: 'alice', role: 'operator' }, demo: false }]);

    const out = await logout(post('/api/auth/logout', undefined, { cookie: cookieOf(response) }));
    expect([out.status, await out.json()]).toEqual([200, { ok: true }]);
    expect(out.headers.get('set-cookie')).toBe('perigee_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict');
    expect(await count('SELECT count(*) AS n FROM sessions')).toBe(0);
    expect(await auditSince(before)).toEqual([
      { actor: 'alice', actor_role: 'operator', action: 'login', target: 'user:alice', address: '10.0.0.7', details: {} },
      { actor: 'alice', actor_role: 'operator', action: 'logout', target: 'user:alice', address: '10.0.0.7', details: {} },
    ]);
  });

  it('marks the cookie Secure when the request came over https', async () => {
    const response = await login(
      new Request('https://console.test/api/auth/login', {
        method: 'POST',
        body: credentials('alice', PASSWORD),
        headers: { host: 'console.test', origin: 'https://console.test', 'content-type': 'application/json' },
      }),
    );
    expect(response.headers.get('set-cookie')).toMatch(/; Secure$/);
  });

  it('answers a wrong password and an unknown user alike with 401, and audits both as anonymous', async () => {
    const before = await lastAuditId();
    const wrong = await login(post('/api/auth/login', credentials('alice', 'not-the-password')));
    const unknown = await login(post('/api/auth/login', credentials('mallory', PASSWORD)));
    for (const response of [wrong, unknown]) {
      expect([response.status, await response.json()]).toEqual([401, { error: 'wrong username or password' }]);
      expect(response.headers.get('set-cookie')).toBeNull();
    }
    expect(await auditSince(before)).toEqual([
      { actor: 'anonymous', actor_role: 'anonymous', action: 'login.failed', target: 'user:alice', address: '10.0.0.7', details: { reason: 'wrong-password' } },
      { actor: 'anonymous', actor_role: 'anonymous', action: 'login.failed', target: 'user:mallory', address: '10.0.0.7', details: { reason: 'unknown-user' } },
    ]);
  });

  it('refuses the sixth attempt within five minutes with 429 and Retry-After, even with the right password, then lets it through', async () => {
    for (let i = 0; i < 5; i++) expect((await login(post('/api/auth/login', credentials('alice', `wrong-${i}`)))).status).toBe(401);
    const auditBefore = await lastAuditId();
    const limited = await login(post('/api/auth/login', credentials('alice', PASSWORD)));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('300');
    expect(await limited.json()).toEqual({ error: 'too many failed sign-in attempts; try again in 300 s' });
    // Another address is refused too: the username itself is locked.
    expect((await login(post('/api/auth/login', credentials('alice', PASSWORD), { [CLIENT_ADDRESS_HEADER]: '10.9.9.9' }))).status).toBe(429);
    expect(await lastAuditId()).toBe(auditBefore);
    expect(await count('SELECT count(*) AS n FROM sessions')).toBe(0);

    clockMs += 300_000;
    expect((await login(post('/api/auth/login', credentials('alice', PASSWORD)))).status).toBe(200);
  });

  it('answers malformed, oversized and non-JSON bodies with 400 and changes nothing', async () => {
    const before = await lastAuditId();
    const cases: Array<[Request, string]> = [
      [post('/api/auth/login', '{"username":"alice",'), 'request body is not valid JSON'],
      [post('/api/auth/login', JSON.stringify({ username: 'alice' })), 'expected { "username": string, "password": string }'],
      [post('/api/auth/login', JSON.stringify({ username: 'alice', password: PASSWORD, role: 'admin' })), 'expected { "username": string, "password": string }'],
      [post('/api/auth/login', JSON.stringify({ username: ['alice'], password: PASSWORD })), 'expected { "username": string, "password": string }'],
      [post('/api/auth/login', JSON.stringify({ username: 'alice', password: 'x'.repeat(5000) })), 'request body is larger than 4096 bytes'],
      [post('/api/auth/login', credentials('alice', PASSWORD), { 'content-type': 'text/plain' }), 'expected a JSON body (content-type: application/json)'],
    ];
    for (const [request, error] of cases) {
      const response = await login(request);
      expect([response.status, await response.json()]).toEqual([400, { error }]);
    }
    expect(await lastAuditId()).toBe(before);
    expect(await count('SELECT count(*) AS n FROM sessions')).toBe(0);
  });

  it('refuses cross-origin or origin-less mutations with 403 before reading them', async () => {
    const before = await lastAuditId();
    const evil = await login(post('/api/auth/login', credentials('alice', PASSWORD), { origin: 'https://evil.example' }));
    expect([evil.status, await evil.json()]).toEqual([403, { error: 'cross-site request refused: origin https://evil.example does not match host console.test' }]);
    const bare = new Request(`${ORIGIN}/api/auth/login`, { method: 'POST', body: credentials('alice', PASSWORD), headers: { host: 'console.test', 'content-type': 'application/json' } });
    expect((await login(bare)).status).toBe(403);

    const signedIn = cookieOf(await login(post('/api/auth/login', credentials('alice', PASSWORD))));
    const crossLogout = await logout(post('/api/auth/logout', undefined, { cookie: signedIn, origin: 'https://evil.example' }));
    expect(crossLogout.status).toBe(403);
    expect(await count('SELECT count(*) AS n FROM sessions')).toBe(1);
    expect((await auditSince(before)).map((r) => r.action)).toEqual(['login']);
    await logout(post('/api/auth/logout', undefined, { cookie: signedIn }));
  });

  it('answers a replayed cookie after logout, and a replayed logout, with 401 and audits nothing more', async () => {
    const cookie = cookieOf(await login(post('/api/auth/login', credentials('alice', PASSWORD))));
    expect((await logout(post('/api/auth/logout', undefined, { cookie }))).status).toBe(200);
    const before = await lastAuditId();
    const again = await logout(post('/api/auth/logout', undefined, { cookie }));
    expect([again.status, await again.json()]).toEqual([401, { error: 'not signed in' }]);
    const whoami = await me(new Request(`${ORIGIN}/api/auth/me`, { headers: { cookie } }));
    expect([whoami.status, await whoami.json()]).toEqual([401, { error: 'sign in to use the console' }]);
    expect(await lastAuditId()).toBe(before);
  });

  it('forgets a session once it expires', async () => {
    const cookie = cookieOf(await login(post('/api/auth/login', credentials('alice', PASSWORD))));
    clockMs += 12 * 3_600_000;
    expect((await me(new Request(`${ORIGIN}/api/auth/me`, { headers: { cookie } }))).status).toBe(401);
    expect(await count('SELECT count(*) AS n FROM sessions')).toBe(0);
  });

  it('audited the account it was given at creation, with its creator', async () => {
    const { rows } = await db.pool.query(`SELECT actor, actor_role, action, target, host(client_address) AS address, details FROM audit_log WHERE action = 'user.create'`);
    expect(rows).toEqual([
      { actor: 'root', actor_role: 'admin', action: 'user.create', target: 'user:alice', address: '10.0.0.1', details: { role: 'operator', demo: false } },
    ]);
  });
});
