/** UTC clock time of an epoch-ms instant, as the console shows times: 12:04:05Z, with the date when it is not today's. */
export function formatUtc(ms: number | null, nowMs: number = Date.now()): string {
  if (ms === null) return '—';
  const iso = new Date(ms).toISOString();
  const sameDay = iso.slice(0, 10) === new Date(nowMs).toISOString().slice(0, 10);
  return sameDay ? `${iso.slice(11, 19)}Z` : `${iso.slice(0, 10)} ${iso.slice(11, 19)}Z`;
}
