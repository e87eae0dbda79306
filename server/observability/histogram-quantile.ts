/**
 * Quantiles estimated from a cumulative histogram, the way Prometheus's
 * histogram_quantile() does: find the bucket holding the q-th observation and
 * interpolate linearly inside it, assuming observations spread evenly across
 * the bucket. The first bucket's lower bound is 0 (latencies are never
 * negative); a quantile landing in the +Inf bucket reports the highest finite
 * bound, since nothing is known above it.
 * @see https://github.com/prometheus/prometheus/blob/main/promql/quantile.go (bucketQuantile)
 *
 * @example
 *   estimateQuantile([{ le: 0.1, count: 50 }, { le: 0.2, count: 100 }, { le: Infinity, count: 100 }], 0.75); // 0.15
 */
export interface CumulativeBucket {
  /** Upper bound of the bucket, inclusive; Infinity for the last. */
  readonly le: number;
  /** Observations ≤ le. */
  readonly count: number;
}

/** The q-quantile (0 ≤ q ≤ 1) of the observations, or null when there are none. Buckets sorted by le. */
export function estimateQuantile(buckets: readonly CumulativeBucket[], q: number): number | null {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be within [0, 1], got ${q}`);
  const total = buckets[buckets.length - 1]?.count ?? 0;
  if (total <= 0) return null;
  const rank = q * total;
  let lowerBound = 0;
  let countBelow = 0;
  for (const { le, count } of buckets) {
    if (count >= rank && count > countBelow) {
      if (le === Infinity) return lowerBound;
      return lowerBound + ((le - lowerBound) * (rank - countBelow)) / (count - countBelow);
    }
    if (le !== Infinity) lowerBound = le;
    countBelow = count;
  }
  return lowerBound;
}
