/**
 * How the console writes an instant: always in UTC (controllers work in
 * UTC), to the second or the millisecond, with the date or — where recent
 * events are listed — only when it is not today's.
 *
 * @example
 *   formatUtc(Date.UTC(2026, 10, 25, 12, 0, 5, 250));                                  // '2026-11-25 12:00:05Z'
 *   formatUtc(Date.UTC(2026, 10, 25, 12, 0, 5, 250), { millis: true, zone: ' UTC' });  // '2026-11-25 12:00:05.250 UTC'
 *   formatRecentUtc(Date.UTC(2026, 10, 25, 12, 0, 5), Date.UTC(2026, 10, 25, 18));    // '12:00:05Z'
 */

export interface UtcFormat {
  /** 'always', or only when the instant is not on the day of `nowMs`. */
  readonly date?: 'always' | 'unless-today';
  readonly millis?: boolean;
  readonly zone?: 'Z' | ' UTC';
  readonly nowMs?: number;
}

export function formatUtc(ms: number, { date = 'always', millis = false, zone = 'Z', nowMs = Date.now() }: UtcFormat = {}): string {
  const iso = new Date(ms).toISOString(); // 2026-11-25T12:00:05.250Z
  const day = iso.slice(0, 10);
  const time = iso.slice(11, millis ? 23 : 19);
  const withDate = date === 'always' || day !== new Date(nowMs).toISOString().slice(0, 10);
  return `${withDate ? `${day} ` : ''}${time}${zone}`;
}

/** An event time in a list of recent ones: the clock time, with the date when it is not today's; '—' for none. */
export function formatRecentUtc(ms: number | null, nowMs: number = Date.now()): string {
  return ms === null ? '—' : formatUtc(ms, { date: 'unless-today', nowMs });
}
