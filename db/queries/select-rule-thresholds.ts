/**
 * Every stored rule threshold (a rule without a row runs with its file's).
 *
 * @example
 *   await selectRuleThresholds(pool); // [{ ruleId: 'thermal-overtemperature', value: 80, updatedAtMs, updatedBy: 'alice' }]
 */
import type { StoredThreshold } from '../../server/ports/rule-threshold-store';
import type { Queryable } from '../pool';
import { epochMs } from './epoch';

const SQL = `SELECT rule_id, value, ${epochMs('updated_at')} AS updated_at_ms, updated_by FROM rule_thresholds ORDER BY rule_id`;

export async function selectRuleThresholds(q: Queryable): Promise<StoredThreshold[]> {
  const { rows } = await q.query<{ rule_id: string; value: number; updated_at_ms: number; updated_by: string }>(SQL);
  return rows.map((r) => ({ ruleId: r.rule_id, value: r.value, updatedAtMs: r.updated_at_ms, updatedBy: r.updated_by }));
}
