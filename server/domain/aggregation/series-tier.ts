/**
 * The stored tiers a history request can be answered from, and which
 * parameters each tier holds. Which tier answers a given request is decided
 * by planSeries (series-plan.ts).
 *
 *   raw — the samples table, one row per sample (10 Hz at most);
 *   1s  — agg_1s, 1-second buckets of the parameters sampled faster than 1 Hz
 *         (the others' 1-second tier is computed from their raw samples);
 *   1m  — agg_1m, 1-minute buckets of every parameter.
 */
export type SeriesTier = 'raw' | '1s' | '1m';

/** Bucket width of each aggregate tier, ms. */
export const TIER_BUCKET_MS = { '1s': 1000, '1m': 60_000 } as const satisfies Record<Exclude<SeriesTier, 'raw'>, number>;

interface RatedLayouts {
  readonly layouts: ReadonlyArray<{ readonly rateHz: number; readonly parameters: ReadonlyArray<{ readonly id: number }> }>;
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
export function secondTierParameterIds(mdb: RatedLayouts): ReadonlySet<number> {
  const ids = new Set<number>();
  for (const layout of mdb.layouts) if (layout.rateHz > 1) for (const p of layout.parameters) ids.add(p.id);
  return ids;
}

/**
 * Sampling rate of every parameter, Hz: the fastest packet that carries it
 * (a parameter in two packet versions keeps the faster rate, the one that
 * bounds its point count).
 *
 * @example
 *   parameterSampleRatesHz(mdb).get(2);    // 10: attitude.q0
 *   parameterSampleRatesHz(mdb).get(1000); // 1: a thermal node
 */
export function parameterSampleRatesHz(mdb: RatedLayouts): ReadonlyMap<number, number> {
  const rates = new Map<number, number>();
  for (const layout of mdb.layouts) {
    for (const p of layout.parameters) rates.set(p.id, Math.max(rates.get(p.id) ?? 0, layout.rateHz));
  }
  return rates;
}
