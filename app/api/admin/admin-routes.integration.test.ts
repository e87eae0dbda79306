/**
 * The admin and audit routes against TimescaleDB with the PostgreSQL auth
 * store: accounts, roles, disabling (sessions ended, open sockets closed on a
 * real Socket.IO server), rule thresholds, and the audit log reading all of
 * it back.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '@/db/testing/test-database';
import { PostgresAuditTrail, PostgresRuleThresholds } from '@/server/adapters/postgres/postgres-audit-trail';
import { PostgresAuthStore } from '@/server/adapters/postgres/postgres-auth-store';
import { PostgresTelemetryStore } from '@/server/adapters/postgres/postgres-telemetry-store';
import { AuthService } from '@/server/auth/auth-service';
import { CLIENT_ADDRESS_HEADER } from '@/server/auth/request-auth';
import { SESSION_COOKIE } from '@/server/auth/session-cookie';
import { TEST_PASSWORD, TEST_PASSWORD_HASHING } from '@/server/auth/testing/test-auth';
import type { Role } from '@/server/auth/role';
import { defaultMissionDatabase } from '@/server/domain/mission/default-mission-database';
import { demoFleet } from '@/server/domain/mission/fleet';
import { defaultRuleSet } from '@/server/domain/stream/rules/load-rule-set';
import { tunableThresholds } from '@/server/domain/stream/rules/rule-thresholds';
import type { AuditPage } from '@/server/realtime/alarm-history';
import { SOCKET_EVENTS, type SessionEnded } from '@/server/realtime/events';
import { createSocketServer, endSessionSockets, HANDSHAKE_ERRORS, type TelemetrySocketServer } from '@/server/realtime/socket-server';
import { setRuntime } from '@/server/runtime';
import { POST as logout } from '../auth/logout/route';
import { GET as auditGet } from '../audit/route';
import { GET as operatorsGet } from '../operators/route';
import { PUT as thresholdPut } from './thresholds/[ruleId]/route';
import { GET as thresholdsGet } from './thresholds/route';
import { PATCH as userPatch } from './users/[username]/route';
import { GET as usersGet, POST as usersPost } from './users/route';

const ORIGIN = 'http://console.test';
const mdb = defaultMissionDatabase();
let db: TestDatabase;
let auth: AuthService;
let io: TelemetrySocketServer;
let httpServer: http.Server;
let socketUrl: string;
const cookies = new Map<string, string>();

beforeAll(async () => {
  db = await startTestDatabase();
  auth = new AuthService({ store: new PostgresAuthStore(db.pool), passwordHashing: TEST_PASSWORD_HASHING });
  httpServer = http.createServer();
  // Rechecked often here; a sign-out on this node closes sockets at once without waiting for it.
  // Rechecks run on their own timer: one that reads a session in the instant an account is disabled closes that
  // socket first, as no longer valid. One second apart they rarely meet the disabling test's few milliseconds.
  io = createSocketServer(httpServer, { auth, sessionRecheckMs: 1000 });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  socketUrl = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  const store = new PostgresTelemetryStore(db.pool);
  setRuntime({
    store,
    alarmDesk: store,
    audit: new PostgresAuditTrail(db.pool),
    ruleThresholds: { store: new PostgresRuleThresholds(db.pool), tunable: tunableThresholds(defaultRuleSet(mdb), mdb) },
    mdb,
    fleet: demoFleet(1),
    fleetStatus: () => [],
    auth,
    demoLogin: false,
    ops: () => Promise.resolve(null),
    endSockets: (revocation, reason) => endSessionSockets(io, revocation, reason),
  });
  for (const role of ['viewer', 'operator', 'admin'] as const) await auth.createUser({ username: `${role}-one`, password: TEST_PASSWORD, role }, 'system');
}, 60_000);
afterAll(async () => {
  await io?.close();
  await db?.stop();
});

async function signIn(username: string): Promise<string> {
  const result = await auth.login({ username, password: TEST_PASSWORD, clientAddress: '10.0.0.5' });
  if (!result.ok) throw new Error(`sign-in of ${username} failed: ${result.reason}`);
  return `${SESSION_COOKIE}=${result.token}`;
}
const cookieOf = async (role: Role) => cookies.get(role) ?? cookies.set(role, await signIn(`${role}-one`)).get(role)!;

function request(method: string, path: string, { body, cookie, origin = ORIGIN }: { body?: unknown; cookie?: string; origin?: string | null } = {}): Request {
  const headers: Record<string, string> = { host: 'console.test', [CLIENT_ADDRESS_HEADER]: '10.0.0.7' };
  if (origin) headers.origin = origin;
  if (cookie) headers.cookie = cookie;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return new Request(`${ORIGIN}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
}
const params = <T extends Record<string, string>>(value: T) => ({ params: Promise.resolve(value) });
const json = async (response: Response) => ({ status: response.status, body: (await response.json()) as Record<string, unknown> });

/** The newest audit entries of an action, as the audit route returns them. */
async function audited(action: string, limit = 5) {
  const response = await auditGet(request('GET', `/api/audit?action=${action}&limit=${limit}`, { cookie: await cookieOf('admin') }));
  return ((await response.json()) as AuditPage).entries;
}

function openSocket(cookie: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketUrl, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}
function sessionEnd(socket: Socket): Promise<{ ended: SessionEnded; reason: string }> {
  return new Promise((resolve) => {
    let ended: SessionEnded | undefined;
    socket.on(SOCKET_EVENTS.sessionEnded, (e: SessionEnded) => (ended = e));
    socket.once('disconnect', (reason) => resolve({ ended: ended!, reason }));
  });
}

describe('Admin > users', () => {
  it('creates an account: 201, audited with the admin and the address, and the new account can sign in', async () => {
    const admin = await cookieOf('admin');
    const created = await json(await usersPost(request('POST', '/api/admin/users', { cookie: admin, body: { username: 'Carol', role: 'operator', password: 'carol-password-1' } })));
    expect(created).toEqual({ status: 201, body: { user: { id: expect.any(Number), username: 'carol', role: 'operator', disabled: false, demo: false } } });
    expect((await auth.login({ username: 'carol', password: 'carol-password-1', clientAddress: null })).ok).toBe(true);
    const [entry] = await audited('user.create');
    expect(entry).toMatchObject({ actor: 'admin-one', actorRole: 'admin', target: 'user:carol', clientAddress: '10.0.0.7', details: { role: 'operator', demo: false } });
    const list = await json(await usersGet(request('GET', '/api/admin/users', { cookie: admin })));
    expect((list.body.users as { username: string; role: string }[]).map((u) => `${u.username}:${u.role}`)).toEqual(['admin-one:admin', 'carol:operator', 'operator-one:operator', 'viewer-one:viewer']);
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt/);
    // Operators pick assignees among enabled operators and admins.
    expect(await json(await operatorsGet(request('GET', '/api/operators', { cookie: await cookieOf('operator') })))).toEqual({
      status: 200,
      body: { operators: ['admin-one', 'carol', 'operator-one'] },
    });
  });

  it('refuses bad, oversized, duplicate, cross-site and non-admin requests with their 4xx, creating nothing', async () => {
    const admin = await cookieOf('admin');
    const body = { username: 'dave', role: 'viewer', password: 'dave-password-1' };
    const results = [
      await json(await usersPost(request('POST', '/api/admin/users', { cookie: admin, body: '{"username": "dave",' }))),
      await json(await usersPost(request('POST', '/api/admin/users', { cookie: admin, body: { ...body, password: 'short' } }))),
      await json(await usersPost(request('POST', '/api/admin/users', { cookie: admin, body: { ...body, isAdmin: true } }))),
      await json(await usersPost(request('POST', '/api/admin/users', { cookie: admin, body: { ...body, password: 'x'.repeat(5000) } }))),
      await json(await usersPost(request('POST', '/api/admin/users', { cookie: admin, body: { ...body, username: 'Bad Name!' } }))),
      await json(await usersPost(request('POST', '/api/admin/users', { cookie: admin, body: { ...body, username: 'operator-one' } }))),
      await json(await usersPost(request('POST', '/api/admin/users', { cookie: admin, body, origin: 'http://evil.test' }))),
      await json(await usersPost(request('POST', '/api/admin/users', { cookie: await cookieOf('operator'), body }))),
      await json(await usersGet(request('GET', '/api/admin/users', { cookie: await cookieOf('viewer') }))),
      await json(await operatorsGet(request('GET', '/api/operators', { cookie: await cookieOf('viewer') }))),
    ];
    expect(results.map((r) => r.status)).toEqual([400, 400, 400, 400, 400, 409, 403, 403, 403, 403]);
    expect(results.map((r) => r.body.error)).toEqual([
      'request body is not valid JSON',
      'invalid user: password: must be at least 12 characters; expected { username, role, password }',
      expect.stringMatching(/^invalid user: .*isAdmin/),
      'request body is larger than 4096 bytes',
      'username: may hold only letters, digits, ".", "_" and "-", and must start with a letter or digit',
      'user "operator-one" already exists',
      expect.stringMatching(/^cross-site request refused/),
      'the operator role may not user manage',
      'the viewer role may not user manage',
      'the viewer role may not alarm assign',
    ]);
    expect(await auth.listUsers()).not.toContainEqual(expect.objectContaining({ username: 'dave' }));
  });

  it('changes a role, audited from → to; refuses an admin changing their own role', async () => {
    const admin = await cookieOf('admin');
    await auth.createUser({ username: 'erin', password: TEST_PASSWORD, role: 'viewer' }, 'system');
    const changed = await json(await userPatch(request('PATCH', '/api/admin/users/erin', { cookie: admin, body: { role: 'operator' } }), params({ username: 'erin' })));
    expect(changed).toMatchObject({ status: 200, body: { user: { username: 'erin', role: 'operator', disabled: false } } });
    expect((await auth.authenticate((await signIn('erin')).split('=')[1]))?.role).toBe('operator');
    expect((await audited('user.role'))[0]).toMatchObject({ actor: 'admin-one', target: 'user:erin', details: { from: 'viewer', to: 'operator' }, clientAddress: '10.0.0.7' });

    const results = [
      await json(await userPatch(request('PATCH', '/api/admin/users/admin-one', { cookie: admin, body: { role: 'viewer' } }), params({ username: 'admin-one' }))),
      await json(await userPatch(request('PATCH', '/api/admin/users/nobody', { cookie: admin, body: { role: 'viewer' } }), params({ username: 'nobody' }))),
      await json(await userPatch(request('PATCH', '/api/admin/users/erin', { cookie: admin, body: { role: 'root' } }), params({ username: 'erin' }))),
      await json(await userPatch(request('PATCH', '/api/admin/users/erin', { cookie: await cookieOf('operator'), body: { role: 'admin' } }), params({ username: 'erin' }))),
    ];
    expect(results.map((r) => [r.status, r.body.error])).toEqual([
      [422, 'you cannot change the role of your own account; ask another admin'],
      [404, 'user "nobody" does not exist'],
      [400, expect.stringMatching(/^invalid change: /)],
      [403, 'the operator role may not user manage'],
    ]);
    expect((await auth.listUsers()).find((u) => u.username === 'admin-one')?.role).toBe('admin');
  });

  it('disables an account: its sessions end, its open sockets are told and closed, it can neither sign in nor reconnect; enabling lets it sign in again', async () => {
    await auth.createUser({ username: 'frank', password: TEST_PASSWORD, role: 'operator' }, 'system');
    const [tabA, tabB] = [await signIn('frank'), await signIn('frank')];
    const bystanderCookie = await cookieOf('viewer');
    const [socketA, socketB, bystander] = await Promise.all([openSocket(tabA), openSocket(tabB), openSocket(bystanderCookie)]);
    const endedA = sessionEnd(socketA);
    const endedB = sessionEnd(socketB);

    const response = await json(await userPatch(request('PATCH', '/api/admin/users/frank', { cookie: await cookieOf('admin'), body: { disabled: true } }), params({ username: 'frank' })));
    expect(response).toMatchObject({ status: 200, body: { user: { username: 'frank', disabled: true }, socketsClosed: 2, sessionsEnded: 2 } });
    expect(await Promise.all([endedA, endedB])).toEqual([
      { ended: { reason: 'account-disabled' }, reason: 'io server disconnect' },
      { ended: { reason: 'account-disabled' }, reason: 'io server disconnect' },
    ]);
    expect(bystander.connected).toBe(true);
    bystander.close();
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'frank'`)).rows[0].n).toBe(0);
    await expect(openSocket(tabA)).rejects.toThrow(HANDSHAKE_ERRORS.unauthenticated);
    expect(await auth.login({ username: 'frank', password: TEST_PASSWORD, clientAddress: null })).toEqual({ ok: false, reason: 'invalid-credentials' });
    expect((await audited('user.disable'))[0]).toMatchObject({ actor: 'admin-one', target: 'user:frank', details: { sessionsEnded: 2 } });

    const enabled = await json(await userPatch(request('PATCH', '/api/admin/users/frank', { cookie: await cookieOf('admin'), body: { disabled: false } }), params({ username: 'frank' })));
    expect(enabled).toMatchObject({ status: 200, body: { user: { disabled: false }, socketsClosed: 0 } });
    expect((await auth.login({ username: 'frank', password: TEST_PASSWORD, clientAddress: null })).ok).toBe(true);
    expect((await audited('user.enable'))[0]).toMatchObject({ target: 'user:frank' });
  });

  it('signing out closes that session’s sockets and only those', async () => {
    await auth.createUser({ username: 'grace', password: TEST_PASSWORD, role: 'viewer' }, 'system');
    const [leaving, staying] = [await signIn('grace'), await signIn('grace')];
    const [leavingSocket, stayingSocket] = await Promise.all([openSocket(leaving), openSocket(staying)]);
    const ended = sessionEnd(leavingSocket);
    expect((await logout(request('POST', '/api/auth/logout', { cookie: leaving }))).status).toBe(200);
    expect(await ended).toEqual({ ended: { reason: 'signed-out' }, reason: 'io server disconnect' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stayingSocket.connected).toBe(true);
    stayingSocket.close();
  });
});

describe('Sockets > session recheck', () => {
  it('closes a socket whose session ended elsewhere (another web node, expiry) at its next check, and follows a role change', async () => {
    await auth.createUser({ username: 'heidi', password: TEST_PASSWORD, role: 'viewer' }, 'system');
    const cookie = await signIn('heidi');
    const socket = await openSocket(cookie);
    const serverSide = () => [...io.sockets.sockets.values()].find((s) => s.id === socket.id);
    expect(serverSide()?.data.user.role).toBe('viewer');
    await auth.changeRole('heidi', 'operator', { username: 'admin-one', role: 'admin' }, null);
    await expect.poll(() => serverSide()?.data.user.role, { timeout: 3000 }).toBe('operator');

    const ended = sessionEnd(socket);
    // Signed out through the service alone, as another node would: nobody here called endSessionSockets.
    expect(await auth.logout(cookie.split('=')[1], null)).toBe(true);
    expect(await ended).toEqual({ ended: { reason: 'no-longer-valid' }, reason: 'io server disconnect' });
  });
});

describe('Admin > rule thresholds', () => {
  it('lists the tunable rules, stores a change audited from → to with who, and shows it', async () => {
    const admin = await cookieOf('admin');
    const before = await json(await thresholdsGet(request('GET', '/api/admin/thresholds', { cookie: admin })));
    expect((before.body.thresholds as { ruleId: string; value: number; defaultValue: number }[]).map((t) => [t.ruleId, t.value, t.defaultValue])).toEqual([
      ['attitude-deviation', 2, 2],
      ['thermal-overtemperature', 85, 85],
    ]);
    const put = (value: unknown, cookie = admin, ruleId = 'thermal-overtemperature', origin: string | null = ORIGIN) =>
      thresholdPut(request('PUT', `/api/admin/thresholds/${ruleId}`, { cookie, body: { value }, origin }), params({ ruleId }));
    expect(await json(await put(80))).toEqual({ status: 200, body: { ruleId: 'thermal-overtemperature', from: 85, to: 80 } });
    expect(await json(await put(82.5))).toEqual({ status: 200, body: { ruleId: 'thermal-overtemperature', from: 80, to: 82.5 } });
    expect((await db.pool.query('SELECT rule_id, value, updated_by FROM rule_thresholds')).rows).toEqual([{ rule_id: 'thermal-overtemperature', value: 82.5, updated_by: 'admin-one' }]);
    expect((await audited('rule.threshold')).map((e) => [e.actor, e.actorRole, e.target, e.details, e.clientAddress])).toEqual([
      ['admin-one', 'admin', 'rule:thermal-overtemperature', { from: 80, to: 82.5 }, '10.0.0.7'],
      ['admin-one', 'admin', 'rule:thermal-overtemperature', { from: 85, to: 80 }, '10.0.0.7'],
    ]);
    const after = await json(await thresholdsGet(request('GET', '/api/admin/thresholds', { cookie: admin })));
    expect((after.body.thresholds as { ruleId: string; value: number; updatedBy: string | null }[]).map((t) => [t.ruleId, t.value, t.updatedBy])).toEqual([
      ['attitude-deviation', 2, null],
      ['thermal-overtemperature', 82.5, 'admin-one'],
    ]);

    const refused = [
      await json(await put(900)),
      await json(await put(0, admin, 'attitude-deviation')),
      await json(await put('90')),
      await json(await put(90, admin, 'limit')),
      await json(await put(90, admin, 'Not_A_Rule')),
      await json(await put(90, await cookieOf('operator'))),
      await json(await put(90, admin, 'thermal-overtemperature', 'http://evil.test')),
      await json(await put(90, admin, 'thermal-overtemperature', null)),
      await json(await thresholdsGet(request('GET', '/api/admin/thresholds', { cookie: await cookieOf('operator') }))),
    ];
    expect(refused.map((r) => r.status)).toEqual([422, 422, 400, 404, 400, 403, 403, 403, 403]);
    expect(refused[0]!.body.error).toBe('thermal-overtemperature threshold must be at least -120 and at most 180 °C, got 900');
    expect((await db.pool.query('SELECT value FROM rule_thresholds')).rows).toEqual([{ value: 82.5 }]);
  });
});

describe('GET /api/audit', () => {
  it('lists user actions and changes newest first, filtered, in keyset pages; viewers are refused', async () => {
    const admin = await cookieOf('admin');
    const page = async (query: string) => (await auditGet(request('GET', `/api/audit?${query}`, { cookie: admin }))).json() as Promise<AuditPage>;
    const all = await page('limit=200');
    expect(all.entries.length).toBeGreaterThan(10);
    const ids = all.entries.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(all.entries.map((e) => e.action))).toEqual(new Set(['user.create', 'login', 'logout', 'user.role', 'user.disable', 'user.enable', 'login.failed', 'rule.threshold']));

    const first = await page('kind=user&limit=3');
    const second = await page(`kind=user&limit=3&before=${first.nextBefore}`);
    const userEntries = all.entries.filter((e) => e.target.startsWith('user:'));
    expect([...first.entries, ...second.entries].map((e) => e.id)).toEqual(userEntries.slice(0, 6).map((e) => e.id));
    expect(first.nextBefore).toBe(first.entries[2]!.id);
    expect((await page('actor=frank&action=login')).entries.map((e) => [e.actor, e.action, e.target])).toEqual([
      ['frank', 'login', 'user:frank'],
      ['frank', 'login', 'user:frank'],
      ['frank', 'login', 'user:frank'],
    ]);
    expect((await page('target=rule:thermal-overtemperature')).entries).toHaveLength(2);
    const newest = all.entries[0]!.atMs;
    expect((await page(`from=${newest + 1}`)).entries).toEqual([]);
    expect(await page('action=no-such-action')).toEqual({ entries: [], nextBefore: null });

    const refused = [
      await json(await auditGet(request('GET', '/api/audit', { cookie: await cookieOf('viewer') }))),
      await json(await auditGet(request('GET', '/api/audit'))),
      await json(await auditGet(request('GET', '/api/audit?limit=1000', { cookie: admin }))),
      await json(await auditGet(request('GET', '/api/audit?order=asc', { cookie: admin }))),
    ];
    expect(refused.map((r) => r.status)).toEqual([403, 401, 400, 400]);
    expect((await auditGet(request('GET', '/api/audit?limit=1', { cookie: await cookieOf('operator') }))).status).toBe(200);
  });
});
