/**
 * How the passes page writes times, durations and data volumes, and the
 * console URL that opens a pass (FIXED mode over AOS..LOS). Pure.
 *
 * @example
 *   passConsoleHref({ satelliteId: 101, aosMs: 0, losMs: 600_000 }); // '/satellites/101?from=1970-01-01T00:00:00.000Z&to=1970-01-01T00:10:00.000Z'
 *   formatDuration(512_000); // '8:32'
 *   formatBytes(2_048_000);  // '2.0 MB'
 */

export function passConsoleHref({ satelliteId, aosMs, losMs }: { satelliteId: number; aosMs: number; losMs: number }): string {
  const query = new URLSearchParams({ from: new Date(aosMs).toISOString(), to: new Date(losMs).toISOString() });
  return `/satellites/${satelliteId}?${query}`;
}


export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
