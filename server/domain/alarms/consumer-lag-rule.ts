/**
 * Consumer lag as alarms: each consumer group's lag in seconds (how old the
 * oldest message it has not consumed is) against a warning and a critical
 * threshold, per group or by default. Crossing a threshold raises the
 * group's alarm at that severity, crossing the critical one after the
 * warning escalates it, and draining below half the warning threshold
 * clears it; between the two the alarm stays as it is, so a lag hovering
 * around a threshold does not flap. The alerts are ordinary Alerts, stored
 * and moved through the ISA-18.2 state machine like any telemetry alarm,
 * about the ground segment (GROUND_SEGMENT_ID) rather than a spacecraft,
 * with the consumer group as subject.
 *
 * Pure: the caller passes the levels it holds (from the previous call, or
 * from the stored alarms at start) and the time, and keeps the levels it
 * gets back only once the alerts are stored.
 *
 * @example
 *   const rule = new ConsumerLagRule({ default: { warningSeconds: 30, criticalSeconds: 120 } });
 *   const { alerts, levels } = rule.evaluate([{ group: 'perigee-archiver', lagSeconds: 45 }], new Map(), nowMs);
 *   alerts[0].severity; // 'warning'; levels.get('perigee-archiver') === 'warning'
 */
import type { Alert } from '../alert';

/** The alarms' "satellite": the ground segment itself. Spacecraft ids of the fleet start well above it. */
export const GROUND_SEGMENT_ID = 0;
export const CONSUMER_LAG_RULE_ID = 'consumer-lag';
/** Below this share of the warning threshold an active lag alarm clears. */
export const LAG_CLEAR_FRACTION = 0.5;

export interface LagThresholds {
  readonly warningSeconds: number;
  readonly criticalSeconds: number;
}

export interface LagAlarmSettings {
  readonly default: LagThresholds;
  /** Thresholds of particular consumer groups, by group id. */
  readonly byGroup?: Readonly<Record<string, LagThresholds>>;
}

export type LagLevel = 'normal' | 'warning' | 'critical';

export interface GroupLag {
  readonly group: string;
  readonly lagSeconds: number;
}

export interface LagEvaluation {
  readonly alerts: readonly Alert[];
  /** Every group's level after this evaluation (groups not seen keep theirs). */
  readonly levels: ReadonlyMap<string, LagLevel>;
}

function checkThresholds(where: string, { warningSeconds, criticalSeconds }: LagThresholds): void {
  if (!(warningSeconds > 0 && criticalSeconds > warningSeconds && Number.isFinite(criticalSeconds))) {
    throw new RangeError(`${where}: need 0 < warningSeconds (${warningSeconds}) < criticalSeconds (${criticalSeconds})`);
  }
}

const formatSeconds = (s: number) => `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;

export class ConsumerLagRule {
  readonly settings: LagAlarmSettings;

  constructor(settings: LagAlarmSettings) {
    checkThresholds('default lag thresholds', settings.default);
    for (const [group, thresholds] of Object.entries(settings.byGroup ?? {})) checkThresholds(`lag thresholds of ${group}`, thresholds);
    this.settings = settings;
  }

  thresholdsOf(group: string): LagThresholds {
    return this.settings.byGroup?.[group] ?? this.settings.default;
  }

  evaluate(groups: readonly GroupLag[], previous: ReadonlyMap<string, LagLevel>, nowMs: number): LagEvaluation {
    const levels = new Map(previous);
    const alerts: Alert[] = [];
    for (const { group, lagSeconds } of groups) {
      const { warningSeconds, criticalSeconds } = this.thresholdsOf(group);
      const was = levels.get(group) ?? 'normal';
      const base = { ruleId: CONSUMER_LAG_RULE_ID, satelliteId: GROUND_SEGMENT_ID, subject: group.slice(0, 128), windowStartMs: nowMs, windowEndMs: nowMs, value: lagSeconds };
      const id = (kind: string) => `${CONSUMER_LAG_RULE_ID}:${GROUND_SEGMENT_ID}:${group}:${kind}:${nowMs}`.slice(0, 256);
      if (lagSeconds >= criticalSeconds && was !== 'critical') {
        levels.set(group, 'critical');
        alerts.push({
          ...base,
          id: id('critical'),
          kind: 'raised',
          severity: 'critical',
          threshold: criticalSeconds,
          message: `consumer group ${group} is ${formatSeconds(lagSeconds)} behind, critical at ${formatSeconds(criticalSeconds)}`,
        });
      } else if (lagSeconds >= warningSeconds && was === 'normal') {
        levels.set(group, 'warning');
        alerts.push({
          ...base,
          id: id('warning'),
          kind: 'raised',
          severity: 'warning',
          threshold: warningSeconds,
          message: `consumer group ${group} is ${formatSeconds(lagSeconds)} behind, warning at ${formatSeconds(warningSeconds)}`,
        });
      } else if (lagSeconds < warningSeconds * LAG_CLEAR_FRACTION && was !== 'normal') {
        levels.set(group, 'normal');
        alerts.push({
          ...base,
          id: id('cleared'),
          kind: 'cleared',
          severity: was,
          threshold: warningSeconds * LAG_CLEAR_FRACTION,
          message: `consumer group ${group} caught up: ${formatSeconds(lagSeconds)} behind`,
        });
      }
    }
    return { alerts, levels };
  }
}
