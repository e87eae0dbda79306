/**
 * Stores a rule's threshold and appends its audit entry (who, from which
 * value to which, from where) in one statement, so neither exists without
 * the other. The previous value is the stored one, or the rules file's when
 * none was stored yet.
 *
 * @example
 *   await setRuleThreshold(pool, { ruleId: 'thermal-overtemperature', value: 80, defaultValue: 85, atMs: Date.now(),
 *     actor: { username: 'alice', role: 'admin' }, clientAddress: '10.0.0.7' });
 *   // → { from: 85, to: 80, auditId: 311 }
 */
import type { ThresholdChange } from '../../server/ports/rule-threshold-store';
import type { Queryable } from '../pool';
import { timestampFromMs } from './epoch';

const SQL = `
WITH previous AS (
  SELECT value FROM rule_thresholds WHERE rule_id = $1
),
stored AS (
  INSERT INTO rule_thresholds (rule_id, value, updated_at, updated_by)
  VALUES ($1, $2, ${timestampFromMs('$3')}, $4)
  ON CONFLICT (rule_id) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
  RETURNING value
),
audited AS (
  INSERT INTO audit_log (at, actor, actor_role, action, target, client_address, details)
  SELECT ${timestampFromMs('$3')}, $4, $5, 'rule.threshold', 'rule:' || $1, $6::inet,
         jsonb_build_object('from', COALESCE((SELECT value FROM previous), $7::float8), 'to', stored.value)
    FROM stored
  RETURNING id
)
SELECT COALESCE((SELECT value FROM previous), $7::float8) AS from_value, (SELECT value FROM stored) AS to_value, audited.id::float8 AS audit_id
  FROM audited`;

export async function setRuleThreshold(q: Queryable, change: ThresholdChange): Promise<{ from: number; to: number; auditId: number }> {
  const { rows } = await q.query<{ from_value: number; to_value: number; audit_id: number }>(SQL, [
    change.ruleId,
    change.value,
    change.atMs,
    change.actor.username,
    change.actor.role,
    change.clientAddress,
    change.defaultValue,
  ]);
  const row = rows[0]!;
  return { from: row.from_value, to: row.to_value, auditId: row.audit_id };
}
