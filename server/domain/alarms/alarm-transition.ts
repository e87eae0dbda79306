/**
 * What the state machine reports for every input it accepts: the audit
 * record of one alarm transition, saying who did what, when, from which state
 * to which, and with what comment. The persistence layer appends it to the
 * audit log as is; the client address is added there, since the domain never
 * sees a request.
 *
 * `from` may equal `to`: an occurrence while the alarm is already active,
 * shelved or suppressed, or an assignment, changes the alarm but not its state,
 * and is audited all the same.
 */
import type { AlarmKey, AlarmSeverity, AlarmState } from './alarm';
import type { Actor } from './alarm-input';

export const ALARM_ACTIONS = [
  'raise',
  'escalate',
  'clear',
  'acknowledge',
  'shelve',
  'unshelve',
  'expire-shelve',
  'suppress',
  'unsuppress',
  'assign',
] as const;
export type AlarmAction = (typeof ALARM_ACTIONS)[number];

/** Facts of the transition beyond its states, kept as jsonb in the audit. */
export interface AlarmTransitionDetails {
  readonly severity?: AlarmSeverity;
  readonly occurrences?: number;
  /** Event time of the occurrence or the return to normal, ms. */
  readonly eventTimeMs?: number;
  readonly value?: number;
  readonly shelvedUntilMs?: number;
  readonly assignee?: string | null;
}

export interface AlarmTransition {
  readonly key: AlarmKey;
  readonly action: AlarmAction;
  readonly from: AlarmState;
  readonly to: AlarmState;
  readonly actor: Actor;
  readonly comment: string | null;
  /** When the transition was made (the injected clock), ms. */
  readonly atMs: number;
  readonly details: AlarmTransitionDetails;
}
