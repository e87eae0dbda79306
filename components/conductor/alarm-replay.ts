/**
 * Alarms replayed from the alarm event log: which sources were active at a
 * moment (their last event at or before it was a raise), and where the scrub
 * bar marks alarms being raised. Pure, so the replay strip, the markers and
 * the tests agree.
 *
 * @example
 *   alarmsActiveAt(events, cursorMs);
 *   // → [{ ruleId: 'thermal-max-10s', subject: 'thermal.node_017', severity: 'critical', sinceMs, value, threshold, message }]
 */
import type { AlarmEventRecord } from '@/server/ports/telemetry-store';

export interface ActiveAlarm {
  readonly ruleId: string;
  readonly subject: string;
  readonly severity: AlarmEventRecord['severity'];
  /** When its newest raise happened, epoch ms. */
  readonly sinceMs: number;
  readonly value: number;
  readonly threshold: number;
  readonly message: string;
}

const RANK = { warning: 1, critical: 2 } as const;

/** Sources whose last event at or before `atMs` is a raise, worst first, then newest. `events` ascend in time. */
export function alarmsActiveAt(events: readonly AlarmEventRecord[], atMs: number): ActiveAlarm[] {
  const last = new Map<string, AlarmEventRecord>();
  for (const e of events) {
    if (e.atMs > atMs) break;
    last.set(`${e.ruleId}\u0000${e.subject}`, e);
  }
  return [...last.values()]
    .filter((e) => e.kind === 'raised')
    .map((e) => ({ ruleId: e.ruleId, subject: e.subject, severity: e.severity, sinceMs: e.atMs, value: e.value, threshold: e.threshold, message: e.message }))
    .sort((a, b) => RANK[b.severity] - RANK[a.severity] || b.sinceMs - a.sinceMs);
}

export interface AlarmMarker {
  readonly atMs: number;
  readonly severity: AlarmEventRecord['severity'];
  readonly label: string;
}

/** One marker per raise inside [from, to]. */
export function alarmMarkers(events: readonly AlarmEventRecord[], fromMs: number, toMs: number): AlarmMarker[] {
  return events
    .filter((e) => e.kind === 'raised' && e.atMs >= fromMs && e.atMs <= toMs)
    .map((e) => ({ atMs: e.atMs, severity: e.severity, label: `${e.severity} ${e.subject}: ${e.message}` }));
}
