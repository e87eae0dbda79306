import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { insertAlarmEvents } from '@/db/queries/insert-alarm-events';
import { selectAlarms } from '@/db/queries/select-alarms';
import { startTestDatabase, type TestDatabase } from '@/db/testing/test-database';
import { PostgresTelemetryStore } from '@/server/adapters/postgres/postgres-telemetry-store';
import { CLIENT_ADDRESS_HEADER } from '@/server/auth/request-auth';
import { createTestAuth, type TestAuth } from '@/server/auth/testing/test-auth';
import type { Alert } from '@/server/domain/alert';
import { defaultMissionDatabase } from '@/server/domain/mission/default-mission-database';
import { demoFleet } from '@/server/domain/mission/fleet';
import type { AlarmChange } from '@/server/realtime/events';
import { setRuntime } from '@/server/runtime';
import { POST } from './route';

const ORIGIN = 'http://console.test';
const T0 = 1_795_000_000_000;
let db: TestDatabase;
let testAuth: TestAuth;
let changes: AlarmChange[];

beforeAll(async () => {
  db = await startTestDatabase();
  testAuth = createTestAuth();
});
afterAll(() => db?.stop());

beforeEach(async () => {
  await db.pool.query('TRUNCATE alarm_events, alarms');
  changes = [];
  const store = new PostgresTelemetryStore(db.pool);
  setRuntime({
    store,
    alarmDesk: store,
    mdb: defaultMissionDatabase(),
    fleet: demoFleet(1),
    fleetStatus: () => [],
    auth: testAuth.auth,
    demoLogin: false,
    alarmChanged: (change) => changes.push(change),
    ops: () => Promise.resolve(null),
  });
});

const alert = (kind: Alert['kind'], atMs: number): Alert => ({
  id: `limit:101:thermal.node_000:${kind}:${atMs}`,
  ruleId: 'limit',
  satelliteId: 101,
  subject: 'thermal.node_000',
  kind,
  severity: 'critical',
  windowStartMs: atMs,
  windowEndMs: atMs,
  value: 95,
  threshold: 85,
  message: 'node 0 above 85 °C',
});

async function raisedAlarm() {
  await insertAlarmEvents(db.pool, [alert('raised', T0)], T0 + 100);
  const [stored] = await selectAlarms(db.pool, { satelliteId: 101 });
  return stored!;
}

function post(id: number | string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const request = new Request(`${ORIGIN}/api/alarms/${id}`, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { host: 'console.test', origin: ORIGIN, 'content-type': 'application/json', [CLIENT_ADDRESS_HEADER]: '10.0.0.9', ...headers },
  });
  return POST(request, { params: Promise.resolve({ id: String(id) }) });
}

/** Operators' entries about one alarm (audit_log is append-only: earlier tests' rows stay, under other alarm ids). */
const auditRows = async (alarmId: number) =>
  (
    await db.pool.query(
      `SELECT actor, actor_role, action, from_state, to_state, comment, host(client_address) AS address FROM audit_log
        WHERE actor <> 'system' AND target = $1 ORDER BY id`,
      [`alarm:${alarmId}`],
    )
  ).rows;

describe('POST /api/alarms/<id>', () => {
  it('lets an operator acknowledge with a comment: stored, audited with who and where, and every console told', async () => {
    const stored = await raisedAlarm();
    const cookie = await testAuth.cookieFor('operator');
    const response = await post(stored.id, { action: 'acknowledge', version: stored.version, comment: ' heater 3 stuck on, switching to B side ' }, { cookie });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { alarm: { id: number; version: number; alarm: { state: string; acknowledgedBy: string; acknowledgeComment: string } } };
    expect([body.alarm.version, body.alarm.alarm.state, body.alarm.alarm.acknowledgedBy, body.alarm.alarm.acknowledgeComment]).toEqual([
      stored.version + 1,
      'acknowledged',
      'operator-user',
      'heater 3 stuck on, switching to B side',
    ]);
    expect((await selectAlarms(db.pool, { ids: [stored.id] }))[0]!.alarm.state).toBe('acknowledged');
    expect(await auditRows(stored.id)).toEqual([
      {
        actor: 'operator-user',
        actor_role: 'operator',
        action: 'acknowledge',
        from_state: 'unacknowledged',
        to_state: 'acknowledged',
        comment: 'heater 3 stuck on, switching to B side',
        address: '10.0.0.9',
      },
    ]);
    expect(changes).toEqual([
      {
        alarmId: stored.id,
        satelliteId: 101,
        ruleId: stored.alarm.key.ruleId,
        subject: stored.alarm.key.subject,
        severity: stored.alarm.severity,
        version: stored.version + 1,
        state: 'acknowledged',
        action: 'acknowledge',
        actor: 'operator-user',
        atMs: expect.any(Number),
      },
    ]);
  });

  it('shelves for 15 minutes, then unshelves', async () => {
    const stored = await raisedAlarm();
    const cookie = await testAuth.cookieFor('operator');
    const shelved = await post(stored.id, { action: 'shelve', version: stored.version, comment: 'known during the heater test', durationMs: 900_000 }, { cookie });
    expect(shelved.status).toBe(200);
    const after = (await selectAlarms(db.pool, { ids: [stored.id] }))[0]!;
    expect([after.alarm.state, after.alarm.shelvedBy]).toEqual(['shelved', 'operator-user']);
    expect(after.alarm.shelvedUntilMs! - Date.now()).toBeGreaterThan(890_000);
    const back = await post(stored.id, { action: 'unshelve', version: after.version }, { cookie });
    expect([back.status, (await selectAlarms(db.pool, { ids: [stored.id] }))[0]!.alarm.state]).toEqual([200, 'unacknowledged']);
  });

  it("refuses a viewer's acknowledge with 403 and changes nothing", async () => {
    const stored = await raisedAlarm();
    const response = await post(stored.id, { action: 'acknowledge', version: stored.version, comment: 'seen' }, { cookie: await testAuth.cookieFor('viewer') });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: string }).error).toBe('the viewer role may not alarm acknowledge');
    expect((await selectAlarms(db.pool, { ids: [stored.id] }))[0]).toEqual(stored);
    expect(await auditRows(stored.id)).toEqual([]);
  });

  it('refuses signed-out, cross-site, malformed, oversized, stale, unknown and state-machine-refused requests, each with its 4xx, changing nothing', async () => {
    const stored = await raisedAlarm();
    const cookie = await testAuth.cookieFor('operator');
    const ack = { action: 'acknowledge', version: stored.version, comment: 'ok' };
    const statuses = [
      (await post(stored.id, ack)).status,
      (await post(stored.id, ack, { cookie, origin: 'http://evil.test' })).status,
      (await post(stored.id, '{"action": "acknowledge",', { cookie })).status,
      (await post(stored.id, { ...ack, comment: 'x'.repeat(9000) }, { cookie })).status,
      (await post(stored.id, { ...ack, version: stored.version - 1 }, { cookie })).status,
      (await post(987654, ack, { cookie })).status,
      (await post('abc', ack, { cookie })).status,
      (await post(stored.id, { ...ack, comment: '   ' }, { cookie })).status,
    ];
    expect(statuses).toEqual([401, 403, 400, 400, 409, 404, 400, 422]);
    expect((await selectAlarms(db.pool, { ids: [stored.id] }))[0]).toEqual(stored);
    expect(await auditRows(stored.id)).toEqual([]);
    expect(changes).toEqual([]);
  });

  it('tells the second of two consoles acting on the same version to reload (409 with the current version)', async () => {
    const stored = await raisedAlarm();
    const cookie = await testAuth.cookieFor('operator');
    const first = await post(stored.id, { action: 'acknowledge', version: stored.version, comment: 'mine' }, { cookie });
    const second = await post(stored.id, { action: 'assign', version: stored.version, assignee: 'bob' }, { cookie });
    expect([first.status, second.status]).toEqual([200, 409]);
    expect(((await second.json()) as { version: number }).version).toBe(stored.version + 1);
  });
});
