/**
 * Runs the configured stream rules over sample frames and returns the alerts
 * they raise. Each rule kind is registered once in RULE_KINDS; the engine
 * builds one rule per configuration entry, so adding a rule of an existing
 * kind is a change to the rules file only.
 *
 * @example
 *   const engine = new RuleEngine({ mdb, rules: defaultRuleSet(mdb) });
 *   const alerts = engine.process(frames); // limit alerts at once; windowed rules as watermarks close windows
 *   alerts[0]?.id; // e.g. 'limit:101:power.battery_voltage:1795608000100'
 */
import type { Alert } from '../../alert';
import type { MissionDatabase } from '../../mission/mission-database';
import type { SampleFrame } from '../../sample-frame';
import { AttitudeDeviationRule } from './attitude-deviation-rule';
import { LimitCheckRule } from './limit-check-rule';
import type { RuleConfig, RuleKind, RuleSet } from './rule-set';
import { thresholdOf } from './rule-thresholds';
import type { RuleContext, StreamRule } from './stream-rule';
import { WindowThresholdRule } from './window-threshold-rule';

type RuleFactory<K extends RuleKind> = (config: Extract<RuleConfig, { kind: K }>, context: RuleContext) => StreamRule;

/** The code behind each rule kind. */
export const RULE_KINDS: { readonly [K in RuleKind]: RuleFactory<K> } = {
  'attitude-deviation': (config, context) => new AttitudeDeviationRule(config, context),
  'window-threshold': (config, context) => new WindowThresholdRule(config, context),
  limits: (config, context) => new LimitCheckRule(config, context),
};

export interface RuleEngineOptions {
  readonly mdb: MissionDatabase;
  /** A rule set checked by loadRuleSet. */
  readonly rules: RuleSet;
  /** How far behind a satellite's newest event time windows stay open, ms. */
  readonly allowedLatenessMs?: number;
  /** How long past its end a closed window is re-evaluated for late data, ms. */
  readonly closedRetentionMs?: number;
}

export class RuleEngine {
  readonly rules: readonly StreamRule[];
  /** Rule id → the threshold of the rule set it was built from, for rules that have one. */
  readonly #defaults = new Map<string, number>();
  /** Rule id → the threshold it runs with now. */
  readonly #current = new Map<string, number>();

  constructor({ mdb, rules, allowedLatenessMs = 2000, closedRetentionMs = 60_000 }: RuleEngineOptions) {
    const context: RuleContext = { mdb, allowedLatenessMs, closedRetentionMs };
    this.rules = rules.rules.map((config) => (RULE_KINDS[config.kind] as RuleFactory<RuleKind>)(config, context));
    for (const config of rules.rules) {
      const threshold = thresholdOf(config);
      if (threshold === undefined) continue;
      this.#defaults.set(config.id, threshold);
      this.#current.set(config.id, threshold);
    }
  }

  /** The thresholds the rules run with now, by rule id. */
  thresholds(): ReadonlyMap<string, number> {
    return new Map(this.#current);
  }

  /**
   * Runs the rules with `stored` thresholds from now on, and a rule missing
   * from `stored` with its rule set's own; open windows keep their samples.
   * Returns what changed, e.g. [{ ruleId: 'thermal-overtemperature', from: 85, to: 80 }].
   */
  setThresholds(stored: ReadonlyMap<string, number>): { ruleId: string; from: number; to: number }[] {
    const changed: { ruleId: string; from: number; to: number }[] = [];
    for (const rule of this.rules) {
      const fallback = this.#defaults.get(rule.id);
      if (fallback === undefined || !rule.retune) continue;
      const from = this.#current.get(rule.id)!;
      const to = stored.get(rule.id) ?? fallback;
      if (to === from) continue;
      rule.retune(to);
      this.#current.set(rule.id, to);
      changed.push({ ruleId: rule.id, from, to });
    }
    return changed;
  }

  /** Feeds frames to every rule, then closes the windows the watermarks passed; returns the alerts, per-sample ones first. */
  process(frames: readonly SampleFrame[]): Alert[] {
    const alerts: Alert[] = [];
    for (const frame of frames) for (const rule of this.rules) rule.observe(frame, alerts);
    for (const rule of this.rules) rule.advance(alerts);
    return alerts;
  }

  /** Closes and evaluates every open window, e.g. at the end of a replay. */
  flush(): Alert[] {
    const alerts: Alert[] = [];
    for (const rule of this.rules) rule.flush(alerts);
    return alerts;
  }
}
