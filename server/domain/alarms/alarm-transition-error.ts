/**
 * An input the alarm cannot take in its present state, or input a human must
 * fix (a comment too long, a shelve in the past). The state machine returns it
 * rather than throwing, and the alarm stays as it was; `reason` is for code
 * (e.g. a 409 versus a 400), the message for the operator.
 */
import { MissionControlError } from '../../errors';
import type { AlarmState } from './alarm';
import type { AlarmInputType } from './alarm-input';

export const ALARM_TRANSITION_ERROR_REASONS = [
  /** The actor's role may not do this (a viewer acknowledging, an operator suppressing). */
  'not-permitted',
  'invalid-comment',
  'invalid-assignee',
  'invalid-shelve-time',
  /** A raise or clear with a time or value that is not a finite number, or an unknown severity. */
  'invalid-occurrence',
  /** Acknowledging an alarm nobody is asked to look at: normal, shelved or suppressed. */
  'not-annunciated',
  'already-acknowledged',
  /** Clearing a condition that is not active. */
  'already-clear',
  'already-shelved',
  'not-shelved',
  'shelve-not-expired',
  /** Operator actions on an alarm an admin suppressed by design. */
  'suppressed',
  'already-suppressed',
  'not-suppressed',
  'already-assigned',
] as const;
export type AlarmTransitionErrorReason = (typeof ALARM_TRANSITION_ERROR_REASONS)[number];

export class AlarmTransitionError extends MissionControlError {
  readonly reason: AlarmTransitionErrorReason;
  /** The input that was refused. */
  readonly input: AlarmInputType;
  /** The alarm's state, unchanged by the refusal. */
  readonly state: AlarmState;
  /** The alarm, as `<satelliteId>/<source key>`. */
  readonly alarm: string;

  constructor(reason: AlarmTransitionErrorReason, message: string, { input, state, alarm }: { input: AlarmInputType; state: AlarmState; alarm: string }) {
    super(`cannot ${input} alarm ${alarm}: ${message}`);
    this.reason = reason;
    this.input = input;
    this.state = state;
    this.alarm = alarm;
  }
}
