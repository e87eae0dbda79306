/**
 * Appends alerts to alarm_events and folds each newly appended one into its
 * alarm (one row per satellite, rule and subject) through the ISA-18.2 state
 * machine (server/domain/alarms): a raise makes a normal alarm
 * unacknowledged, counts an occurrence of an active one and re-arms
 * acknowledgement when it gets worse; a clear returns it to normal or, when
 * latching and unacknowledged, to returned-to-normal-unacknowledged. Every
 * transition bumps the alarm's version and is appended to audit_log as the
 * system's, in the caller's transaction. An alert already appended (same
 * deterministic id, republished after a processor restart) changes nothing.
 *
 * An alarm's row is created (normal) with its first alert and then moved by
 * the machine like every later one. Each alarm's row is locked while its
 * alerts are folded, so a console acting at the same moment waits and then
 * finds the version moved (AlarmVersionConflictError) instead of overwriting.
 *
 * @example
 *   await insertAlarmEvents(client, [alert], Date.now()); // → number of alerts newly appended
 */
import { alarmSourceKey, type AlarmKey } from '../../server/domain/alarms/alarm';
import { alarmInputFromAlert } from '../../server/domain/alarms/alarm-source-inputs';
import { transitionAlarm } from '../../server/domain/alarms/alarm-state-machine';
import type { Alert } from '../../server/domain/alert';
import type { Queryable } from '../pool';
import { applyAlarmTransition } from './apply-alarm-transition';
import { float8Array, int4Array } from './binary-arrays';
import { timestampFromMs } from './epoch';
import { selectAlarmForUpdate } from './select-alarm-for-update';

const APPEND_SQL = `
WITH appended AS (
  INSERT INTO alarm_events (alert_id, satellite_id, rule_id, subject, kind, severity, window_start, window_end, value, threshold, message)
  SELECT u.alert_id, u.satellite_id, u.rule_id, u.subject, u.kind, u.severity, ${timestampFromMs('u.start_ms')}, ${timestampFromMs('u.end_ms')},
         u.value, u.threshold, u.message
    FROM unnest($1::text[], $2::integer[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::float8[], $9::float8[],
                $10::float8[], $11::text[])
         AS u(alert_id, satellite_id, rule_id, subject, kind, severity, start_ms, end_ms, value, threshold, message)
  ON CONFLICT (alert_id) DO NOTHING
  RETURNING alert_id, satellite_id, rule_id, subject, window_end, value
),
firsts AS (
  SELECT DISTINCT ON (satellite_id, rule_id, subject) * FROM appended ORDER BY satellite_id, rule_id, subject, window_end
),
created AS (
  -- A new alarm starts normal; the state machine then applies its alerts like any other's.
  INSERT INTO alarms (satellite_id, rule_id, subject, severity, active, occurrences, first_raised_at, last_changed_at, last_value, last_alert_id,
                      state, highest_severity)
  SELECT satellite_id, rule_id, subject, 'warning', false, 0, window_end, window_end, value, alert_id, 'normal', 'warning' FROM firsts
  ON CONFLICT (satellite_id, rule_id, subject) DO NOTHING
  RETURNING 1
)
SELECT alert_id FROM appended`;

const LAST_ALERT_SQL = 'UPDATE alarms SET last_alert_id = $2 WHERE id = $1';

export async function insertAlarmEvents(q: Queryable, alerts: readonly Alert[], nowMs: number = Date.now()): Promise<number> {
  if (alerts.length === 0) return 0;
  const result = await q.query<{ alert_id: string }>(APPEND_SQL, [
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
  const appended = new Set(result.rows.map((r) => r.alert_id));
  const byAlarm = new Map<string, { key: AlarmKey; alerts: Alert[] }>();
  for (const alert of alerts) {
    if (!appended.delete(alert.id)) continue; // not new (or a repeat within this batch)
    const key: AlarmKey = { satelliteId: alert.satelliteId, ruleId: alert.ruleId, subject: alert.subject };
    const id = `${key.satelliteId}\u0000${alarmSourceKey(key)}`;
    const group = byAlarm.get(id);
    if (group) group.alerts.push(alert);
    else byAlarm.set(id, { key, alerts: [alert] });
  }
  let folded = 0;
  for (const { key, alerts: group } of byAlarm.values()) {
    // Event-time order; at the same instant a clear before a raise, so the raise stands.
    group.sort((a, b) => a.windowEndMs - b.windowEndMs || (a.kind === b.kind ? 0 : a.kind === 'cleared' ? -1 : 1));
    let stored = await selectAlarmForUpdate(q, key);
    if (!stored) throw new Error(`alarm ${alarmSourceKey(key)} of satellite ${key.satelliteId} was not created with its first alert`);
    for (const alert of group) {
      folded++;
      const step = transitionAlarm(stored.alarm, alarmInputFromAlert(alert).input, nowMs);
      // A refusal (a clear of an alarm already normal) is the machine saying nothing changes.
      if (!step.ok) continue;
      const applied = await applyAlarmTransition(q, { alarmId: stored.id, expectedVersion: stored.version, alarm: step.alarm, transition: step.transition });
      stored = { id: stored.id, version: applied.version, alarm: step.alarm };
    }
    await q.query(LAST_ALERT_SQL, [stored.id, group.at(-1)!.id]);
  }
  return folded;
}
