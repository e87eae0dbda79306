import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAlarmEvents } from '../../db/queries/insert-alarm-events';
import { selectAlarms } from '../../db/queries/select-alarms';
import { startTestDatabase, type TestDatabase } from '../../db/testing/test-database';
import { PostgresTelemetryStore } from '../adapters/postgres/postgres-telemetry-store';
import type { Alert } from '../domain/alert';
import { silentLogger } from '../log';
import { startShelveExpiry } from './shelve-expiry';

const T0 = 1_795_000_000_000;
let db: TestDatabase;

beforeAll(async () => {
  db = await startTestDatabase();
});
afterAll(() => db?.stop());

const raised = (subject: string): Alert => ({
  id: `limit:101:${subject}:${T0}`,
  ruleId: 'limit',
  satelliteId: 101,
  subject,
  kind: 'raised',
  severity: 'warning',
  windowStartMs: T0,
  windowEndMs: T0,
  value: 1,
  threshold: 0,
  message: '',
});

describe('Worker > shelve expiry', () => {
  it('ends every shelve whose time is up, as the system, and leaves the others shelved', async () => {
    const store = new PostgresTelemetryStore(db.pool);
    await insertAlarmEvents(db.pool, [raised('power.battery_current'), raised('power.bus_load_current')], T0);
    const [a, b] = await selectAlarms(db.pool, { satelliteId: 101 });
    const operator = { id: 'alice', role: 'operator' } as const;
    await store.actOnAlarm({ alarmId: a!.id, expectedVersion: a!.version, input: { type: 'shelve', actor: operator, comment: 'pass', durationMs: 15 * 60_000 }, nowMs: T0, clientAddress: null });
    await store.actOnAlarm({ alarmId: b!.id, expectedVersion: b!.version, input: { type: 'shelve', actor: operator, comment: 'long', durationMs: 3_600_000 }, nowMs: T0, clientAddress: null });

    let nowMs = T0 + 15 * 60_000 - 1;
    const expiry = startShelveExpiry({ store, log: silentLogger, now: () => nowMs, intervalMs: 60_000 });
    try {
      expect(await expiry.tick()).toBe(0);
      nowMs = T0 + 15 * 60_000;
      expect(await expiry.tick()).toBe(1);
      const states = Object.fromEntries((await selectAlarms(db.pool, { satelliteId: 101 })).map((s) => [s.alarm.key.subject, [s.alarm.state, s.alarm.shelvedBy]]));
      // Still raised when the shelve ended: back to unacknowledged, nobody having watched it meanwhile.
      expect(states).toEqual({ 'power.battery_current': ['unacknowledged', null], 'power.bus_load_current': ['shelved', 'alice'] });
      const audit = await db.pool.query(`SELECT actor, action, from_state, to_state FROM audit_log WHERE target = $1 ORDER BY id DESC LIMIT 1`, [`alarm:${a!.id}`]);
      expect(audit.rows).toEqual([{ actor: 'system', action: 'expire-shelve', from_state: 'shelved', to_state: 'unacknowledged' }]);
      expect(await expiry.tick()).toBe(0);
    } finally {
      expiry.stop();
    }
  });
});
