import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../server/domain/alert';
import type { Actor, AlarmInput } from '../../server/domain/alarms/alarm-input';
import { isShelveExpired, transitionAlarm } from '../../server/domain/alarms/alarm-state-machine';
import { AlarmNotFoundError, AlarmVersionConflictError } from '../../server/errors';
import { startTestDatabase, type TestDatabase } from '../testing/test-database';
import { applyAlarmTransition, type AppliedAlarmTransition } from './apply-alarm-transition';
import { insertAlarmEvents } from './insert-alarm-events';
import { selectAlarms, type StoredAlarm } from './select-alarms';

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const alice: Actor = { id: 'alice', role: 'operator' };
const bob: Actor = { id: 'bob', role: 'operator' };

const voltageAlert = (kind: Alert['kind'], severity: Alert['severity'], atMs: number, value: number): Alert => ({
  id: `limit:101:power.battery_voltage:${atMs}`,
  ruleId: 'limit',
  satelliteId: 101,
  subject: 'power.battery_voltage',
  kind,
  severity,
  windowStartMs: atMs,
  windowEndMs: atMs,
  value,
  threshold: severity === 'critical' ? 24.5 : 26,
  message: `battery voltage ${value} V`,
});

let db: TestDatabase;
beforeAll(async () => {
  db = await startTestDatabase();
});
afterAll(() => db?.stop());

beforeEach(async () => {
  // audit_log refuses TRUNCATE by design: each test counts its own entries instead.
  await db.pool.query('TRUNCATE alarm_events, alarms');
});

async function theAlarm(): Promise<StoredAlarm> {
  const all = await selectAlarms(db.pool, { satelliteId: 101 });
  expect(all).toHaveLength(1);
  return all[0]!;
}

/** Runs the state machine on the stored alarm at `nowMs` and stores the result. */
async function act(stored: StoredAlarm, input: AlarmInput, nowMs: number, clientAddress: string | null = '10.0.0.7'): Promise<AppliedAlarmTransition> {
  const step = transitionAlarm(stored.alarm, input, nowMs);
  if (!step.ok) throw step.error;
  return applyAlarmTransition(db.pool, { alarmId: stored.id, expectedVersion: stored.version, alarm: step.alarm, transition: step.transition, clientAddress });
}

async function auditCount(): Promise<number> {
  return (await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).rows[0]!.n;
}

describe('Alarms > storage', () => {
  describe('#selectAlarms', () => {
    it('reads an alarm the stream raised as unacknowledged, with its occurrences and a version per change', async () => {
      await insertAlarmEvents(db.pool, [voltageAlert('raised', 'warning', T0, 25.5)]);
      await insertAlarmEvents(db.pool, [voltageAlert('raised', 'critical', T0 + 600, 24)]);
      const stored = await theAlarm();
      expect(stored).toEqual({
        id: stored.id,
        version: 3, // created with its first alert (1), raised (2), escalated (3)
        alarm: {
          key: { satelliteId: 101, ruleId: 'limit', subject: 'power.battery_voltage' },
          state: 'unacknowledged',
          active: true,
          severity: 'critical',
          highestSeverity: 'critical',
          occurrences: 2,
          firstOccurrenceMs: T0,
          lastOccurrenceMs: T0 + 600,
          conditionChangedMs: T0 + 600,
          lastValue: 24,
          acknowledgedBy: null,
          acknowledgedAtMs: null,
          acknowledgeComment: null,
          shelvedBy: null,
          shelvedUntilMs: null,
          assignee: null,
          latching: true,
        },
      });
      expect(await selectAlarms(db.pool, { states: ['shelved'] })).toEqual([]);
      expect(await selectAlarms(db.pool, { ids: [stored.id] })).toEqual([stored]);
    });
  });

  describe('#applyAlarmTransition', () => {
    it('persists an acknowledgement and appends its audit entry', async () => {
      await insertAlarmEvents(db.pool, [voltageAlert('raised', 'warning', T0, 25.5)]);
      const before = await theAlarm();
      const auditBefore = await auditCount();
      const applied = await act(before, { type: 'acknowledge', actor: alice, comment: '  heater 3 cycling ' }, T0 + 30_000);

      const after = await theAlarm();
      expect(applied.version).toBe(3);
      expect(after.version).toBe(3);
      expect(after.alarm).toEqual({
        ...before.alarm,
        state: 'acknowledged',
        acknowledgedBy: 'alice',
        acknowledgedAtMs: T0 + 30_000,
        acknowledgeComment: 'heater 3 cycling',
      });
      expect(await auditCount()).toBe(auditBefore + 1);
      const { rows } = await db.pool.query(
        `SELECT (extract(epoch FROM at) * 1000)::float8 AS at_ms, actor, actor_role, action, target, from_state, to_state, comment,
                host(client_address) AS client_address, details
           FROM audit_log WHERE id = $1`,
        [applied.auditId],
      );
      expect(rows).toEqual([
        {
          at_ms: T0 + 30_000,
          actor: 'alice',
          actor_role: 'operator',
          action: 'acknowledge',
          target: `alarm:${before.id}`,
          from_state: 'unacknowledged',
          to_state: 'acknowledged',
          comment: 'heater 3 cycling',
          client_address: '10.0.0.7',
          details: { satelliteId: 101, source: 'limit:power.battery_voltage' },
        },
      ]);
    });

    it('refuses a stale version and changes nothing', async () => {
      await insertAlarmEvents(db.pool, [voltageAlert('raised', 'warning', T0, 25.5)]);
      const stale = await theAlarm();
      await act(stale, { type: 'acknowledge', actor: alice, comment: 'mine' }, T0 + 1000);
      const current = await theAlarm();
      const auditBefore = await auditCount();

      const error = await act(stale, { type: 'shelve', actor: bob, comment: 'noisy', durationMs: 900_000 }, T0 + 2000).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AlarmVersionConflictError);
      expect((error as AlarmVersionConflictError).message).toBe(
        `alarm ${stale.id} was changed by someone else (version 3, expected 2); reload it and try again`,
      );
      expect([(error as AlarmVersionConflictError).retriable, (error as AlarmVersionConflictError).actualVersion]).toEqual([false, 3]);
      expect(await theAlarm()).toEqual(current);
      expect(await auditCount()).toBe(auditBefore);
    });

    it('lets exactly one of two consoles acknowledging at once win', async () => {
      await insertAlarmEvents(db.pool, [voltageAlert('raised', 'critical', T0, 24)]);
      const seen = await theAlarm();
      const lastIdBefore = await lastAuditId();
      const results = await Promise.allSettled([
        act(seen, { type: 'acknowledge', actor: alice, comment: 'alice has it' }, T0 + 1000, '10.0.0.7'),
        act(seen, { type: 'acknowledge', actor: bob, comment: 'bob has it' }, T0 + 1000, '10.0.0.8'),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
      expect(rejected.reason).toBeInstanceOf(AlarmVersionConflictError);
      const after = await theAlarm();
      const { rows } = await db.pool.query('SELECT actor, comment FROM audit_log WHERE id > $1 ORDER BY id', [lastIdBefore]);
      expect(rows).toEqual([{ actor: after.alarm.acknowledgedBy, comment: after.alarm.acknowledgeComment }]);
      expect(after.version).toBe(3);
    });

    it('refuses an unknown alarm id with a clear error and changes nothing', async () => {
      await insertAlarmEvents(db.pool, [voltageAlert('raised', 'warning', T0, 25.5)]);
      const real = await theAlarm();
      const auditBefore = await auditCount();
      const ghost: StoredAlarm = { ...real, id: 987_654 };
      const error = await act(ghost, { type: 'acknowledge', actor: alice, comment: 'x' }, T0 + 1000).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AlarmNotFoundError);
      expect((error as AlarmNotFoundError).message).toBe('alarm 987654 does not exist');
      expect(await theAlarm()).toEqual(real);
      expect(await auditCount()).toBe(auditBefore);
    });

    it('refuses a client address that is not an IP address before writing anything', async () => {
      await insertAlarmEvents(db.pool, [voltageAlert('raised', 'warning', T0, 25.5)]);
      const real = await theAlarm();
      const auditBefore = await auditCount();
      await expect(act(real, { type: 'acknowledge', actor: alice, comment: 'x' }, T0, 'console-7; DROP')).rejects.toThrow(
        new RangeError('client address "console-7; DROP" is not an IP address'),
      );
      expect(await theAlarm()).toEqual(real);
      expect(await auditCount()).toBe(auditBefore);
    });

    it('refuses to write one alarm with another alarm\'s transition', async () => {
      await insertAlarmEvents(db.pool, [voltageAlert('raised', 'warning', T0, 25.5)]);
      const real = await theAlarm();
      const step = transitionAlarm(real.alarm, { type: 'acknowledge', actor: alice, comment: 'x' }, T0);
      if (!step.ok) throw step.error;
      const otherKey = { ...real.alarm.key, subject: 'power.battery_soc' };
      await expect(
        applyAlarmTransition(db.pool, { alarmId: real.id, expectedVersion: real.version, alarm: step.alarm, transition: { ...step.transition, key: otherKey } }),
      ).rejects.toThrow(new RangeError('the transition belongs to another alarm than the one being written'));
      expect(await theAlarm()).toEqual(real);
    });

    it('a refused transition (oversized comment) leaves nothing to store', async () => {
      await insertAlarmEvents(db.pool, [voltageAlert('raised', 'warning', T0, 25.5)]);
      const real = await theAlarm();
      const step = transitionAlarm(real.alarm, { type: 'acknowledge', actor: alice, comment: 'x'.repeat(501) }, T0);
      expect(step.ok).toBe(false);
      expect(step.alarm).toBe(real.alarm);
      expect(await theAlarm()).toEqual(real);
    });

    it('shelves for 15 minutes and expires back to unacknowledged when the clock reaches it', async () => {
      await insertAlarmEvents(db.pool, [voltageAlert('raised', 'warning', T0, 25.5)]);
      await act(await theAlarm(), { type: 'shelve', actor: bob, comment: 'until LOS', durationMs: 15 * 60_000 }, T0 + 1000);
      const [shelved] = await selectAlarms(db.pool, { states: ['shelved'] });
      expect([shelved!.alarm.shelvedBy, shelved!.alarm.shelvedUntilMs]).toEqual(['bob', T0 + 1000 + 15 * 60_000]);
      expect(isShelveExpired(shelved!.alarm, T0 + 15 * 60_000)).toBe(false);

      const dueMs = T0 + 1000 + 15 * 60_000;
      await act(shelved!, { type: 'expire-shelve' }, dueMs, null);
      const after = await theAlarm();
      expect([after.alarm.state, after.alarm.shelvedBy, after.alarm.shelvedUntilMs, after.version]).toEqual(['unacknowledged', null, null, 4]);
      const { rows } = await db.pool.query(
        `SELECT actor, actor_role, action, from_state, to_state, client_address, details FROM audit_log WHERE target = $1 ORDER BY id DESC LIMIT 1`,
        [`alarm:${after.id}`],
      );
      expect(rows).toEqual([
        {
          actor: 'system',
          actor_role: 'system',
          action: 'expire-shelve',
          from_state: 'shelved',
          to_state: 'unacknowledged',
          client_address: null,
          details: { satelliteId: 101, source: 'limit:power.battery_voltage', shelvedUntilMs: dueMs },
        },
      ]);
    });

    it('refuses a console that read the alarm before the stream raised it again', async () => {
      await insertAlarmEvents(db.pool, [voltageAlert('raised', 'warning', T0, 25.5)]);
      const seen = await theAlarm();
      await insertAlarmEvents(db.pool, [voltageAlert('raised', 'critical', T0 + 5000, 24)]);
      const error = await act(seen, { type: 'acknowledge', actor: alice, comment: 'ok' }, T0 + 6000).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AlarmVersionConflictError);
      const after = await theAlarm();
      expect([after.version, after.alarm.state, after.alarm.occurrences, after.alarm.highestSeverity]).toEqual([3, 'unacknowledged', 2, 'critical']);
    });
  });

  describe('audit_log', () => {
    it('refuses UPDATE, DELETE and TRUNCATE with the trigger message, even for no row, and keeps every entry', async () => {
      await insertAlarmEvents(db.pool, [voltageAlert('raised', 'warning', T0, 25.5)]);
      await act(await theAlarm(), { type: 'acknowledge', actor: alice, comment: 'original' }, T0 + 1000);
      const before = await db.pool.query('SELECT * FROM audit_log ORDER BY id');

      await expect(db.pool.query(`UPDATE audit_log SET comment = 'rewritten'`)).rejects.toThrow('audit_log is append-only: UPDATE is not allowed');
      await expect(db.pool.query('UPDATE audit_log SET actor = actor WHERE false')).rejects.toThrow('audit_log is append-only: UPDATE is not allowed');
      await expect(db.pool.query('DELETE FROM audit_log')).rejects.toThrow('audit_log is append-only: DELETE is not allowed');
      await expect(db.pool.query('TRUNCATE audit_log')).rejects.toThrow('audit_log is append-only: TRUNCATE is not allowed');
      const refusal = (await db.pool.query('DELETE FROM audit_log').then(
        () => null,
        (e: unknown) => e,
      )) as { code: string; hint: string } | null;
      expect([refusal?.code, refusal?.hint]).toEqual(['42501', 'record a correction as a new audit entry instead']);

      expect((await db.pool.query('SELECT * FROM audit_log ORDER BY id')).rows).toEqual(before.rows);
    });
  });
});

async function lastAuditId(): Promise<number> {
  return (await db.pool.query<{ id: number }>('SELECT COALESCE(max(id), 0)::float8 AS id FROM audit_log')).rows[0]!.id;
}
