/**
 * Alarms with their lifecycle state, database id and version, optionally
 * narrowed to a satellite, to ids or to states (the shelve-expiry tick asks
 * for 'shelved'). The version is what apply-alarm-transition expects back.
 *
 * @example
 *   const [stored] = await selectAlarms(pool, { ids: [42] });
 *   stored.alarm.state; // 'unacknowledged'
 *   stored.version;     // 3
 */
import type { Alarm, AlarmSeverity, AlarmState } from '../../server/domain/alarms/alarm';
import type { Queryable } from '../pool';
import { epochMs } from './epoch';

export interface StoredAlarm {
  /** The alarms.id column, as the console and the audit log name the alarm. */
  readonly id: number;
  readonly version: number;
  readonly alarm: Alarm;
}

export interface AlarmFilter {
  readonly satelliteId?: number;
  readonly ids?: readonly number[];
  readonly states?: readonly AlarmState[];
}

/** The columns toStoredAlarm reads, shared with select-alarm-for-update. */
export const ALARM_COLUMNS = `id::float8 AS id, version, satellite_id, rule_id, subject, state, active, severity, highest_severity, occurrences,
       ${epochMs('first_raised_at')} AS first_raised_ms, ${epochMs('last_raised_at')} AS last_raised_ms,
       ${epochMs('last_changed_at')} AS last_changed_ms, last_value,
       acknowledged_by, ${epochMs('acknowledged_at')} AS acknowledged_ms, acknowledge_comment,
       shelved_by, ${epochMs('shelved_until')} AS shelved_until_ms, assignee, latching`;

const SQL = `
SELECT ${ALARM_COLUMNS}
  FROM alarms
 WHERE ($1::integer IS NULL OR satellite_id = $1)
   AND ($2::bigint[] IS NULL OR id = ANY ($2))
   AND ($3::text[] IS NULL OR state = ANY ($3))
 ORDER BY id`;

export interface AlarmRow {
  id: number;
  version: number;
  satellite_id: number;
  rule_id: string;
  subject: string;
  state: AlarmState;
  active: boolean;
  severity: AlarmSeverity;
  highest_severity: AlarmSeverity;
  occurrences: number;
  first_raised_ms: number;
  last_raised_ms: number | null;
  last_changed_ms: number;
  last_value: number;
  acknowledged_by: string | null;
  acknowledged_ms: number | null;
  acknowledge_comment: string | null;
  shelved_by: string | null;
  shelved_until_ms: number | null;
  assignee: string | null;
  latching: boolean;
}

export async function selectAlarms(q: Queryable, { satelliteId, ids, states }: AlarmFilter = {}): Promise<StoredAlarm[]> {
  const { rows } = await q.query<AlarmRow>(SQL, [satelliteId ?? null, ids ? [...ids] : null, states ? [...states] : null]);
  return rows.map(toStoredAlarm);
}

export function toStoredAlarm(r: AlarmRow): StoredAlarm {
  return {
    id: r.id,
    version: r.version,
    alarm: {
      key: { satelliteId: r.satellite_id, ruleId: r.rule_id, subject: r.subject },
      state: r.state,
      active: r.active,
      severity: r.severity,
      highestSeverity: r.highest_severity,
      occurrences: r.occurrences,
      firstOccurrenceMs: r.first_raised_ms,
      lastOccurrenceMs: r.last_raised_ms,
      conditionChangedMs: r.last_changed_ms,
      lastValue: r.last_value,
      acknowledgedBy: r.acknowledged_by,
      acknowledgedAtMs: r.acknowledged_ms,
      acknowledgeComment: r.acknowledge_comment,
      shelvedBy: r.shelved_by,
      shelvedUntilMs: r.shelved_until_ms,
      assignee: r.assignee,
      latching: r.latching,
    },
  };
}
