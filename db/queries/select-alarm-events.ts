/**
 * The alarm events (raised / cleared) of one satellite that a history window
 * needs to replay its alarms: every event in [from, to], plus the last event
 * before `from` of each alarm source, so alarms already active when the
 * window opens are known. In time order (window end), capped at `limit`.
 *
 * @example
 *   await selectAlarmEvents(pool, { satelliteId: 101, fromMs, toMs, limit: 2000 });
 *   // → [{ ruleId: 'thermal-max-10s', subject: 'thermal.node_017', kind: 'raised', severity: 'critical', atMs, … }]
 */
import type { AlarmEventRecord } from '../../server/ports/telemetry-store';
import type { Queryable } from '../pool';
import { epochMs, timestampFromMs } from './epoch';

export interface AlarmEventFilter {
  readonly satelliteId: number;
  readonly fromMs: number;
  readonly toMs: number;
  readonly limit: number;
}

const SQL = `
(SELECT DISTINCT ON (rule_id, subject) alert_id, rule_id, subject, kind, severity, ${epochMs('window_end')} AS at_ms, value, threshold, message
   FROM alarm_events
  WHERE satellite_id = $1 AND window_end < ${timestampFromMs('$2')}
  ORDER BY rule_id, subject, window_end DESC)
UNION ALL
(SELECT alert_id, rule_id, subject, kind, severity, ${epochMs('window_end')} AS at_ms, value, threshold, message
   FROM alarm_events
  WHERE satellite_id = $1 AND window_end >= ${timestampFromMs('$2')} AND window_end <= ${timestampFromMs('$3')}
  ORDER BY window_end
  LIMIT $4)
ORDER BY at_ms, alert_id`;

interface Row {
  alert_id: string;
  rule_id: string;
  subject: string;
  kind: 'raised' | 'cleared';
  severity: 'warning' | 'critical';
  at_ms: number;
  value: number;
  threshold: number;
  message: string;
}

export async function selectAlarmEvents(db: Queryable, { satelliteId, fromMs, toMs, limit }: AlarmEventFilter): Promise<AlarmEventRecord[]> {
  const { rows } = await db.query<Row>(SQL, [satelliteId, fromMs, toMs, limit]);
  return rows.map((r) => ({
    alertId: r.alert_id,
    ruleId: r.rule_id,
    subject: r.subject,
    kind: r.kind,
    severity: r.severity,
    atMs: r.at_ms,
    value: r.value,
    threshold: r.threshold,
    message: r.message,
  }));
}
