/**
 * Turns what the stream produces into alarm inputs: an Alert (server/domain/
 * alert.ts) from any rule, or the level of a mission-database limit for one
 * parameter. Both give the alarm's key and a raise or a clear; the event time
 * of the occurrence is the end of the alert's window, when the condition was
 * known to hold (for limits, the sample's own time).
 *
 * @example
 *   alarmInputFromAlert(alert);
 *   // { key: { satelliteId: 101, ruleId: 'thermal-overtemperature', subject: 'thermal.node_012' },
 *   //   input: { type: 'raise', severity: 'critical', eventTimeMs: 1795608010000, value: 86.5 } }
 */
import type { Alert } from '../alert';
import { LIMIT_RULE_ID, type AlarmKey, type AlarmSeverity } from './alarm';
import type { ClearInput, RaiseInput } from './alarm-input';

export interface SourcedAlarmInput {
  readonly key: AlarmKey;
  readonly input: RaiseInput | ClearInput;
}

/** A raised alert raises its alarm, a cleared one clears it. */
export function alarmInputFromAlert(alert: Alert): SourcedAlarmInput {
  const key: AlarmKey = { satelliteId: alert.satelliteId, ruleId: alert.ruleId, subject: alert.subject };
  const input: RaiseInput | ClearInput =
    alert.kind === 'raised'
      ? { type: 'raise', severity: alert.severity, eventTimeMs: alert.windowEndMs, value: alert.value }
      : { type: 'clear', eventTimeMs: alert.windowEndMs, value: alert.value };
  return { key, input };
}

/** The states of a mission-database limit check (LimitCheckRule keeps one per satellite and parameter). */
export type LimitLevel = 'nominal' | AlarmSeverity;

export interface LimitObservation {
  readonly satelliteId: number;
  /** The parameter's name, e.g. "power.battery_voltage". */
  readonly parameter: string;
  readonly level: LimitLevel;
  readonly timeMs: number;
  readonly value?: number;
}

/**
 * A limit's level as an input of its alarm: nominal clears it, warning or
 * critical raises it at that severity. Whether that is a new occurrence, an
 * escalation or nothing to clear is the state machine's call.
 *
 * @example
 *   alarmInputFromLimitLevel({ satelliteId: 101, parameter: 'power.battery_voltage', level: 'critical', timeMs: 1000, value: 24.1 }).input;
 *   // { type: 'raise', severity: 'critical', eventTimeMs: 1000, value: 24.1 }
 */
export function alarmInputFromLimitLevel({ satelliteId, parameter, level, timeMs, value }: LimitObservation): SourcedAlarmInput {
  const key: AlarmKey = { satelliteId, ruleId: LIMIT_RULE_ID, subject: parameter };
  const measured = value === undefined ? {} : { value };
  const input: RaiseInput | ClearInput =
    level === 'nominal' ? { type: 'clear', eventTimeMs: timeMs, ...measured } : { type: 'raise', severity: level, eventTimeMs: timeMs, ...measured };
  return { key, input };
}
