/**
 * Raises consumer lag alarms from the ops snapshots the OpsMonitor samples:
 * each snapshot's per-group lag in seconds goes through the ConsumerLagRule
 * and any alert it gives is stored through the alarm sink, which folds it
 * into the group's alarm with the ISA-18.2 state machine (audited as the
 * system) like any telemetry alarm. The rule's levels are kept only once
 * the alerts are stored: with the database away, the next sample tries again.
 * At start the levels come from the stored alarms, so an alarm left active
 * by a previous run still clears when the lag has drained.
 *
 * @example
 *   const lagAlarms = new LagAlarmMonitor({ rule: new ConsumerLagRule(config.lagAlarms), store, log });
 *   new OpsMonitor({ metrics, onSample: (snapshot) => lagAlarms.observe(snapshot) });
 */
import { ALARM_STATES } from '../domain/alarms/alarm';
import { CONSUMER_LAG_RULE_ID, GROUND_SEGMENT_ID, type ConsumerLagRule, type LagLevel } from '../domain/alarms/consumer-lag-rule';
import type { Logger } from '../log';
import type { AlarmSink, TelemetryHistory } from '../ports/telemetry-store';
import type { OpsSnapshot } from './ops-snapshot';

export interface LagAlarmMonitorOptions {
  readonly rule: ConsumerLagRule;
  readonly store: AlarmSink & Pick<TelemetryHistory, 'listAlarms'>;
  readonly log: Logger;
}

export class LagAlarmMonitor {
  readonly #rule: ConsumerLagRule;
  readonly #store: LagAlarmMonitorOptions['store'];
  readonly #log: Logger;
  #levels: ReadonlyMap<string, LagLevel> | undefined;
  #busy = false;
  #pending: Pick<OpsSnapshot, 'atMs' | 'groups'> | undefined;

  constructor({ rule, store, log }: LagAlarmMonitorOptions) {
    this.#rule = rule;
    this.#store = store;
    this.#log = log;
  }

  /** Judges one snapshot; resolves once its alerts are stored (or the attempt failed and was logged). */
  async observe(snapshot: Pick<OpsSnapshot, 'atMs' | 'groups'>): Promise<void> {
    // One judgement at a time, in order: a snapshot arriving while one is being stored waits, and only the newest waits.
    if (this.#busy) {
      this.#pending = snapshot;
      return;
    }
    this.#busy = true;
    try {
      await this.#judge(snapshot);
      for (let next = this.#pending; next; next = this.#pending) {
        this.#pending = undefined;
        await this.#judge(next);
      }
    } finally {
      this.#busy = false;
    }
  }

  async #judge(snapshot: Pick<OpsSnapshot, 'atMs' | 'groups'>): Promise<void> {
    try {
      this.#levels ??= await this.#storedLevels();
      const { alerts, levels } = this.#rule.evaluate(snapshot.groups, this.#levels, snapshot.atMs);
      if (alerts.length > 0) await this.#store.recordAlerts(alerts, snapshot.atMs);
      this.#levels = levels;
      for (const alert of alerts) this.#log.info(alert.message, { alert: alert.id });
    } catch (error) {
      this.#log.warn('consumer lag alarms not stored; retrying with the next sample', { error });
    }
  }

  async #storedLevels(): Promise<ReadonlyMap<string, LagLevel>> {
    const stored = await this.#store.listAlarms({ satelliteId: GROUND_SEGMENT_ID, states: ALARM_STATES });
    return new Map(
      stored
        .filter(({ alarm }) => alarm.key.ruleId === CONSUMER_LAG_RULE_ID && alarm.active)
        .map(({ alarm }) => [alarm.key.subject, alarm.highestSeverity] as const),
    );
  }
}
