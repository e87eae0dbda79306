/**
 * Untrusted input on every HTTP route of the console, against a real
 * TimescaleDB: malformed JSON, wrong types, unknown fields and oversized
 * payloads each get a 4xx with a reason and leave every table exactly as it
 * was; SQL-looking text in every field that is stored comes back from the
 * database literally.
 *
 * The route files are enumerated from app/api, and each exported method must
 * have its bad-input cases here: a new route without them fails this test.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { insertAlarmEvents } from '@/db/queries/insert-alarm-events';
import { selectAlarms } from '@/db/queries/select-alarms';
import { startTestDatabase, type TestDatabase } from '@/db/testing/test-database';
import { PostgresAuthStore } from '@/server/adapters/postgres/postgres-auth-store';
import { PostgresTelemetryStore } from '@/server/adapters/postgres/postgres-telemetry-store';
import { AuthService } from '@/server/auth/auth-service';
import { CLIENT_ADDRESS_HEADER } from '@/server/auth/request-auth';
import { SESSION_COOKIE } from '@/server/auth/session-cookie';
import { TEST_PASSWORD_HASHING } from '@/server/auth/testing/test-auth';
import type { Alert } from '@/server/domain/alert';
import { defaultMissionDatabase } from '@/server/domain/mission/default-mission-database';
import { demoFleet } from '@/server/domain/mission/fleet';
import { setRuntime } from '@/server/runtime';

const ORIGIN = 'http://console.test';
const PASSWORD = 'orbital-mechanics-42';
const API_DIR = path.dirname(fileURLToPath(import.meta.url));
const T0 = 1_795_000_000_000;
let db: TestDatabase;
let cookie: string;
let alarmId: number;
let alarmVersion: number;
let alarmsRaised = 0;

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
interface BadRequestCase {
  readonly name: string;
  readonly request: () => Request;
  readonly params?: Record<string, string>;
  readonly status: number;
}

const get = (pathAndQuery: string) => new Request(`${ORIGIN}${pathAndQuery}`, { headers: { host: 'console.test', cookie } });
const send = (method: 'POST' | 'PUT' | 'PATCH') => (pathname: string, body: string | undefined, contentType = 'application/json') =>
  new Request(`${ORIGIN}${pathname}`, {
    method,
    body,
    headers: { host: 'console.test', origin: ORIGIN, 'content-type': contentType, cookie, [CLIENT_ADDRESS_HEADER]: '10.0.0.8' },
  });
const post = send('POST');
const huge = 'x'.repeat(200_000);

/** Bad JSON bodies every JSON route must refuse with 400. */
const jsonBodyCases = (
  pathname: string,
  valid: Record<string, unknown>,
  wrongTypes: Record<string, unknown>,
  params?: Record<string, string>,
  method: 'POST' | 'PUT' | 'PATCH' = 'POST',
): BadRequestCase[] => [
  { name: 'malformed JSON', request: () => send(method)(pathname, '{"action": "acknowledge",'), params, status: 400 },
  { name: 'not an object', request: () => send(method)(pathname, '[1, 2, 3]'), params, status: 400 },
  { name: 'wrong types', request: () => send(method)(pathname, JSON.stringify(wrongTypes)), params, status: 400 },
  { name: 'unknown field', request: () => send(method)(pathname, JSON.stringify({ ...valid, isAdmin: true })), params, status: 400 },
  { name: 'oversized body', request: () => send(method)(pathname, JSON.stringify({ ...valid, padding: huge })), params, status: 400 },
  { name: 'not JSON content', request: () => send(method)(pathname, JSON.stringify(valid), 'text/plain'), params, status: 400 },
  { name: 'no body', request: () => send(method)(pathname, undefined), params, status: 400 },
];

/** Query-string routes: a parameter they do not know, and oversized or mistyped values. */
const queryCases = (pathname: string, bad: ReadonlyArray<readonly [string, string]>, params?: Record<string, string>): BadRequestCase[] => [
  { name: 'unknown parameter', request: () => get(`${pathname}?debug=1`), params, status: 400 },
  { name: 'oversized parameter', request: () => get(`${pathname}?${'q'.repeat(8000)}=${huge.slice(0, 8000)}`), params, status: 400 },
  ...bad.map(([name, query]) => ({ name, request: () => get(`${pathname}?${query}`), params, status: 400 })),
];

const CASES: Record<string, BadRequestCase[]> = {
  'admin/thresholds/route.ts GET': queryCases('/api/admin/thresholds', []),
  'admin/thresholds/[ruleId]/route.ts PUT': [
    ...jsonBodyCases('/api/admin/thresholds/thermal-overtemperature', { value: 80 }, { value: 'hot' }, { ruleId: 'thermal-overtemperature' }, 'PUT'),
    { name: 'rule id SQL', request: () => send('PUT')("/api/admin/thresholds/x'--", JSON.stringify({ value: 80 })), params: { ruleId: "x'; DROP TABLE rule_thresholds; --" }, status: 400 },
  ],
  'admin/users/route.ts GET': queryCases('/api/admin/users', []),
  'admin/users/route.ts POST': jsonBodyCases('/api/admin/users', { username: 'bob', role: 'viewer', password: PASSWORD }, { username: 7, role: ['admin'], password: 12 }),
  'admin/users/[username]/route.ts PATCH': [
    ...jsonBodyCases('/api/admin/users/alice', { role: 'viewer' }, { role: 3 }, { username: 'alice' }, 'PATCH'),
    { name: 'username SQL', request: () => send('PATCH')('/api/admin/users/x', JSON.stringify({ role: 'viewer' })), params: { username: "x'; DROP TABLE users; --" }, status: 400 },
  ],
  'alarms/[id]/history/route.ts GET': [
    ...queryCases('/api/alarms/1/history', [], { id: '1' }),
    { name: 'id SQL', request: () => get('/api/alarms/1/history'), params: { id: '1; DROP TABLE audit_log' }, status: 400 },
  ],
  'audit/route.ts GET': queryCases('/api/audit', [['page not a number', 'page=last'], ['action SQL', "action=x'%3B DROP TABLE audit_log%3B --&page=-1"]]),
  'export/route.ts GET': queryCases('/api/export', [
    ['from not a time', 'satellite=101&params=power.battery_voltage&from=yesterday&to=2026-01-01T00:00:00Z'],
    ['params SQL', "satellite=101&params=power.battery_voltage');DROP TABLE samples;--&from=2026-01-01T00:00:00Z&to=2026-01-01T00:01:00Z"],
    ['unknown format', 'satellite=101&params=power.battery_voltage&from=2026-01-01T00:00:00Z&to=2026-01-01T00:01:00Z&format=xls'],
  ]),
  'operators/route.ts GET': queryCases('/api/operators', []),
  'passes/route.ts GET': queryCases('/api/passes', [['satellite not a number', 'satellite=abc'], ['station SQL', "station=x');DROP TABLE ground_station_events;--"]]),
  'satellites/[id]/alarm-events/route.ts GET': [
    ...queryCases('/api/satellites/101/alarm-events', [['from not a time', 'from=soon&to=60000'], ['window reversed', 'from=60000&to=0']], { id: '101' }),
    { name: 'satellite id SQL', request: () => get('/api/satellites/1/alarm-events?from=0&to=1'), params: { id: "1'; DROP TABLE alarm_events; --" }, status: 400 },
  ],
  'satellites/[id]/lineage/route.ts GET': [
    ...queryCases('/api/satellites/101/lineage', [['parameter unknown', 'parameter=99999&time=1'], ['time SQL', "parameter=100&time=1);DROP TABLE samples;--"]], { id: '101' }),
    { name: 'satellite id SQL', request: () => get('/api/satellites/1/lineage?parameter=100&time=1'), params: { id: "1'; DROP TABLE packets; --" }, status: 400 },
  ],
  'alarms/route.ts GET': queryCases('/api/alarms', [
    ['satellite not a number', 'satellite=abc'],
    ['satellite out of range', 'satellite=70000'],
    ['unknown state', "state=unacknowledged,'); DROP TABLE alarms; --"],
  ]),
  'alarms/[id]/route.ts POST': [
    ...jsonBodyCases('/api/alarms/1', { action: 'acknowledge', version: 1, comment: 'ok' }, { action: 'acknowledge', version: '1', comment: 42 }, { id: '1' }),
    { name: 'unknown action', request: () => post('/api/alarms/1', JSON.stringify({ action: 'delete', version: 1 })), params: { id: '1' }, status: 400 },
    { name: 'id not a number', request: () => post("/api/alarms/1;DROP", JSON.stringify({ action: 'acknowledge', version: 1, comment: 'ok' })), params: { id: '1;DROP' }, status: 400 },
    // A NUL cannot be stored in PostgreSQL text: the domain refuses control characters before the database sees them.
    { name: 'control character in comment', request: () => post('/api/alarms/ALARM', JSON.stringify({ action: 'acknowledge', version: 'VERSION', comment: 'a\u0000b' })), params: { id: 'ALARM' }, status: 422 },
  ],
  'auth/login/route.ts POST': [
    ...jsonBodyCases('/api/auth/login', { username: 'alice', password: PASSWORD }, { username: 5, password: ['x'] }),
    { name: 'control character in username', request: () => post('/api/auth/login', JSON.stringify({ username: 'ali\u0000ce', password: PASSWORD })), status: 400 },
  ],
  'auth/logout/route.ts POST': [
    { name: 'malformed JSON body', request: () => post('/api/auth/logout', '{"all": '), status: 400 },
    { name: 'unexpected JSON body', request: () => post('/api/auth/logout', JSON.stringify({ everyone: true })), status: 400 },
    { name: 'oversized body', request: () => post('/api/auth/logout', huge), status: 400 },
  ],
  'auth/me/route.ts GET': queryCases('/api/auth/me', []),
  'ops/route.ts GET': queryCases('/api/ops', []),
  'ops/quarantine/route.ts GET': queryCases('/api/ops/quarantine', [
    ['limit not a number', 'limit=ten'],
    ['limit too large', 'limit=100000000000000000000'],
    ['limit SQL', 'limit=1;DROP TABLE quarantine'],
  ]),
  'satellites/route.ts GET': queryCases('/api/satellites', []),
  'satellites/[id]/history/route.ts GET': [
    ...queryCases('/api/satellites/101/history', [
      ['from not a number', 'parameters=100&from=yesterday&to=60000'],
      ['parameters SQL', "parameters=100);DROP TABLE samples;--&from=0&to=60000"],
      ['too many parameters', `parameters=${Array.from({ length: 65 }, (_, i) => 100 + i).join(',')}&from=0&to=60000`],
    ], { id: '101' }),
    { name: 'satellite id not a number', request: () => get('/api/satellites/abc/history?parameters=100&from=0&to=60000'), params: { id: 'abc' }, status: 400 },
  ],
};

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return entry === 'route.ts' ? [path.relative(API_DIR, full)] : [];
  });
}

/** Every row of every table, hashed: equal before and after means nothing changed. */
async function databaseFingerprint(): Promise<Record<string, string>> {
  const { rows: tables } = await db.pool.query<{ name: string }>(
    `SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const fingerprint: Record<string, string> = {};
  for (const { name } of tables) {
    const { rows } = await db.pool.query(`SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS f FROM ${name} t`);
    fingerprint[name] = rows[0].f;
  }
  return fingerprint;
}

const alert = (atMs: number, subject: string): Alert => ({
  id: `limit:101:${subject}:raised:${atMs}`,
  ruleId: 'limit',
  satelliteId: 101,
  subject,
  kind: 'raised',
  severity: 'critical',
  windowStartMs: atMs,
  windowEndMs: atMs,
  value: 95,
  threshold: 85,
  message: `${subject} above 85 °C`,
});

beforeAll(async () => {
  db = await startTestDatabase();
  const auth = new AuthService({ store: new PostgresAuthStore(db.pool), passwordHashing: TEST_PASSWORD_HASHING });
  await auth.createUser({ username: 'alice', password: PASSWORD, role: 'operator' }, 'system');
  const login = await auth.login({ username: 'alice', password: PASSWORD, clientAddress: null });
  if (!login.ok) throw new Error('sign-in failed');
  cookie = `${SESSION_COOKIE}=${login.token}`;
  const store = new PostgresTelemetryStore(db.pool);
  setRuntime({
    store,
    alarmDesk: store,
    telemetryExport: store,
    exportMaxRows: 1_000_000,
    passArchive: store,
    lineage: store,
    mdb: defaultMissionDatabase(),
    fleet: demoFleet(3),
    fleetStatus: () => [],
    auth,
    demoLogin: false,
    ops: () => Promise.resolve(null),
  });
});
afterAll(() => db?.stop());

beforeEach(async () => {
  // A fresh unacknowledged alarm per test, on a node of its own.
  const n = alarmsRaised++;
  await insertAlarmEvents(db.pool, [alert(T0 + n * 1000, `thermal.node_${String(n).padStart(3, '0')}`)], T0 + n * 1000 + 100);
  const [newest] = (await selectAlarms(db.pool, { satelliteId: 101 })).sort((a, b) => b.id - a.id);
  alarmId = newest!.id;
  alarmVersion = newest!.version;
});

describe('HTTP routes > untrusted input', () => {
  it('has bad-input cases for every method of every route under app/api', async () => {
    const expected: string[] = [];
    for (const file of routeFiles(API_DIR)) {
      const module = (await import(/* @vite-ignore */ path.join(API_DIR, file))) as Record<string, unknown>;
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) if (typeof module[method] === 'function') expected.push(`${file} ${method}`);
    }
    expect(Object.keys(CASES).sort()).toEqual(expected.sort());
  });

  it.each(Object.entries(CASES))('%s: refuses malformed, mistyped, unknown and oversized input with a 4xx and a reason, changing nothing', async (key, cases) => {
    const [file, method] = key.split(' ');
    const handler = ((await import(/* @vite-ignore */ path.join(API_DIR, file!))) as Record<string, Handler>)[method!]!;
    const before = await databaseFingerprint();
    const outcomes: string[] = [];
    for (const c of cases) {
      const substitute = (s: string) => s.replace('ALARM', String(alarmId)).replace('"VERSION"', String(alarmVersion));
      const original = c.request();
      const request = new Request(substitute(original.url), {
        method: original.method,
        headers: original.headers,
        body: original.body ? substitute(await original.text()) : undefined,
      });
      const params = Object.fromEntries(Object.entries(c.params ?? {}).map(([k, v]) => [k, substitute(v)]));
      const response = await handler(request, { params: Promise.resolve(params) });
      const body = (await response.json()) as { error?: unknown };
      outcomes.push(`${c.name}: ${response.status} ${typeof body.error === 'string' && body.error.length > 0 ? 'with reason' : 'WITHOUT REASON'}`);
    }
    expect(outcomes).toEqual(cases.map((c) => `${c.name}: ${c.status} with reason`));
    expect(await databaseFingerprint()).toEqual(before);
  });
});

describe('HTTP routes > SQL-looking text', () => {
  const SQL = [`'); DROP TABLE alarms; --`, `Robert'); DELETE FROM audit_log WHERE ('1'='1`, `$1; TRUNCATE sessions CASCADE; /*`, `x' OR '1'='1`];

  it('stores acknowledge, shelve and assign comments and the assignee literally', async () => {
    const act = async (body: Record<string, unknown>) => {
      const [current] = await selectAlarms(db.pool, { ids: [alarmId] });
      const { POST } = await import('./alarms/[id]/route');
      const response = await POST(post(`/api/alarms/${alarmId}`, JSON.stringify({ ...body, version: current!.version })), { params: Promise.resolve({ id: String(alarmId) }) });
      expect(response.status).toBe(200);
    };
    await act({ action: 'acknowledge', comment: SQL[0] });
    await act({ action: 'assign', assignee: SQL[3], comment: SQL[2] });
    await act({ action: 'shelve', comment: SQL[1], durationMs: 60_000 });
    const { rows } = await db.pool.query(
      `SELECT acknowledge_comment, assignee, state FROM alarms WHERE id = $1`,
      [alarmId],
    );
    expect(rows).toEqual([{ acknowledge_comment: SQL[0], assignee: SQL[3], state: 'shelved' }]);
    const audit = await db.pool.query(`SELECT action, comment FROM audit_log WHERE target = $1 AND actor = 'alice' ORDER BY id`, [`alarm:${alarmId}`]);
    expect(audit.rows).toEqual([
      { action: 'acknowledge', comment: SQL[0] },
      { action: 'assign', comment: SQL[2] },
      { action: 'shelve', comment: SQL[1] },
    ]);
    expect(Number((await db.pool.query('SELECT count(*) AS n FROM alarms')).rows[0].n)).toBeGreaterThan(0);
  });

  it('keeps a SQL-looking username of a failed sign-in literally in the audit log', async () => {
    const { POST } = await import('./auth/login/route');
    const username = `'); drop table users; --`;
    const response = await POST(post('/api/auth/login', JSON.stringify({ username, password: 'not-the-password' })));
    expect(response.status).toBe(401);
    const { rows } = await db.pool.query(`SELECT target, details FROM audit_log WHERE action = 'login.failed' ORDER BY id DESC LIMIT 1`);
    expect(rows).toEqual([{ target: `user:${username}`, details: { reason: 'unknown-user' } }]);
    expect(Number((await db.pool.query(`SELECT count(*) AS n FROM users WHERE username = 'alice'`)).rows[0].n)).toBe(1);
  });
});
