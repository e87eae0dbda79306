/** Number formats of the ops page. */

/** "12.3/s"-style rate without the unit; "—" before the second sample. */
export function formatRate(perSecond: number | null): string {
  if (perSecond === null) return '—';
  return perSecond >= 100 ? perSecond.toFixed(0) : perSecond.toFixed(1);
}

/** Seconds as "0.0 s", "12 s", "3 m 05 s". */
export function formatSeconds(seconds: number): string {
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} m ${String(whole % 60).padStart(2, '0')} s`;
}

/** A latency in ms with precision where it matters; "—" without observations. */
export function formatLatencyMs(seconds: number | null): string {
  if (seconds === null) return '—';
  const ms = seconds * 1000;
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}
