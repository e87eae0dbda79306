/**
 * Which stored tier answers a history request, so that a series stays at a
 * few thousand points per parameter: raw samples (10 Hz at most) for windows
 * up to 15 minutes, 1-second aggregates up to 3 hours, 1-minute aggregates
 * beyond. Aggregates carry min and max, so a spike never disappears.
 *
 * @example
 *   chooseSeriesTier(0, 15 * 60_000); // 'raw'
 *   chooseSeriesTier(0, 15 * 60_000 + 1); // '1s'
 *   chooseSeriesTier(0, 86_400_000); // '1m'
 */
export type SeriesTier = 'raw' | '1s' | '1m';

/** Longest window served from raw samples, in milliseconds (9,000 points at 10 Hz). */
export const RAW_WINDOW_MAX_MS = 15 * 60_000;
/** Longest window served from 1-second aggregates, in milliseconds (10,800 buckets). */
export const SECOND_WINDOW_MAX_MS = 3 * 3_600_000;

export function chooseSeriesTier(fromMs: number, toMs: number): SeriesTier {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || fromMs > toMs) {
    throw new RangeError(`series window must satisfy fromMs ≤ toMs with finite times, got [${fromMs}, ${toMs}]`);
  }
  const spanMs = toMs - fromMs;
  if (spanMs <= RAW_WINDOW_MAX_MS) return 'raw';
  return spanMs <= SECOND_WINDOW_MAX_MS ? '1s' : '1m';
}

/**
 * Parameters the 1-second tier stores: those sampled faster than 1 Hz. For a
 * parameter sampled at 1 Hz or slower a 1-second bucket would hold one
 * sample — a copy of the raw row that doubles the archive's writes — so the
 * 1-second tier of such a parameter is read from the raw samples instead.
 *
 * @example
 *   secondTierParameterIds(mdb).has(2);    // true: attitude.q0 is sampled at 10 Hz
 *   secondTierParameterIds(mdb).has(1000); // false: thermal nodes are sampled at 1 Hz
 */
export function secondTierParameterIds(mdb: { readonly layouts: ReadonlyArray<{ readonly rateHz: number; readonly parameters: ReadonlyArray<{ readonly id: number }> }> }): ReadonlySet<number> {
  const ids = new Set<number>();
  for (const layout of mdb.layouts) if (layout.rateHz > 1) for (const p of layout.parameters) ids.add(p.id);
  return ids;
}
