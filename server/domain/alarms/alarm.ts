/**
 * An alarm as ISA-18.2 sees it: one per (satellite, source), whatever the
 * number of times its condition occurs, with the lifecycle state an operator
 * works through. A source is a mission-database limit on one parameter
 * (`limit:<parameter>`) or one subject of a stream rule
 * (`rule:<ruleId>:<subject>`): a window-threshold rule watches many
 * parameters (200+ thermal nodes), and acknowledging node 12 must not
 * acknowledge node 13, so a rule alarm is per rule and subject.
 *
 * Values are plain, readonly objects; the state machine returns new ones.
 *
 * @example
 *   const alarm = newAlarm({ satelliteId: 101, ruleId: 'limit', subject: 'power.battery_voltage' });
 *   alarm.state;          // 'normal'
 *   alarmSourceKey(alarm.key); // 'limit:power.battery_voltage'
 */
import { ALERT_SEVERITIES, type AlertSeverity } from '../alert';

/**
 * ISA-18.2 alarm states (ANSI/ISA-18.2-2016 §11.5, figure 5), less "out of
 * service", which is maintenance work outside this console.
 */
export const ALARM_STATES = [
  'normal',
  'unacknowledged',
  'acknowledged',
  'returned-to-normal-unacknowledged',
  'shelved',
  'suppressed-by-design',
] as const;
export type AlarmState = (typeof ALARM_STATES)[number];

/** States an operator still has to deal with; shelved and suppressed alarms were put aside on purpose. */
export const ATTENTION_STATES: readonly AlarmState[] = ['unacknowledged', 'acknowledged', 'returned-to-normal-unacknowledged'];

export const ALARM_SEVERITIES = ALERT_SEVERITIES;
export type AlarmSeverity = AlertSeverity;

/** The rule id the stream uses for mission-database limits (rules.json, and `Alert.ruleId`). */
export const LIMIT_RULE_ID = 'limit';

export interface AlarmKey {
  readonly satelliteId: number;
  /** A rule id from the rules configuration, or LIMIT_RULE_ID. */
  readonly ruleId: string;
  /** The parameter for limits; the rule's subject (a parameter, or e.g. "attitude") for rules. */
  readonly subject: string;
}

export interface Alarm {
  readonly key: AlarmKey;
  readonly state: AlarmState;
  /**
   * Whether the condition is present now, independent of the state: a shelved
   * or suppressed alarm still follows its condition, so that leaving those
   * states can return to what the condition implies.
   */
  readonly active: boolean;
  /** Severity of the latest occurrence. */
  readonly severity: AlarmSeverity;
  /** Worst severity since the alarm last left normal. */
  readonly highestSeverity: AlarmSeverity;
  /** Times the condition was raised, over the alarm's life. */
  readonly occurrences: number;
  /** Event time of the first and the latest occurrence, ms; null before the first. */
  readonly firstOccurrenceMs: number | null;
  readonly lastOccurrenceMs: number | null;
  /** Event time the condition last was raised or cleared, ms. */
  readonly conditionChangedMs: number | null;
  /** The value that raised or cleared the condition last, when the source gave one. */
  readonly lastValue: number | null;
  readonly acknowledgedBy: string | null;
  readonly acknowledgedAtMs: number | null;
  readonly acknowledgeComment: string | null;
  readonly shelvedBy: string | null;
  readonly shelvedUntilMs: number | null;
  readonly assignee: string | null;
  /**
   * Latching (ISA-18.2 "latching alarm"): a condition that clears before
   * anyone acknowledged it stays annunciated, as returned-to-normal-
   * unacknowledged, until acknowledged. A non-latching alarm returns to
   * normal by itself; its occurrence stays in the audit.
   */
  readonly latching: boolean;
}

/**
 * Rank of a severity, to compare them.
 *
 * @example
 *   severityRank('warning');  // 1
 *   severityRank('critical'); // 2
 */
export function severityRank(severity: AlarmSeverity): number {
  return ALARM_SEVERITIES.indexOf(severity) + 1;
}

/**
 * The worse of two severities.
 *
 * @example
 *   worseSeverity('critical', 'warning'); // 'critical'
 */
export function worseSeverity(a: AlarmSeverity, b: AlarmSeverity): AlarmSeverity {
  return severityRank(b) > severityRank(a) ? b : a;
}

/**
 * The source part of the alarm's identity, as shown to operators and written in the audit.
 *
 * @example
 *   alarmSourceKey({ satelliteId: 101, ruleId: 'thermal-overtemperature', subject: 'thermal.node_012' });
 *   // 'rule:thermal-overtemperature:thermal.node_012'
 */
export function alarmSourceKey(key: AlarmKey): string {
  return key.ruleId === LIMIT_RULE_ID ? `limit:${key.subject}` : `rule:${key.ruleId}:${key.subject}`;
}

/**
 * An alarm whose condition never occurred: normal, no occurrences.
 *
 * @example
 *   newAlarm({ satelliteId: 101, ruleId: 'attitude-deviation', subject: 'attitude' }, { latching: false }).latching; // false
 */
export function newAlarm(key: AlarmKey, { latching = true }: { latching?: boolean } = {}): Alarm {
  return {
    key,
    state: 'normal',
    active: false,
    severity: 'warning',
    highestSeverity: 'warning',
    occurrences: 0,
    firstOccurrenceMs: null,
    lastOccurrenceMs: null,
    conditionChangedMs: null,
    lastValue: null,
    acknowledgedBy: null,
    acknowledgedAtMs: null,
    acknowledgeComment: null,
    shelvedBy: null,
    shelvedUntilMs: null,
    assignee: null,
    latching,
  };
}
