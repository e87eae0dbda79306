/**
 * One alarm by its key, locked for the rest of the caller's transaction
 * (SELECT … FOR UPDATE), so the stream's fold and a console's action on the
 * same alarm take turns. Undefined when the alarm does not exist.
 *
 * @example
 *   const stored = await selectAlarmForUpdate(client, { satelliteId: 101, ruleId: 'limit', subject: 'power.battery_voltage' });
 */
import type { AlarmKey } from '../../server/domain/alarms/alarm';
import type { Queryable } from '../pool';
import { ALARM_COLUMNS, toStoredAlarm, type AlarmRow, type StoredAlarm } from './select-alarms';

const SQL = `SELECT ${ALARM_COLUMNS} FROM alarms WHERE satellite_id = $1 AND rule_id = $2 AND subject = $3 FOR UPDATE`;
const BY_ID_SQL = `SELECT ${ALARM_COLUMNS} FROM alarms WHERE id = $1 FOR UPDATE`;

export async function selectAlarmForUpdate(q: Queryable, key: AlarmKey): Promise<StoredAlarm | undefined> {
  const { rows } = await q.query<AlarmRow>(SQL, [key.satelliteId, key.ruleId, key.subject]);
  return rows[0] ? toStoredAlarm(rows[0]) : undefined;
}

/** The same, by the alarm's id (what consoles send). */
export async function selectAlarmByIdForUpdate(q: Queryable, alarmId: number): Promise<StoredAlarm | undefined> {
  const { rows } = await q.query<AlarmRow>(BY_ID_SQL, [alarmId]);
  return rows[0] ? toStoredAlarm(rows[0]) : undefined;
}
