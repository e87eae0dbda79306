/**
 * The ISA-18.2 alarm lifecycle as a pure function: (alarm, input, now) →
 * the new alarm and the transition to audit, or a typed refusal that leaves
 * the alarm as it was. No clock of its own: `nowMs` is passed in, so shelve
 * expiry is tested by handing in a later time.
 *
 * State table (rows: state before; "+1": occurrence counted, state kept;
 * "derived": unacknowledged if the condition is active, else normal;
 * "—": refused with the reason in brackets):
 *
 * | state            | raise                    | clear                         | acknowledge | shelve  | unshelve / expire | suppress   | unsuppress |
 * |------------------|--------------------------|-------------------------------|-------------|---------|-------------------|------------|------------|
 * | normal           | unacknowledged           | — [already-clear]             | — [not-annunciated] | shelved | — [not-shelved] | suppressed | — [not-suppressed] |
 * | unacknowledged   | +1                       | rtn-unack (latching), normal  | acknowledged | shelved | — [not-shelved]  | suppressed | — |
 * | acknowledged     | +1; worse severity → unacknowledged | normal             | — [already-acknowledged] | shelved | — | suppressed | — |
 * | rtn-unack        | unacknowledged           | — [already-clear]             | normal      | shelved | — [not-shelved]   | suppressed | — |
 * | shelved          | +1 (not annunciated)     | shelved, condition inactive   | — [not-annunciated] | — [already-shelved] | derived (expire: only once due) | suppressed | — |
 * | suppressed       | +1 (not annunciated)     | suppressed, condition inactive | — [suppressed] | — [suppressed] | — [not-shelved] | — [already-suppressed] | derived |
 *
 * Assign is accepted in every state and changes only the assignee.
 *
 * Choices where ISA-18.2 leaves room:
 * - Escalation (a raise worse than the current severity while active)
 *   re-arms acknowledgement: an acknowledged warning that turns critical is
 *   unacknowledged again, because the operator acknowledged a different,
 *   milder condition. While shelved or suppressed, escalation is recorded
 *   (severity, audit) but not annunciated: shelving is an explicit,
 *   time-limited decision and the alarm comes back at its new severity.
 * - Leaving shelved or suppressed re-annunciates an active condition as
 *   unacknowledged even if it was acknowledged before: nobody watched it
 *   meanwhile.
 * - Shelving is allowed from normal, to quiet a chattering alarm before its
 *   next occurrence (e.g. "until end of pass").
 * - A raise from normal starts a new episode: severity and highest severity
 *   restart and the previous acknowledgement is cleared (it stays in the
 *   audit). Occurrences count over the alarm's life.
 *
 * @example
 *   const step = transitionAlarm(alarm, { type: 'acknowledge', actor, comment: 'on it' }, nowMs);
 *   if (step.ok) { save(step.alarm); audit(step.transition); } else { show(step.error.message); }
 */
import { alarmSourceKey, ALARM_SEVERITIES, severityRank, worseSeverity, type Alarm, type AlarmState } from './alarm';
import {
  SYSTEM_ACTOR,
  type AcknowledgeInput,
  type Actor,
  type AlarmInput,
  type AssignInput,
  type ClearInput,
  type RaiseInput,
  type ShelveInput,
  type SuppressInput,
  type UnshelveInput,
  type UnsuppressInput,
} from './alarm-input';
import type { AlarmAction, AlarmTransition, AlarmTransitionDetails } from './alarm-transition';
import { AlarmTransitionError, type AlarmTransitionErrorReason } from './alarm-transition-error';
import { checkComment, checkUserName } from './operator-text';

/**
 * Longest shelve, ms (12 h, one shift). ISA-18.2 asks for shelving to be
 * time-limited so that a forgotten shelve cannot hide an alarm for good.
 */
export const MAX_SHELVE_MS = 12 * 60 * 60 * 1000;

export type AlarmStep =
  | { readonly ok: true; readonly alarm: Alarm; readonly transition: AlarmTransition }
  | { readonly ok: false; readonly alarm: Alarm; readonly error: AlarmTransitionError };

/**
 * True when the alarm is shelved and its shelve has run out at `nowMs`: the
 * clock's tick sends 'expire-shelve' to exactly these alarms.
 *
 * @example
 *   isShelveExpired(alarm, alarm.shelvedUntilMs! - 1); // false
 *   isShelveExpired(alarm, alarm.shelvedUntilMs!);     // true
 */
export function isShelveExpired(alarm: Alarm, nowMs: number): boolean {
  return alarm.state === 'shelved' && alarm.shelvedUntilMs !== null && nowMs >= alarm.shelvedUntilMs;
}

/** Applies one input to an alarm at `nowMs`. Never throws for bad input; see AlarmStep. */
export function transitionAlarm(alarm: Alarm, input: AlarmInput, nowMs: number): AlarmStep {
  const step = new Step(alarm, input, nowMs);
  switch (input.type) {
    case 'raise':
      return step.raise(input);
    case 'clear':
      return step.clear(input);
    case 'acknowledge':
      return step.acknowledge(input);
    case 'shelve':
      return step.shelve(input);
    case 'unshelve':
      return step.unshelve(input);
    case 'expire-shelve':
      return step.expireShelve();
    case 'suppress':
      return step.suppress(input);
    case 'unsuppress':
      return step.unsuppress(input);
    case 'assign':
      return step.assign(input);
  }
}

const OPERATOR_ROLES: ReadonlySet<Actor['role']> = new Set(['operator', 'admin']);
const ADMIN_ROLES: ReadonlySet<Actor['role']> = new Set(['admin']);

/** One application of one input: holds what every branch needs to accept or refuse. */
class Step {
  readonly #alarm: Alarm;
  readonly #input: AlarmInput;
  readonly #nowMs: number;

  constructor(alarm: Alarm, input: AlarmInput, nowMs: number) {
    this.#alarm = alarm;
    this.#input = input;
    this.#nowMs = nowMs;
  }

  raise({ severity, eventTimeMs, value }: RaiseInput): AlarmStep {
    if (!ALARM_SEVERITIES.includes(severity)) return this.#refuse('invalid-occurrence', `unknown severity "${String(severity)}"`);
    if (!Number.isFinite(eventTimeMs) || (value !== undefined && !Number.isFinite(value))) {
      return this.#refuse('invalid-occurrence', 'the event time and value must be finite numbers');
    }
    const a = this.#alarm;
    const escalated = a.active && severityRank(severity) > severityRank(a.severity);
    const newEpisode = a.state === 'normal';
    let state: AlarmState = a.state;
    if (a.state === 'normal' || a.state === 'returned-to-normal-unacknowledged') state = 'unacknowledged';
    else if (a.state === 'acknowledged' && escalated) state = 'unacknowledged';
    const next: Alarm = {
      ...a,
      ...(state === 'unacknowledged' && a.state !== 'unacknowledged' ? NO_ACKNOWLEDGEMENT : {}),
      state,
      active: true,
      severity,
      highestSeverity: newEpisode ? severity : worseSeverity(a.highestSeverity, severity),
      occurrences: a.occurrences + 1,
      firstOccurrenceMs: a.firstOccurrenceMs ?? eventTimeMs,
      lastOccurrenceMs: eventTimeMs,
      conditionChangedMs: eventTimeMs,
      lastValue: value ?? a.lastValue,
    };
    return this.#accept(next, escalated ? 'escalate' : 'raise', SYSTEM_ACTOR, null, {
      severity,
      occurrences: next.occurrences,
      eventTimeMs,
      ...(value === undefined ? {} : { value }),
    });
  }

  clear({ eventTimeMs, value }: ClearInput): AlarmStep {
    if (!Number.isFinite(eventTimeMs) || (value !== undefined && !Number.isFinite(value))) {
      return this.#refuse('invalid-occurrence', 'the event time and value must be finite numbers');
    }
    const a = this.#alarm;
    if (!a.active) return this.#refuse('already-clear', 'its condition is not active');
    let state: AlarmState = a.state;
    if (a.state === 'acknowledged') state = 'normal';
    else if (a.state === 'unacknowledged') state = a.latching ? 'returned-to-normal-unacknowledged' : 'normal';
    const next: Alarm = { ...a, state, active: false, conditionChangedMs: eventTimeMs, lastValue: value ?? a.lastValue };
    return this.#accept(next, 'clear', SYSTEM_ACTOR, null, { eventTimeMs, ...(value === undefined ? {} : { value }) });
  }

  acknowledge({ actor, comment }: AcknowledgeInput): AlarmStep {
    const a = this.#alarm;
    const refused = this.#checkActor(actor, OPERATOR_ROLES);
    if (refused) return refused;
    if (a.state === 'acknowledged') return this.#refuse('already-acknowledged', `it was acknowledged by ${a.acknowledgedBy}`);
    if (a.state === 'suppressed-by-design') return this.#refuse('suppressed', 'it is suppressed by design');
    if (a.state === 'normal' || a.state === 'shelved') return this.#refuse('not-annunciated', `it is ${a.state}; there is nothing to acknowledge`);
    const text = checkComment(comment, { required: true });
    if (!text.ok) return this.#refuse('invalid-comment', text.message);
    const next: Alarm = {
      ...a,
      state: a.state === 'unacknowledged' ? 'acknowledged' : 'normal',
      acknowledgedBy: actor.id,
      acknowledgedAtMs: this.#nowMs,
      acknowledgeComment: text.value,
    };
    return this.#accept(next, 'acknowledge', actor, text.value, {});
  }

  shelve(input: ShelveInput): AlarmStep {
    const a = this.#alarm;
    const refused = this.#checkActor(input.actor, OPERATOR_ROLES);
    if (refused) return refused;
    if (a.state === 'shelved') return this.#refuse('already-shelved', `it is shelved by ${a.shelvedBy} until ${new Date(a.shelvedUntilMs!).toISOString()}`);
    if (a.state === 'suppressed-by-design') return this.#refuse('suppressed', 'it is suppressed by design');
    const untilMs = input.durationMs !== undefined ? this.#nowMs + input.durationMs : (input.untilMs ?? Number.NaN);
    if (!Number.isFinite(untilMs) || !(untilMs > this.#nowMs)) return this.#refuse('invalid-shelve-time', 'the shelve must end in the future');
    if (untilMs - this.#nowMs > MAX_SHELVE_MS) return this.#refuse('invalid-shelve-time', `a shelve may last at most ${MAX_SHELVE_MS / 3_600_000} h`);
    const text = checkComment(input.comment, { required: true });
    if (!text.ok) return this.#refuse('invalid-comment', text.message);
    const next: Alarm = { ...a, state: 'shelved', shelvedBy: input.actor.id, shelvedUntilMs: untilMs };
    return this.#accept(next, 'shelve', input.actor, text.value, { shelvedUntilMs: untilMs });
  }

  unshelve({ actor, comment }: UnshelveInput): AlarmStep {
    const refused = this.#checkActor(actor, OPERATOR_ROLES);
    if (refused) return refused;
    if (this.#alarm.state !== 'shelved') return this.#refuse('not-shelved', `it is ${this.#alarm.state}`);
    const text = checkComment(comment, { required: false });
    if (!text.ok) return this.#refuse('invalid-comment', text.message);
    return this.#accept(this.#leaveShelvedOrSuppressed(), 'unshelve', actor, text.value, {});
  }

  expireShelve(): AlarmStep {
    const a = this.#alarm;
    if (a.state !== 'shelved') return this.#refuse('not-shelved', `it is ${a.state}`);
    if (!isShelveExpired(a, this.#nowMs)) return this.#refuse('shelve-not-expired', `it is shelved until ${new Date(a.shelvedUntilMs!).toISOString()}`);
    return this.#accept(this.#leaveShelvedOrSuppressed(), 'expire-shelve', SYSTEM_ACTOR, null, { shelvedUntilMs: a.shelvedUntilMs! });
  }

  suppress({ actor, comment }: SuppressInput): AlarmStep {
    const refused = this.#checkActor(actor, ADMIN_ROLES);
    if (refused) return refused;
    if (this.#alarm.state === 'suppressed-by-design') return this.#refuse('already-suppressed', 'it is already suppressed by design');
    const text = checkComment(comment, { required: true });
    if (!text.ok) return this.#refuse('invalid-comment', text.message);
    const next: Alarm = { ...this.#alarm, state: 'suppressed-by-design', shelvedBy: null, shelvedUntilMs: null };
    return this.#accept(next, 'suppress', actor, text.value, {});
  }

  unsuppress({ actor, comment }: UnsuppressInput): AlarmStep {
    const refused = this.#checkActor(actor, ADMIN_ROLES);
    if (refused) return refused;
    if (this.#alarm.state !== 'suppressed-by-design') return this.#refuse('not-suppressed', `it is ${this.#alarm.state}`);
    const text = checkComment(comment, { required: false });
    if (!text.ok) return this.#refuse('invalid-comment', text.message);
    return this.#accept(this.#leaveShelvedOrSuppressed(), 'unsuppress', actor, text.value, {});
  }

  assign({ actor, assignee, comment }: AssignInput): AlarmStep {
    const refused = this.#checkActor(actor, OPERATOR_ROLES);
    if (refused) return refused;
    let name: string | null = null;
    if (assignee !== null) {
      const checked = checkUserName(assignee);
      if (!checked.ok) return this.#refuse('invalid-assignee', checked.message);
      name = checked.value;
    }
    if (name === this.#alarm.assignee) {
      return this.#refuse('already-assigned', name === null ? 'it is not assigned to anyone' : `it is already assigned to ${name}`);
    }
    const text = checkComment(comment, { required: false });
    if (!text.ok) return this.#refuse('invalid-comment', text.message);
    return this.#accept({ ...this.#alarm, assignee: name }, 'assign', actor, text.value, { assignee: name });
  }

  /** Back from shelved or suppressed to what the condition implies; see the module note on re-annunciation. */
  #leaveShelvedOrSuppressed(): Alarm {
    const a = this.#alarm;
    const cleared = { ...a, shelvedBy: null, shelvedUntilMs: null };
    return a.active ? { ...cleared, ...NO_ACKNOWLEDGEMENT, state: 'unacknowledged' } : { ...cleared, state: 'normal' };
  }

  #checkActor(actor: Actor, roles: ReadonlySet<Actor['role']>): AlarmStep | null {
    // The actor comes from the session, not from a form: anything but a clean name is a caller's bug, refused all the same.
    const name = checkUserName(actor.id);
    if (!name.ok || name.value !== actor.id) return this.#refuse('not-permitted', 'the acting user has no valid user name');
    if (!roles.has(actor.role)) {
      return this.#refuse('not-permitted', `role ${actor.role} may not ${this.#input.type} alarms (needs ${[...roles].join(' or ')})`);
    }
    return null;
  }

  #accept(next: Alarm, action: AlarmAction, actor: Actor, comment: string | null, details: AlarmTransitionDetails): AlarmStep {
    const transition: AlarmTransition = {
      key: this.#alarm.key,
      action,
      from: this.#alarm.state,
      to: next.state,
      actor: { id: actor.id, role: actor.role },
      comment,
      atMs: this.#nowMs,
      details,
    };
    return { ok: true, alarm: next, transition };
  }

  #refuse(reason: AlarmTransitionErrorReason, message: string): AlarmStep {
    const a = this.#alarm;
    const error = new AlarmTransitionError(reason, message, {
      input: this.#input.type,
      state: a.state,
      alarm: `${a.key.satelliteId}/${alarmSourceKey(a.key)}`,
    });
    return { ok: false, alarm: a, error };
  }
}

const NO_ACKNOWLEDGEMENT = { acknowledgedBy: null, acknowledgedAtMs: null, acknowledgeComment: null } as const;
