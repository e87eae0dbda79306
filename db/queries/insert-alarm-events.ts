/**
 * Appends alerts to alarm_events and folds each newly appended one into its
 * alarm (one row per satellite, rule and subject): a raised alert makes the
 * alarm active, counts an occurrence and keeps the worse severity while
 * active; a cleared alert makes it inactive. An alert already appended (same
 * deterministic id, republished after a processor restart) changes nothing.
 *
 * A new alarm starts unacknowledged (normal when its first alert is a clear).
 * The lifecycle state of an existing alarm is not moved here yet: that is the
 * alarm state machine's (server/domain/alarms), applied through
 * apply-alarm-transition. Every change bumps the alarm's version, so a console
 * acting on what it read before the change is refused rather than overwriting it.
 *
 * @example
 *   await insertAlarmEvents(client, [alert]); // → number of alerts newly appended
 */
import type { Alert } from '../../server/domain/alert';
import type { Queryable } from '../pool';
import { float8Array, int4Array } from './binary-arrays';
import { timestampFromMs } from './epoch';

const SQL = `
WITH appended AS (
  INSERT INTO alarm_events (alert_id, satellite_id, rule_id, subject, kind, severity, window_start, window_end, value, threshold, message)
  SELECT u.alert_id, u.satellite_id, u.rule_id, u.subject, u.kind, u.severity, ${timestampFromMs('u.start_ms')}, ${timestampFromMs('u.end_ms')},
         u.value, u.threshold, u.message
    FROM unnest($1::text[], $2::integer[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::float8[], $9::float8[],
                $10::float8[], $11::text[])
         AS u(alert_id, satellite_id, rule_id, subject, kind, severity, start_ms, end_ms, value, threshold, message)
  ON CONFLICT (alert_id) DO NOTHING
  RETURNING *
),
latest AS (
  -- One change per alarm per statement, in event-time order: the last one decides the state.
  SELECT DISTINCT ON (satellite_id, rule_id, subject) *,
         count(*) FILTER (WHERE kind = 'raised') OVER (PARTITION BY satellite_id, rule_id, subject) AS raised_count,
         max(CASE severity WHEN 'critical' THEN 2 ELSE 1 END) FILTER (WHERE kind = 'raised')
           OVER (PARTITION BY satellite_id, rule_id, subject) AS worst_rank,
         max(window_end) FILTER (WHERE kind = 'raised') OVER (PARTITION BY satellite_id, rule_id, subject) AS last_raised_end
    FROM appended
   ORDER BY satellite_id, rule_id, subject, window_end DESC, kind DESC
),
folded AS (
INSERT INTO alarms AS a (satellite_id, rule_id, subject, severity, active, occurrences, first_raised_at, last_changed_at, last_value, last_alert_id,
                        state, highest_severity, last_raised_at)
SELECT satellite_id, rule_id, subject, CASE WHEN worst_rank = 2 THEN 'critical' ELSE severity END, kind = 'raised',
       raised_count, window_end, window_end, value, alert_id,
       CASE WHEN kind = 'raised' THEN 'unacknowledged' ELSE 'normal' END, CASE WHEN worst_rank = 2 THEN 'critical' ELSE severity END, last_raised_end
  FROM latest
ON CONFLICT (satellite_id, rule_id, subject) DO UPDATE
   SET severity = CASE WHEN EXCLUDED.active AND a.active AND a.severity = 'critical' THEN 'critical' ELSE EXCLUDED.severity END,
       highest_severity = CASE WHEN a.highest_severity = 'critical' OR EXCLUDED.highest_severity = 'critical' THEN 'critical' ELSE 'warning' END,
       last_raised_at = GREATEST(a.last_raised_at, EXCLUDED.last_raised_at),
       version = a.version + 1,
       active = EXCLUDED.active,
       occurrences = a.occurrences + EXCLUDED.occurrences,
       last_changed_at = GREATEST(a.last_changed_at, EXCLUDED.last_changed_at),
       last_value = EXCLUDED.last_value,
       last_alert_id = EXCLUDED.last_alert_id
)
SELECT count(*)::int AS appended FROM appended`;

export async function insertAlarmEvents(q: Queryable, alerts: readonly Alert[]): Promise<number> {
  if (alerts.length === 0) return 0;
  const result = await q.query(SQL, [
    alerts.map((a) => a.id),
    int4Array(alerts.map((a) => a.satelliteId)),
    alerts.map((a) => a.ruleId),
    alerts.map((a) => a.subject),
    alerts.map((a) => a.kind),
    alerts.map((a) => a.severity),
    float8Array(alerts.map((a) => a.windowStartMs)),
    float8Array(alerts.map((a) => a.windowEndMs)),
    float8Array(alerts.map((a) => a.value)),
    float8Array(alerts.map((a) => a.threshold)),
    alerts.map((a) => a.message),
  ]);
  return (result.rows[0] as { appended: number }).appended;
}
