/**
 * Which stored tier answers a history request, so that a series stays at a
 * few thousand points per parameter: raw samples (10 Hz at most) for windows
 * up to 15 minutes, 1-second aggregates beyond.
 *
 * @example
 *   chooseSeriesTier(0, 15 * 60_000); // 'raw'
 *   chooseSeriesTier(0, 15 * 60_000 + 1); // '1s'
 */
export type SeriesTier = 'raw' | '1s';

/** Longest window served from raw samples, in milliseconds (9,000 points at 10 Hz). */
export const RAW_WINDOW_MAX_MS = 15 * 60_000;

export function chooseSeriesTier(fromMs: number, toMs: number): SeriesTier {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || fromMs > toMs) {
    throw new RangeError(`series window must satisfy fromMs ≤ toMs with finite times, got [${fromMs}, ${toMs}]`);
  }
  return toMs - fromMs <= RAW_WINDOW_MAX_MS ? 'raw' : '1s';
}
