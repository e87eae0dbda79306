/**
 * Stores what the alarm state machine decided: writes the alarm's new state
 * to its row and appends the transition to audit_log, both or neither. One
 * statement (an UPDATE and an INSERT ... SELECT from what it updated), so it
 * is atomic on the pool as well as inside a caller's transaction.
 *
 * Optimistic concurrency: the row is written only if its version is still the
 * one the caller read. Two consoles acknowledging at once both send the same
 * version; the second UPDATE waits on the first's row lock, then finds the
 * version moved and updates nothing, and the caller gets
 * AlarmVersionConflictError instead of silently overwriting the first.
 *
 * @example
 *   const [stored] = await selectAlarms(pool, { ids: [42] });
 *   const step = transitionAlarm(stored.alarm, { type: 'acknowledge', actor, comment: 'on it' }, Date.now());
 *   if (step.ok) {
 *     await applyAlarmTransition(pool, { alarmId: 42, expectedVersion: stored.version, alarm: step.alarm, transition: step.transition, clientAddress: '10.0.0.7' });
 *     // → { version: stored.version + 1, auditId: 1234 }
 *   }
 */
import { isIP } from 'node:net';
import { alarmSourceKey, type Alarm, type AlarmKey } from '../../server/domain/alarms/alarm';
import type { AlarmTransition } from '../../server/domain/alarms/alarm-transition';
import { AlarmNotFoundError, AlarmVersionConflictError } from '../../server/errors';
import type { Queryable } from '../pool';
import { timestampFromMs } from './epoch';

export interface AlarmTransitionWrite {
  readonly alarmId: number;
  /** The version read with the alarm (select-alarms). */
  readonly expectedVersion: number;
  /** The alarm as the state machine left it. */
  readonly alarm: Alarm;
  readonly transition: AlarmTransition;
  /** The console's IP address for user actions; null for the stream and the clock. */
  readonly clientAddress?: string | null;
}

export interface AppliedAlarmTransition {
  /** The alarm's version after the write. */
  readonly version: number;
  /** audit_log.id of the entry appended. */
  readonly auditId: number;
}

const SQL = `
WITH updated AS (
  UPDATE alarms
     SET state = $3, active = $4, severity = $5, highest_severity = $6, occurrences = $7,
         first_raised_at = COALESCE(${timestampFromMs('$8')}, first_raised_at),
         last_raised_at = ${timestampFromMs('$9')},
         last_changed_at = COALESCE(${timestampFromMs('$10')}, last_changed_at),
         last_value = COALESCE($11, last_value),
         acknowledged_by = $12, acknowledged_at = ${timestampFromMs('$13')}, acknowledge_comment = $14,
         shelved_by = $15, shelved_until = ${timestampFromMs('$16')}, assignee = $17, latching = $18,
         version = version + 1
   WHERE id = $1 AND version = $2
  RETURNING id, version
),
audited AS (
  INSERT INTO audit_log (at, actor, actor_role, action, target, from_state, to_state, comment, client_address, details)
  SELECT ${timestampFromMs('$19')}, $20, $21, $22, 'alarm:' || updated.id, $23, $24, $25, $26::inet, $27::jsonb
    FROM updated
  RETURNING id
)
SELECT updated.version, audited.id::float8 AS audit_id FROM updated CROSS JOIN audited`;

const CURRENT_VERSION_SQL = 'SELECT version FROM alarms WHERE id = $1';

/**
 * Throws AlarmNotFoundError for an unknown id and AlarmVersionConflictError
 * when the alarm changed since it was read; either way nothing is written.
 * A client address that is not an IP address, or a transition of another
 * alarm, is a caller's bug (neither comes from a form) and throws RangeError
 * before anything is sent.
 */
export async function applyAlarmTransition(q: Queryable, write: AlarmTransitionWrite): Promise<AppliedAlarmTransition> {
  const { alarmId, expectedVersion, alarm: a, transition: t, clientAddress = null } = write;
  if (clientAddress !== null && isIP(clientAddress) === 0) throw new RangeError(`client address "${clientAddress}" is not an IP address`);
  if (!isSameKey(a.key, t.key)) throw new RangeError('the transition belongs to another alarm than the one being written');
  const details = { satelliteId: a.key.satelliteId, source: alarmSourceKey(a.key), ...t.details };
  const { rows } = await q.query<{ version: number; audit_id: number }>(SQL, [
    alarmId,
    expectedVersion,
    a.state,
    a.active,
    a.severity,
    a.highestSeverity,
    a.occurrences,
    a.firstOccurrenceMs,
    a.lastOccurrenceMs,
    a.conditionChangedMs,
    a.lastValue,
    a.acknowledgedBy,
    a.acknowledgedAtMs,
    a.acknowledgeComment,
    a.shelvedBy,
    a.shelvedUntilMs,
    a.assignee,
    a.latching,
    t.atMs,
    t.actor.id,
    t.actor.role,
    t.action,
    t.from,
    t.to,
    t.comment,
    clientAddress,
    JSON.stringify(details),
  ]);
  const row = rows[0];
  if (row) return { version: row.version, auditId: row.audit_id };
  const current = await q.query<{ version: number }>(CURRENT_VERSION_SQL, [alarmId]);
  const actual = current.rows[0];
  if (!actual) throw new AlarmNotFoundError(alarmId);
  throw new AlarmVersionConflictError(alarmId, expectedVersion, actual.version);
}

function isSameKey(a: AlarmKey, b: AlarmKey): boolean {
  return a.satelliteId === b.satelliteId && a.ruleId === b.ruleId && a.subject === b.subject;
}
