/**
 * An alarm's history and the shelve until the end of the pass, against
 * TimescaleDB: the routes read what the alarm desk wrote to audit_log, and
 * the end of the pass comes from the fleet status board's real predictions.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { insertAlarmEvents } from '@/db/queries/insert-alarm-events';
import { selectAlarms } from '@/db/queries/select-alarms';
import { startTestDatabase, type TestDatabase } from '@/db/testing/test-database';
import { PostgresAuditTrail } from '@/server/adapters/postgres/postgres-audit-trail';
import { PostgresTelemetryStore } from '@/server/adapters/postgres/postgres-telemetry-store';
import { CLIENT_ADDRESS_HEADER } from '@/server/auth/request-auth';
import { createTestAuth, type TestAuth } from '@/server/auth/testing/test-auth';
import type { Alert } from '@/server/domain/alert';
import { defaultMissionDatabase } from '@/server/domain/mission/default-mission-database';
import { demoFleet } from '@/server/domain/mission/fleet';
import { predictPasses } from '@/server/domain/orbit/pass-predictor';
import type { AlarmHistory } from '@/server/realtime/alarm-history';
import { FleetStatusBoard, type FleetStatus } from '@/server/realtime/fleet-status';
import { setRuntime } from '@/server/runtime';
import { POST } from '../route';
import { GET } from './route';

const ORIGIN = 'http://console.test';
const mdb = defaultMissionDatabase();
const fleet = demoFleet(1);
let db: TestDatabase;
let testAuth: TestAuth;
let statuses: () => readonly FleetStatus[];
let raisedAt = Date.UTC(2026, 10, 25, 12, 0, 0);

beforeAll(async () => {
  db = await startTestDatabase();
  testAuth = createTestAuth();
});
afterAll(() => db?.stop());

beforeEach(async () => {
  await db.pool.query('TRUNCATE alarm_events, alarms');
  statuses = () => [];
  const store = new PostgresTelemetryStore(db.pool);
  setRuntime({
    store,
    alarmDesk: store,
    audit: new PostgresAuditTrail(db.pool),
    mdb,
    fleet,
    fleetStatus: () => statuses(),
    auth: testAuth.auth,
    demoLogin: false,
    ops: () => Promise.resolve(null),
  });
});

async function raisedAlarm() {
  raisedAt += 60_000;
  const alert: Alert = {
    id: `thermal-overtemperature:101:thermal.node_000:${raisedAt}`,
    ruleId: 'thermal-overtemperature',
    satelliteId: 101,
    subject: 'thermal.node_000',
    kind: 'raised',
    severity: 'critical',
    windowStartMs: raisedAt,
    windowEndMs: raisedAt + 10_000,
    value: 91.5,
    threshold: 85,
    message: 'thermal.node_000 max 91.5 °C above 85 °C over 10 s',
  };
  await insertAlarmEvents(db.pool, [alert], raisedAt + 10_100);
  const [stored] = await selectAlarms(db.pool, { satelliteId: 101 });
  return stored!;
}

const post = async (id: number, body: unknown, cookie: string) =>
  POST(
    new Request(`${ORIGIN}/api/alarms/${id}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { host: 'console.test', origin: ORIGIN, 'content-type': 'application/json', cookie, [CLIENT_ADDRESS_HEADER]: '10.0.0.9' },
    }),
    { params: Promise.resolve({ id: String(id) }) },
  );

const history = async (id: number | string, cookie?: string, query = '') =>
  GET(new Request(`${ORIGIN}/api/alarms/${id}/history${query}`, { headers: cookie ? { cookie } : {} }), { params: Promise.resolve({ id: String(id) }) });

describe('GET /api/alarms/<id>/history', () => {
  it('returns the alarm and every transition of it newest first: who, when, what, comment and, for operators, from where', async () => {
    const stored = await raisedAlarm();
    const operator = await testAuth.cookieFor('operator');
    const before = Date.now();
    expect((await post(stored.id, { action: 'acknowledge', version: stored.version, comment: 'heater 3 stuck on' }, operator)).status).toBe(200);
    expect((await post(stored.id, { action: 'assign', version: stored.version + 1, assignee: 'operator-user' }, operator)).status).toBe(200);

    const response = await history(stored.id, operator);
    expect(response.status).toBe(200);
    const body = (await response.json()) as AlarmHistory;
    expect([body.alarm.id, body.alarm.version, body.alarm.alarm.state, body.alarm.alarm.assignee]).toEqual([stored.id, stored.version + 2, 'acknowledged', 'operator-user']);
    expect(body.entries.map((e) => [e.actor, e.actorRole, e.action, e.fromState, e.toState, e.comment, e.clientAddress, e.target])).toEqual([
      ['operator-user', 'operator', 'assign', 'acknowledged', 'acknowledged', null, '10.0.0.9', `alarm:${stored.id}`],
      ['operator-user', 'operator', 'acknowledge', 'unacknowledged', 'acknowledged', 'heater 3 stuck on', '10.0.0.9', `alarm:${stored.id}`],
      ['system', 'system', 'raise', 'normal', 'unacknowledged', null, null, `alarm:${stored.id}`],
    ]);
    expect(body.entries[0]!.atMs).toBeGreaterThanOrEqual(before);
    expect(body.entries[0]!.details).toMatchObject({ assignee: 'operator-user', satelliteId: 101 });
    expect(body.entries[0]!.id).toBeGreaterThan(body.entries[1]!.id);
  });

  it('shows a viewer the history without client addresses', async () => {
    const stored = await raisedAlarm();
    await post(stored.id, { action: 'acknowledge', version: stored.version, comment: 'seen' }, await testAuth.cookieFor('operator'));
    const body = (await (await history(stored.id, await testAuth.cookieFor('viewer'))).json()) as AlarmHistory;
    expect(body.entries.map((e) => [e.action, e.actor, e.clientAddress])).toEqual([
      ['acknowledge', 'operator-user', null],
      ['raise', 'system', null],
    ]);
  });

  it('refuses a bad id, query parameters, an unknown alarm and a signed-out browser', async () => {
    const stored = await raisedAlarm();
    const viewer = await testAuth.cookieFor('viewer');
    const statuses = [
      (await history('abc', viewer)).status,
      (await history(stored.id, viewer, '?limit=5')).status,
      (await history(987_654, viewer)).status,
      (await history(stored.id)).status,
    ];
    expect(statuses).toEqual([400, 400, 404, 401]);
  });
});

describe('POST /api/alarms/<id> shelve until the end of the pass', () => {
  it('refuses with 409 and a reason when the satellite has no pass under way, changing nothing', async () => {
    const board = new FleetStatusBoard({ mdb, fleet });
    // Just after a pass ended: none under way.
    const pass = fleet.groundStations.flatMap((s) => predictPasses(fleet.satellites[0]!, s, Date.now(), Date.now() + 24 * 3_600_000)).sort((a, b) => a.losMs - b.losMs)[0]!;
    statuses = () => board.snapshot(pass.losMs + 1).map((s) => ({ ...s, currentPass: null }));
    const stored = await raisedAlarm();
    const response = await post(stored.id, { action: 'shelve', version: stored.version, comment: 'until LOS', untilEndOfPass: true }, await testAuth.cookieFor('operator'));
    expect(response.status).toBe(409);
    expect((await response.json()) as object).toMatchObject({ reason: 'no-pass-under-way', error: expect.stringMatching(/^satellite 101 has no ground-station pass under way/) });
    expect((await selectAlarms(db.pool, { ids: [stored.id] }))[0]).toEqual(stored);
  });

  it('shelves until the loss of signal of the pass under way, as the orbit predictions give it', async () => {
    const board = new FleetStatusBoard({ mdb, fleet });
    const satellite = fleet.satellites[0]!;
    const pass = fleet.groundStations
      .flatMap((s) => predictPasses(satellite, s, Date.now() + 60_000, Date.now() + 11 * 3_600_000))
      .sort((a, b) => a.aosMs - b.aosMs)[0]!;
    // The board as it will be one minute into that pass (the state machine compares the end with the real clock).
    statuses = () => board.snapshot(pass.aosMs + 60_000);
    const stored = await raisedAlarm();
    const response = await post(stored.id, { action: 'shelve', version: stored.version, comment: 'known until LOS', untilEndOfPass: true }, await testAuth.cookieFor('operator'));
    expect(response.status).toBe(200);
    const after = (await selectAlarms(db.pool, { ids: [stored.id] }))[0]!;
    expect([after.alarm.state, after.alarm.shelvedBy, after.alarm.shelvedUntilMs]).toEqual(['shelved', 'operator-user', pass.losMs]);
  });
});
