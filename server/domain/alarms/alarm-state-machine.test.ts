import { describe, expect, it } from 'vitest';
import { newAlarm, type Alarm, type AlarmKey } from './alarm';
import type { Actor, AlarmInput } from './alarm-input';
import { isShelveExpired, MAX_SHELVE_MS, transitionAlarm, type AlarmStep } from './alarm-state-machine';
import { AlarmTransitionError } from './alarm-transition-error';

const KEY: AlarmKey = { satelliteId: 101, ruleId: 'limit', subject: 'power.battery_voltage' };
const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const MIN = 60_000;
const alice: Actor = { id: 'alice', role: 'operator' };
const bob: Actor = { id: 'bob', role: 'operator' };
const root: Actor = { id: 'root', role: 'admin' };
const viewer: Actor = { id: 'vera', role: 'viewer' };

const raise = (severity: 'warning' | 'critical' = 'warning', eventTimeMs = T0, value = 25.5): AlarmInput => ({ type: 'raise', severity, eventTimeMs, value });
const clear = (eventTimeMs = T0 + 5000, value = 28): AlarmInput => ({ type: 'clear', eventTimeMs, value });
const ack = (actor: Actor = alice, comment = 'seen, battery heater cycling'): AlarmInput => ({ type: 'acknowledge', actor, comment });
const shelve15 = (actor: Actor = alice): AlarmInput => ({ type: 'shelve', actor, comment: 'known during eclipse', durationMs: 15 * MIN });

/** Applies inputs one after another at T0 + i s, failing the test on any refusal. */
function drive(alarm: Alarm, ...inputs: AlarmInput[]): Alarm {
  return inputs.reduce((a, input, i) => accepted(transitionAlarm(a, input, T0 + i * 1000)).alarm, alarm);
}

function accepted(step: AlarmStep): Extract<AlarmStep, { ok: true }> {
  if (!step.ok) throw new Error(`expected acceptance, got: ${step.error.message}`);
  return step;
}

function refused(step: AlarmStep): AlarmTransitionError {
  if (step.ok) throw new Error(`expected refusal, got ${step.transition.from} → ${step.transition.to}`);
  return step.error;
}

const fresh = () => newAlarm(KEY);
const unacknowledged = () => drive(fresh(), raise());
const acknowledged = () => drive(fresh(), raise(), ack());
const returnedUnacknowledged = () => drive(fresh(), raise(), clear());
const shelved = () => drive(fresh(), raise(), shelve15());
const suppressed = () => drive(fresh(), raise(), { type: 'suppress', actor: root, comment: 'thermal vacuum test' });

const NOW = T0 + 60_000;

describe('Alarms > StateMachine', () => {
  describe('#transitionAlarm raise', () => {
    it('normal → unacknowledged, counting the first occurrence', () => {
      const step = accepted(transitionAlarm(fresh(), raise('warning', T0, 25.5), NOW));
      expect(step.alarm).toEqual({
        ...fresh(),
        state: 'unacknowledged',
        active: true,
        severity: 'warning',
        highestSeverity: 'warning',
        occurrences: 1,
        firstOccurrenceMs: T0,
        lastOccurrenceMs: T0,
        conditionChangedMs: T0,
        lastValue: 25.5,
      });
      expect(step.transition).toEqual({
        key: KEY,
        action: 'raise',
        from: 'normal',
        to: 'unacknowledged',
        actor: { id: 'system', role: 'system' },
        comment: null,
        atMs: NOW,
        details: { severity: 'warning', occurrences: 1, eventTimeMs: T0, value: 25.5 },
      });
    });

    it('unacknowledged stays unacknowledged and counts the occurrence instead of a duplicate alarm', () => {
      const step = accepted(transitionAlarm(unacknowledged(), raise('warning', T0 + 7000, 25.4), NOW));
      expect([step.transition.from, step.transition.to, step.transition.action]).toEqual(['unacknowledged', 'unacknowledged', 'raise']);
      expect([step.alarm.occurrences, step.alarm.firstOccurrenceMs, step.alarm.lastOccurrenceMs, step.alarm.lastValue]).toEqual([2, T0, T0 + 7000, 25.4]);
    });

    it('acknowledged stays acknowledged on a recurrence of the same severity', () => {
      const step = accepted(transitionAlarm(acknowledged(), raise('warning', T0 + 7000), NOW));
      expect([step.transition.from, step.transition.to, step.transition.action]).toEqual(['acknowledged', 'acknowledged', 'raise']);
      expect([step.alarm.occurrences, step.alarm.acknowledgedBy]).toEqual([2, 'alice']);
    });

    it('acknowledged → unacknowledged on escalation to critical: acknowledgement is re-armed', () => {
      const step = accepted(transitionAlarm(acknowledged(), raise('critical', T0 + 7000, 24.1), NOW));
      expect([step.transition.from, step.transition.to, step.transition.action]).toEqual(['acknowledged', 'unacknowledged', 'escalate']);
      expect(step.alarm).toMatchObject({
        severity: 'critical',
        highestSeverity: 'critical',
        occurrences: 2,
        acknowledgedBy: null,
        acknowledgedAtMs: null,
        acknowledgeComment: null,
      });
      expect(step.transition.details).toEqual({ severity: 'critical', occurrences: 2, eventTimeMs: T0 + 7000, value: 24.1 });
    });

    it('unacknowledged escalates in place, keeping the worst severity seen', () => {
      const critical = accepted(transitionAlarm(unacknowledged(), raise('critical'), NOW));
      expect([critical.transition.action, critical.alarm.state, critical.alarm.severity]).toEqual(['escalate', 'unacknowledged', 'critical']);
      const eased = accepted(transitionAlarm(critical.alarm, raise('warning'), NOW));
      expect([eased.transition.action, eased.alarm.severity, eased.alarm.highestSeverity]).toEqual(['raise', 'warning', 'critical']);
    });

    it('returned-to-normal-unacknowledged → unacknowledged when the condition comes back', () => {
      const step = accepted(transitionAlarm(returnedUnacknowledged(), raise('warning', T0 + 9000), NOW));
      expect([step.transition.from, step.transition.to, step.alarm.active, step.alarm.occurrences]).toEqual([
        'returned-to-normal-unacknowledged',
        'unacknowledged',
        true,
        2,
      ]);
    });

    it('a raise after normal starts a new episode: severities restart and the old acknowledgement goes', () => {
      const before = drive(fresh(), raise('critical'), ack(), clear());
      expect([before.state, before.highestSeverity, before.acknowledgedBy]).toEqual(['normal', 'critical', 'alice']);
      const step = accepted(transitionAlarm(before, raise('warning', T0 + 60_000), NOW));
      expect(step.alarm).toMatchObject({ state: 'unacknowledged', severity: 'warning', highestSeverity: 'warning', occurrences: 2, acknowledgedBy: null });
      expect([step.alarm.firstOccurrenceMs, step.alarm.lastOccurrenceMs]).toEqual([T0, T0 + 60_000]);
    });

    it('shelved counts occurrences and escalations without annunciating', () => {
      const step = accepted(transitionAlarm(shelved(), raise('critical', T0 + 8000), NOW));
      expect([step.transition.from, step.transition.to, step.transition.action]).toEqual(['shelved', 'shelved', 'escalate']);
      expect([step.alarm.occurrences, step.alarm.severity]).toEqual([2, 'critical']);
    });

    it('suppressed-by-design counts occurrences without annunciating', () => {
      const step = accepted(transitionAlarm(suppressed(), raise('warning', T0 + 8000), NOW));
      expect([step.transition.from, step.transition.to, step.alarm.occurrences]).toEqual(['suppressed-by-design', 'suppressed-by-design', 2]);
    });

    it('counts every occurrence over a burst into one alarm', () => {
      const alarm = drive(fresh(), ...Array.from({ length: 12 }, (_, i) => raise('warning', T0 + i * 5000)));
      expect([alarm.state, alarm.occurrences, alarm.firstOccurrenceMs, alarm.lastOccurrenceMs]).toEqual(['unacknowledged', 12, T0, T0 + 55_000]);
    });

    it('refuses an unknown severity or a non-finite time, leaving the alarm unchanged', () => {
      const alarm = unacknowledged();
      const badSeverity = transitionAlarm(alarm, { type: 'raise', severity: 'fatal' as 'critical', eventTimeMs: T0 }, NOW);
      expect(refused(badSeverity).reason).toBe('invalid-occurrence');
      expect(badSeverity.alarm).toBe(alarm);
      expect(refused(transitionAlarm(alarm, raise('warning', Number.NaN), NOW)).message).toBe(
        'cannot raise alarm 101/limit:power.battery_voltage: the event time and value must be finite numbers',
      );
    });
  });

  describe('#transitionAlarm clear', () => {
    it('unacknowledged → returned-to-normal-unacknowledged on a latching alarm', () => {
      const step = accepted(transitionAlarm(unacknowledged(), clear(T0 + 5000, 28), NOW));
      expect(step.transition).toEqual({
        key: KEY,
        action: 'clear',
        from: 'unacknowledged',
        to: 'returned-to-normal-unacknowledged',
        actor: { id: 'system', role: 'system' },
        comment: null,
        atMs: NOW,
        details: { eventTimeMs: T0 + 5000, value: 28 },
      });
      expect([step.alarm.active, step.alarm.conditionChangedMs, step.alarm.lastValue, step.alarm.occurrences]).toEqual([false, T0 + 5000, 28, 1]);
    });

    it('unacknowledged → normal on a non-latching alarm', () => {
      const alarm = drive(newAlarm(KEY, { latching: false }), raise());
      const step = accepted(transitionAlarm(alarm, clear(), NOW));
      expect([step.transition.to, step.alarm.active]).toEqual(['normal', false]);
    });

    it('acknowledged → normal', () => {
      const step = accepted(transitionAlarm(acknowledged(), clear(), NOW));
      expect([step.transition.from, step.transition.to, step.alarm.active]).toEqual(['acknowledged', 'normal', false]);
    });

    it('shelved stays shelved with the condition inactive', () => {
      const step = accepted(transitionAlarm(shelved(), clear(), NOW));
      expect([step.transition.from, step.transition.to, step.alarm.active]).toEqual(['shelved', 'shelved', false]);
    });

    it('suppressed stays suppressed with the condition inactive', () => {
      const step = accepted(transitionAlarm(suppressed(), clear(), NOW));
      expect([step.transition.to, step.alarm.active]).toEqual(['suppressed-by-design', false]);
    });

    it('refuses to clear a shelved alarm whose condition already cleared', () => {
      const error = refused(transitionAlarm(drive(shelved(), clear()), clear(), NOW));
      expect([error.reason, error.state]).toEqual(['already-clear', 'shelved']);
    });

    it('refuses to clear a condition that is not active (normal, returned-to-normal)', () => {
      expect(refused(transitionAlarm(fresh(), clear(), NOW)).message).toBe(
        'cannot clear alarm 101/limit:power.battery_voltage: its condition is not active',
      );
      const error = refused(transitionAlarm(returnedUnacknowledged(), clear(), NOW));
      expect([error.reason, error.state, error.input]).toEqual(['already-clear', 'returned-to-normal-unacknowledged', 'clear']);
    });
  });

  describe('#transitionAlarm acknowledge', () => {
    it('unacknowledged → acknowledged, recording who, when and the trimmed comment', () => {
      const step = accepted(transitionAlarm(unacknowledged(), ack(alice, '  heater 3 cycling \n'), NOW));
      expect(step.alarm).toMatchObject({ state: 'acknowledged', active: true, acknowledgedBy: 'alice', acknowledgedAtMs: NOW, acknowledgeComment: 'heater 3 cycling' });
      expect(step.transition).toEqual({
        key: KEY,
        action: 'acknowledge',
        from: 'unacknowledged',
        to: 'acknowledged',
        actor: alice,
        comment: 'heater 3 cycling',
        atMs: NOW,
        details: {},
      });
    });

    it('returned-to-normal-unacknowledged → normal', () => {
      const step = accepted(transitionAlarm(returnedUnacknowledged(), ack(), NOW));
      expect([step.transition.from, step.transition.to, step.alarm.acknowledgedBy]).toEqual(['returned-to-normal-unacknowledged', 'normal', 'alice']);
    });

    it('refuses a normal alarm: nothing to acknowledge', () => {
      const alarm = fresh();
      const step = transitionAlarm(alarm, ack(), NOW);
      const error = refused(step);
      expect(error).toBeInstanceOf(AlarmTransitionError);
      expect([error.reason, error.message]).toEqual([
        'not-annunciated',
        'cannot acknowledge alarm 101/limit:power.battery_voltage: it is normal; there is nothing to acknowledge',
      ]);
      expect(step.alarm).toBe(alarm);
    });

    it('refuses a second acknowledgement, naming who acknowledged first', () => {
      const error = refused(transitionAlarm(acknowledged(), ack(bob), NOW));
      expect([error.reason, error.message]).toEqual([
        'already-acknowledged',
        'cannot acknowledge alarm 101/limit:power.battery_voltage: it was acknowledged by alice',
      ]);
    });

    it('refuses shelved and suppressed alarms', () => {
      expect(refused(transitionAlarm(shelved(), ack(), NOW)).reason).toBe('not-annunciated');
      expect(refused(transitionAlarm(suppressed(), ack(), NOW)).reason).toBe('suppressed');
    });

    it('refuses a viewer, and an actor without a clean user name', () => {
      expect(refused(transitionAlarm(unacknowledged(), ack(viewer), NOW)).message).toBe(
        'cannot acknowledge alarm 101/limit:power.battery_voltage: role viewer may not acknowledge alarms (needs operator or admin)',
      );
      expect(refused(transitionAlarm(unacknowledged(), ack({ id: ' alice', role: 'operator' }), NOW)).reason).toBe('not-permitted');
    });

    it('refuses a missing, oversized or control-character comment and changes nothing', () => {
      const alarm = unacknowledged();
      for (const comment of ['', '   ', 'x'.repeat(501), 'ok\u001b[2J', 'ok\rfake line']) {
        const step = transitionAlarm(alarm, ack(alice, comment), NOW);
        expect(refused(step).reason).toBe('invalid-comment');
        expect(step.alarm).toBe(alarm);
      }
      expect(refused(transitionAlarm(alarm, ack(alice, 'x'.repeat(501)), NOW)).message).toBe(
        'cannot acknowledge alarm 101/limit:power.battery_voltage: the comment is 501 characters long, more than 500',
      );
    });
  });

  describe('#transitionAlarm shelve', () => {
    it('unacknowledged → shelved for a duration', () => {
      const step = accepted(transitionAlarm(unacknowledged(), shelve15(), NOW));
      expect(step.alarm).toMatchObject({ state: 'shelved', active: true, shelvedBy: 'alice', shelvedUntilMs: NOW + 15 * MIN });
      expect(step.transition).toEqual({
        key: KEY,
        action: 'shelve',
        from: 'unacknowledged',
        to: 'shelved',
        actor: alice,
        comment: 'known during eclipse',
        atMs: NOW,
        details: { shelvedUntilMs: NOW + 15 * MIN },
      });
    });

    it('acknowledged, returned-to-normal and normal alarms shelve until a given time (end of pass)', () => {
      const endOfPassMs = NOW + 9 * MIN + 30_000;
      const until: AlarmInput = { type: 'shelve', actor: bob, comment: 'until LOS', untilMs: endOfPassMs };
      for (const alarm of [acknowledged(), returnedUnacknowledged(), fresh()]) {
        const step = accepted(transitionAlarm(alarm, until, NOW));
        expect([step.transition.to, step.alarm.shelvedUntilMs, step.alarm.shelvedBy]).toEqual(['shelved', endOfPassMs, 'bob']);
      }
    });

    it('refuses a shelve in the past, of no length, or longer than 12 h', () => {
      const shelveFor = (durationMs: number): AlarmInput => ({ type: 'shelve', actor: alice, comment: 'x', durationMs });
      expect(refused(transitionAlarm(unacknowledged(), { type: 'shelve', actor: alice, comment: 'x', untilMs: NOW - 1 }, NOW)).message).toBe(
        'cannot shelve alarm 101/limit:power.battery_voltage: the shelve must end in the future',
      );
      expect(refused(transitionAlarm(unacknowledged(), shelveFor(0), NOW)).reason).toBe('invalid-shelve-time');
      expect(refused(transitionAlarm(unacknowledged(), shelveFor(Number.POSITIVE_INFINITY), NOW)).reason).toBe('invalid-shelve-time');
      expect(refused(transitionAlarm(unacknowledged(), shelveFor(MAX_SHELVE_MS + 1), NOW)).message).toBe(
        'cannot shelve alarm 101/limit:power.battery_voltage: a shelve may last at most 12 h',
      );
      expect(accepted(transitionAlarm(unacknowledged(), shelveFor(MAX_SHELVE_MS), NOW)).alarm.shelvedUntilMs).toBe(NOW + MAX_SHELVE_MS);
    });

    it('refuses a shelve without a reason', () => {
      expect(refused(transitionAlarm(unacknowledged(), { type: 'shelve', actor: alice, comment: ' ', durationMs: MIN }, NOW)).message).toBe(
        'cannot shelve alarm 101/limit:power.battery_voltage: a comment is required',
      );
    });

    it('refuses a shelved alarm, a suppressed one and a viewer', () => {
      expect(refused(transitionAlarm(shelved(), shelve15(bob), NOW)).message).toBe(
        `cannot shelve alarm 101/limit:power.battery_voltage: it is shelved by alice until ${new Date(T0 + 1000 + 15 * MIN).toISOString()}`,
      );
      expect(refused(transitionAlarm(suppressed(), shelve15(), NOW)).reason).toBe('suppressed');
      expect(refused(transitionAlarm(unacknowledged(), shelve15(viewer), NOW)).reason).toBe('not-permitted');
    });
  });

  describe('#transitionAlarm unshelve and expire-shelve', () => {
    it('unshelve with the condition active → unacknowledged, even if it was acknowledged before', () => {
      const wasAcknowledged = drive(fresh(), raise(), ack(), shelve15());
      const step = accepted(transitionAlarm(wasAcknowledged, { type: 'unshelve', actor: bob }, NOW));
      expect(step.alarm).toMatchObject({ state: 'unacknowledged', shelvedBy: null, shelvedUntilMs: null, acknowledgedBy: null });
      expect(step.transition).toMatchObject({ action: 'unshelve', from: 'shelved', to: 'unacknowledged', actor: bob, comment: null });
    });

    it('an escalation while shelved comes back at its new severity when the shelve ends', () => {
      const escalated = drive(shelved(), raise('critical'));
      const step = accepted(transitionAlarm(escalated, { type: 'expire-shelve' }, T0 + 16 * MIN));
      expect([step.alarm.state, step.alarm.severity, step.alarm.highestSeverity]).toEqual(['unacknowledged', 'critical', 'critical']);
    });

    it('unshelve with the condition cleared meanwhile → normal', () => {
      const step = accepted(transitionAlarm(drive(shelved(), clear()), { type: 'unshelve', actor: alice, comment: 'pass over' }, NOW));
      expect([step.transition.to, step.transition.comment, step.alarm.shelvedUntilMs]).toEqual(['normal', 'pass over', null]);
    });

    it('refuses to unshelve an alarm that is not shelved', () => {
      expect(refused(transitionAlarm(unacknowledged(), { type: 'unshelve', actor: alice }, NOW)).message).toBe(
        'cannot unshelve alarm 101/limit:power.battery_voltage: it is unacknowledged',
      );
    });

    it('expires with the injected clock: refused a millisecond early, accepted when due', () => {
      const alarm = shelved(); // shelved at T0 + 1 s for 15 min
      const dueMs = T0 + 1000 + 15 * MIN;
      expect(isShelveExpired(alarm, dueMs - 1)).toBe(false);
      expect(isShelveExpired(alarm, dueMs)).toBe(true);
      const early = transitionAlarm(alarm, { type: 'expire-shelve' }, dueMs - 1);
      expect([refused(early).reason, refused(early).message]).toEqual([
        'shelve-not-expired',
        `cannot expire-shelve alarm 101/limit:power.battery_voltage: it is shelved until ${new Date(dueMs).toISOString()}`,
      ]);
      expect(early.alarm).toBe(alarm);
      const due = accepted(transitionAlarm(alarm, { type: 'expire-shelve' }, dueMs));
      expect(due.transition).toEqual({
        key: KEY,
        action: 'expire-shelve',
        from: 'shelved',
        to: 'unacknowledged',
        actor: { id: 'system', role: 'system' },
        comment: null,
        atMs: dueMs,
        details: { shelvedUntilMs: dueMs },
      });
      expect([due.alarm.shelvedBy, due.alarm.shelvedUntilMs]).toEqual([null, null]);
    });

    it('expiry returns a cleared condition to normal, with the occurrences counted while shelved', () => {
      const alarm = drive(shelved(), raise(), raise(), clear());
      const step = accepted(transitionAlarm(alarm, { type: 'expire-shelve' }, T0 + 16 * MIN));
      expect([step.transition.to, step.alarm.occurrences, step.alarm.active]).toEqual(['normal', 3, false]);
    });

    it('refuses to expire an alarm that is not shelved', () => {
      expect(refused(transitionAlarm(unacknowledged(), { type: 'expire-shelve' }, NOW)).reason).toBe('not-shelved');
      expect(isShelveExpired(unacknowledged(), NOW)).toBe(false);
    });
  });

  describe('#transitionAlarm suppress and unsuppress', () => {
    it('an admin suppresses by design from any other state, ending a shelve', () => {
      for (const alarm of [fresh(), unacknowledged(), acknowledged(), returnedUnacknowledged(), shelved()]) {
        const step = accepted(transitionAlarm(alarm, { type: 'suppress', actor: root, comment: 'heater test campaign' }, NOW));
        expect([step.transition.from, step.transition.to, step.transition.comment]).toEqual([alarm.state, 'suppressed-by-design', 'heater test campaign']);
        expect([step.alarm.shelvedBy, step.alarm.shelvedUntilMs]).toEqual([null, null]);
      }
    });

    it('refuses an operator, a missing reason, and an alarm already suppressed', () => {
      expect(refused(transitionAlarm(unacknowledged(), { type: 'suppress', actor: alice, comment: 'x' }, NOW)).message).toBe(
        'cannot suppress alarm 101/limit:power.battery_voltage: role operator may not suppress alarms (needs admin)',
      );
      expect(refused(transitionAlarm(unacknowledged(), { type: 'suppress', actor: root, comment: '' }, NOW)).reason).toBe('invalid-comment');
      expect(refused(transitionAlarm(suppressed(), { type: 'suppress', actor: root, comment: 'x' }, NOW)).reason).toBe('already-suppressed');
    });

    it('unsuppress → what the condition implies: unacknowledged if active, normal if not', () => {
      const active = accepted(transitionAlarm(suppressed(), { type: 'unsuppress', actor: root }, NOW));
      expect([active.transition.from, active.transition.to]).toEqual(['suppressed-by-design', 'unacknowledged']);
      const cleared = accepted(transitionAlarm(drive(suppressed(), clear()), { type: 'unsuppress', actor: root, comment: 'campaign over' }, NOW));
      expect([cleared.transition.to, cleared.transition.comment]).toEqual(['normal', 'campaign over']);
    });

    it('refuses to unsuppress an alarm that is not suppressed, and an operator', () => {
      expect(refused(transitionAlarm(unacknowledged(), { type: 'unsuppress', actor: root }, NOW)).reason).toBe('not-suppressed');
      expect(refused(transitionAlarm(suppressed(), { type: 'unsuppress', actor: alice }, NOW)).reason).toBe('not-permitted');
    });
  });

  describe('#transitionAlarm assign', () => {
    it('assigns in any state without changing it, and unassigns with null', () => {
      for (const alarm of [fresh(), unacknowledged(), acknowledged(), returnedUnacknowledged(), shelved(), suppressed()]) {
        const step = accepted(transitionAlarm(alarm, { type: 'assign', actor: alice, assignee: ' bob ', comment: 'power is yours' }, NOW));
        expect([step.transition.from, step.transition.to, step.alarm.assignee]).toEqual([alarm.state, alarm.state, 'bob']);
        expect(step.transition).toMatchObject({ action: 'assign', actor: alice, comment: 'power is yours', details: { assignee: 'bob' } });
        const back = accepted(transitionAlarm(step.alarm, { type: 'assign', actor: bob, assignee: null }, NOW));
        expect([back.alarm.assignee, back.transition.details]).toEqual([null, { assignee: null }]);
      }
    });

    it('refuses the same assignee again, a malformed name and a viewer', () => {
      const assigned = drive(unacknowledged(), { type: 'assign', actor: alice, assignee: 'bob' });
      expect(refused(transitionAlarm(assigned, { type: 'assign', actor: alice, assignee: 'bob' }, NOW)).message).toBe(
        'cannot assign alarm 101/limit:power.battery_voltage: it is already assigned to bob',
      );
      expect(refused(transitionAlarm(fresh(), { type: 'assign', actor: alice, assignee: null }, NOW)).reason).toBe('already-assigned');
      expect(refused(transitionAlarm(fresh(), { type: 'assign', actor: alice, assignee: 'b\u0000ob' }, NOW)).message).toBe(
        'cannot assign alarm 101/limit:power.battery_voltage: the user name contains a control character (U+0000)',
      );
      expect(refused(transitionAlarm(fresh(), { type: 'assign', actor: alice, assignee: 'x'.repeat(65) }, NOW)).reason).toBe('invalid-assignee');
      expect(refused(transitionAlarm(fresh(), { type: 'assign', actor: viewer, assignee: 'bob' }, NOW)).reason).toBe('not-permitted');
    });
  });

  describe('a full lifecycle', () => {
    it('raise, escalate, acknowledge, clear, re-raise, shelve, expire, acknowledge, clear', () => {
      const inputs: AlarmInput[] = [
        raise('warning'),
        raise('critical'),
        ack(),
        clear(),
        raise('warning'),
        { type: 'shelve', actor: bob, comment: 'until LOS', durationMs: 10_000 },
        { type: 'expire-shelve' },
        ack(bob),
        clear(),
      ];
      let alarm = fresh();
      const path: string[] = [];
      inputs.forEach((input, i) => {
        const step = accepted(transitionAlarm(alarm, input, T0 + i * 10_000));
        path.push(`${step.transition.action}:${step.transition.to}`);
        alarm = step.alarm;
      });
      expect(path).toEqual([
        'raise:unacknowledged',
        'escalate:unacknowledged',
        'acknowledge:acknowledged',
        'clear:normal',
        'raise:unacknowledged',
        'shelve:shelved',
        'expire-shelve:unacknowledged',
        'acknowledge:acknowledged',
        'clear:normal',
      ]);
      expect([alarm.occurrences, alarm.acknowledgedBy, alarm.highestSeverity]).toEqual([3, 'bob', 'warning']);
    });
  });
});
