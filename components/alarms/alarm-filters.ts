/**
 * The alarms page's filters and order, pure over alarm records so they are
 * unit-tested without a browser. Filters live in the URL
 * (`?satellite=101&subsystem=thermal&severity=critical&state=unacknowledged,shelved`),
 * so a filtered view can be shared or reloaded; an absent filter means all,
 * except `state`, which by default shows what needs attention plus what was shelved.
 *
 * @example
 *   const filters = parseAlarmFilters(new URLSearchParams('subsystem=thermal&severity=critical'));
 *   const shown = sortAlarms(filterAlarms(records, filters));
 *   alarmFiltersToSearch({ ...filters, satelliteId: 102 }); // 'satellite=102&subsystem=thermal&severity=critical'
 */
import { ALARM_STATES, type AlarmSeverity, type AlarmState } from '@/server/domain/alarms/alarm';
import type { AlarmRecord } from '@/server/ports/telemetry-store';

export interface AlarmFilters {
  readonly satelliteId: number | null;
  readonly subsystem: string | null;
  readonly severity: AlarmSeverity | null;
  /** null: the default set (DEFAULT_STATES). */
  readonly states: readonly AlarmState[] | null;
}

export const DEFAULT_STATES: readonly AlarmState[] = ['unacknowledged', 'acknowledged', 'returned-to-normal-unacknowledged', 'shelved'];

export function parseAlarmFilters(search: URLSearchParams): AlarmFilters {
  const satellite = search.get('satellite');
  const subsystem = search.get('subsystem');
  const severity = search.get('severity');
  const states = (search.get('state') ?? '')
    .split(',')
    .filter((s): s is AlarmState => (ALARM_STATES as readonly string[]).includes(s));
  return {
    satelliteId: satellite !== null && /^\d{1,5}$/.test(satellite) ? Number(satellite) : null,
    subsystem: subsystem !== null && /^[a-z][a-z0-9_]{0,31}$/.test(subsystem) ? subsystem : null,
    severity: severity === 'warning' || severity === 'critical' ? severity : null,
    states: states.length > 0 ? [...new Set(states)] : null,
  };
}

/** The query string of `filters`, omitting those at their default; stable order. */
export function alarmFiltersToSearch(filters: AlarmFilters, extra: Readonly<Record<string, string>> = {}): string {
  const search = new URLSearchParams();
  if (filters.satelliteId !== null) search.set('satellite', String(filters.satelliteId));
  if (filters.subsystem !== null) search.set('subsystem', filters.subsystem);
  if (filters.severity !== null) search.set('severity', filters.severity);
  if (filters.states !== null) search.set('state', filters.states.join(','));
  for (const [key, value] of Object.entries(extra)) search.set(key, value);
  return search.toString().replaceAll('%2C', ',');
}

/**
 * The subsystem an alarm belongs to: parameters are named `<subsystem>.<name>`
 * in the mission database, and a rule's own subject (e.g. "attitude") is its subsystem.
 */
export function subsystemOf(record: AlarmRecord): string {
  const subject = record.alarm.key.subject;
  const dot = subject.indexOf('.');
  return dot < 0 ? subject : subject.slice(0, dot);
}

export function filterAlarms(records: readonly AlarmRecord[], filters: AlarmFilters): AlarmRecord[] {
  const states = new Set(filters.states ?? DEFAULT_STATES);
  return records.filter(
    (r) =>
      states.has(r.alarm.state) &&
      (filters.satelliteId === null || r.alarm.key.satelliteId === filters.satelliteId) &&
      (filters.severity === null || r.alarm.severity === filters.severity) &&
      (filters.subsystem === null || subsystemOf(r) === filters.subsystem),
  );
}

const SEVERITY_RANK: Readonly<Record<AlarmSeverity, number>> = { critical: 2, warning: 1 };
const STATE_RANK: Readonly<Record<AlarmState, number>> = {
  unacknowledged: 5,
  'returned-to-normal-unacknowledged': 4,
  acknowledged: 3,
  shelved: 2,
  'suppressed-by-design': 1,
  normal: 0,
};

/** Worst first: state needing action, then severity, then the latest occurrence, then id for a stable order. */
export function sortAlarms(records: readonly AlarmRecord[]): AlarmRecord[] {
  return [...records].sort(
    (a, b) =>
      STATE_RANK[b.alarm.state] - STATE_RANK[a.alarm.state] ||
      SEVERITY_RANK[b.alarm.severity] - SEVERITY_RANK[a.alarm.severity] ||
      (b.alarm.lastOccurrenceMs ?? 0) - (a.alarm.lastOccurrenceMs ?? 0) ||
      a.id - b.id,
  );
}

/** Whether the alarm still waits for an acknowledgement. */
export function needsAcknowledgement(record: AlarmRecord): boolean {
  return record.alarm.state === 'unacknowledged' || record.alarm.state === 'returned-to-normal-unacknowledged';
}
