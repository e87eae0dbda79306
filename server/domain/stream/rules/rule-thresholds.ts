/**
 * The thresholds of the stream rules that an admin may tune from the console
 * (the 5 s attitude deviation in degrees, the 10 s thermal max in °C), their
 * bounds, and a rule set with stored values laid over the rules file's. Pure:
 * the stored values come from the caller (db rule_thresholds).
 *
 * Only the threshold is tunable; windows, parameters and severity stay as the
 * rules file says, so a tuned rule is still the rule that was reviewed.
 *
 * @example
 *   const tunable = tunableThresholds(defaultRuleSet(mdb), mdb);
 *   // [{ ruleId: 'attitude-deviation', unit: '°', defaultValue: 2, min: 0, max: 180, ... },
 *   //  { ruleId: 'thermal-overtemperature', unit: '°C', defaultValue: 85, min: -120, max: 180, ... }]
 *   checkThreshold(tunable[1], 90);   // { ok: true, value: 90 }
 *   checkThreshold(tunable[1], 900);  // { ok: false, error: 'thermal-overtemperature threshold must be ... ' }
 */
import type { MissionDatabase } from '../../mission/mission-database';
import { selectParameters } from './parameter-selection';
import type { RuleConfig, RuleSet } from './rule-set';

export interface TunableThreshold {
  readonly ruleId: string;
  readonly kind: 'attitude-deviation' | 'window-threshold';
  readonly description: string;
  readonly unit: string;
  /** What the rules file says. */
  readonly defaultValue: number;
  /** Lowest accepted value; exclusive when `minExclusive`. */
  readonly min: number;
  readonly minExclusive: boolean;
  /** Highest accepted value, inclusive. */
  readonly max: number;
  /** Alerts fire when the windowed value is above (or below) the threshold. */
  readonly comparison: 'above' | 'below';
  readonly windowMs: number;
}

/** Bounds of a threshold without a better source: nonsense such as 1e300 is refused. */
const FALLBACK_BOUND = 1e6;

/** The rules of a set whose threshold can be tuned, with the bounds a value must keep. */
export function tunableThresholds(rules: RuleSet, mdb: MissionDatabase): TunableThreshold[] {
  const out: TunableThreshold[] = [];
  for (const rule of rules.rules) {
    if (rule.kind === 'attitude-deviation') {
      out.push({
        ruleId: rule.id,
        kind: rule.kind,
        description: rule.description ?? rule.id,
        unit: '°',
        defaultValue: rule.thresholdDeg,
        // An angle between two attitudes is 0..180°; a zero threshold would alert on every window.
        min: 0,
        minExclusive: true,
        max: 180,
        comparison: 'above',
        windowMs: rule.windowMs,
      });
    } else if (rule.kind === 'window-threshold') {
      const parameters = selectParameters(rule.parameters, mdb, rule.id);
      // A threshold outside every watched parameter's valid range could never, or would always, fire.
      const ranges = parameters.map((p) => p.validRange).filter((r) => r !== undefined);
      const min = ranges.length === parameters.length && ranges.length > 0 ? Math.min(...ranges.map((r) => r.min)) : -FALLBACK_BOUND;
      const max = ranges.length === parameters.length && ranges.length > 0 ? Math.max(...ranges.map((r) => r.max)) : FALLBACK_BOUND;
      out.push({
        ruleId: rule.id,
        kind: rule.kind,
        description: rule.description ?? rule.id,
        unit: parameters[0]?.unit ?? '',
        defaultValue: rule.threshold,
        min,
        minExclusive: false,
        max,
        comparison: rule.comparison,
        windowMs: rule.windowMs,
      });
    }
  }
  return out;
}

export type ThresholdCheck = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly error: string };

/** Whether `value` is an acceptable threshold for the rule; the error names the bounds. */
export function checkThreshold(tunable: TunableThreshold, value: number): ThresholdCheck {
  const low = tunable.minExclusive ? value > tunable.min : value >= tunable.min;
  if (Number.isFinite(value) && low && value <= tunable.max) return { ok: true, value };
  const lower = tunable.minExclusive ? `above ${tunable.min}` : `at least ${tunable.min}`;
  return { ok: false, error: `${tunable.ruleId} threshold must be ${lower} and at most ${tunable.max} ${tunable.unit}`.trimEnd() + `, got ${value}` };
}

/** The threshold a rule runs with; undefined for a rule without one (limits). */
export function thresholdOf(rule: RuleConfig): number | undefined {
  if (rule.kind === 'attitude-deviation') return rule.thresholdDeg;
  if (rule.kind === 'window-threshold') return rule.threshold;
  return undefined;
}

/**
 * The rule set with stored thresholds in place of the file's. Stored values
 * of rules the set does not have (a rule removed from the file) are ignored.
 */
export function withThresholds(rules: RuleSet, stored: ReadonlyMap<string, number>): RuleSet {
  return {
    ...rules,
    rules: rules.rules.map((rule) => {
      const value = stored.get(rule.id);
      if (value === undefined) return rule;
      if (rule.kind === 'attitude-deviation') return { ...rule, thresholdDeg: value };
      if (rule.kind === 'window-threshold') return { ...rule, threshold: value };
      return rule;
    }),
  };
}
