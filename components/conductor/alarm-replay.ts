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
  /** Raises the marker stands for: those closer together than a marker's width are one marker. */
  readonly count: number;
}

/** Markers closer than this share of the window are drawn as one (the first, worst severity). */
const MARKER_WIDTH_SHARE = 1 / 200;

/** One marker per raise inside [from, to]; raises too close to tell apart on the bar share one. */
export function alarmMarkers(events: readonly AlarmEventRecord[], fromMs: number, toMs: number): AlarmMarker[] {
  const minGapMs = (toMs - fromMs) * MARKER_WIDTH_SHARE;
  const markers: AlarmMarker[] = [];
  for (const e of events) {
    if (e.kind !== 'raised' || e.atMs < fromMs || e.atMs > toMs) continue;
    const last = markers[markers.length - 1];
    const label = `${e.severity} ${e.subject}: ${e.message}`;
    if (last && e.atMs - last.atMs < minGapMs) {
      markers[markers.length - 1] = {
        atMs: last.atMs,
        severity: last.severity === 'critical' || e.severity === 'critical' ? 'critical' : 'warning',
        label: last.count === 1 ? `${last.label} (+1 more)` : last.label.replace(/\(\+\d+ more\)$/, `(+${last.count} more)`),
        count: last.count + 1,
      };
    } else markers.push({ atMs: e.atMs, severity: e.severity, label, count: 1 });
  }
  return markers;
}
