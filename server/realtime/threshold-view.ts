/**
 * What the admin page shows per tunable rule: the rules file's bounds and
 * default, and the value it runs with (stored, else the default).
 *
 * @example
 *   thresholdViews(tunable, [{ ruleId: 'thermal-overtemperature', value: 80, updatedAtMs, updatedBy: 'alice' }]);
 *   // → [{ ruleId: 'attitude-deviation', value: 2, defaultValue: 2, updatedBy: null, … },
 *   //    { ruleId: 'thermal-overtemperature', value: 80, defaultValue: 85, updatedBy: 'alice', … }]
 */
import type { TunableThreshold } from '../domain/stream/rules/rule-thresholds';
import type { StoredThreshold } from '../ports/rule-threshold-store';

export interface ThresholdView extends TunableThreshold {
  readonly value: number;
  readonly updatedBy: string | null;
  readonly updatedAtMs: number | null;
}

export function thresholdViews(tunable: readonly TunableThreshold[], stored: readonly StoredThreshold[]): ThresholdView[] {
  const byRule = new Map(stored.map((s) => [s.ruleId, s]));
  return tunable.map((t) => {
    const s = byRule.get(t.ruleId);
    return { ...t, value: s?.value ?? t.defaultValue, updatedBy: s?.updatedBy ?? null, updatedAtMs: s?.updatedAtMs ?? null };
  });
}
