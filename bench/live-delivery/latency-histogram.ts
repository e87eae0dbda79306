/**
 * Delivery latencies counted in fixed 1 ms bins instead of kept one by one:
 * fifty clients at a 20-satellite fleet deliver tens of thousands of samples
 * a second, and the histogram has to cross a process boundary (the clients
 * run in their own process) as a few hundred numbers, not a million.
 * Latencies are whole milliseconds (epoch-ms clocks on both ends), so with
 * 1 ms bins the percentiles are exact, not interpolated.
 *
 * @example
 *   const h = new LatencyHistogram();
 *   for (const ms of [5, 7, 7, 40]) h.record(ms);
 *   h.percentile(50); // → 7
 *   h.percentile(99); // → 40
 */

/** Latencies above this are counted in the last bin, ms: a sample a minute late is a failure whatever its exact age. */
export const MAX_TRACKED_LATENCY_MS = 60_000;

/** Non-empty bins as [latencyMs, count] pairs: what crosses the process boundary. */
export type SparseHistogram = ReadonlyArray<readonly [latencyMs: number, count: number]>;

export class LatencyHistogram {
  readonly #counts = new Float64Array(MAX_TRACKED_LATENCY_MS + 1);
  #total = 0;
  #maxMs = Number.NEGATIVE_INFINITY;
  /** Latencies below zero (the receiver's clock behind the sender's); counted in the 0 ms bin. */
  #negative = 0;

  get count(): number {
    return this.#total;
  }

  get negative(): number {
    return this.#negative;
  }

  /** Largest latency recorded, ms (not capped); NaN when empty. */
  get maxMs(): number {
    return this.#total === 0 ? Number.NaN : this.#maxMs;
  }

  record(latencyMs: number, times = 1): void {
    if (!Number.isFinite(latencyMs)) throw new RangeError(`latencyMs must be finite, got ${latencyMs}`);
    if (latencyMs < 0) this.#negative += times;
    const bin = Math.min(MAX_TRACKED_LATENCY_MS, Math.max(0, Math.round(latencyMs)));
    this.#counts[bin]! += times;
    this.#total += times;
    if (latencyMs > this.#maxMs) this.#maxMs = latencyMs;
  }

  /**
   * Nearest-rank percentile: the smallest latency that at least `p` percent
   * of the recorded ones do not exceed, ms; NaN when empty.
   */
  percentile(p: number): number {
    if (!(p > 0 && p <= 100)) throw new RangeError(`p must be in (0, 100], got ${p}`);
    if (this.#total === 0) return Number.NaN;
    const rank = Math.ceil((p / 100) * this.#total);
    let seen = 0;
    for (let ms = 0; ms < this.#counts.length; ms++) {
      seen += this.#counts[ms]!;
      if (seen >= rank) return ms;
    }
    return MAX_TRACKED_LATENCY_MS;
  }

  /** Adds every latency of `other` to this histogram. */
  merge(other: LatencyHistogram): void {
    for (const [ms, count] of other.toSparse()) this.#counts[ms]! += count;
    this.#total += other.#total;
    this.#negative += other.#negative;
    if (other.#maxMs > this.#maxMs) this.#maxMs = other.#maxMs;
  }

  toSparse(): SparseHistogram {
    const out: Array<readonly [number, number]> = [];
    for (let ms = 0; ms < this.#counts.length; ms++) if (this.#counts[ms]! > 0) out.push([ms, this.#counts[ms]!]);
    return out;
  }

  /** What `toSparse` and the counters give, for sending to another process. */
  toJSON(): { readonly bins: SparseHistogram; readonly maxMs: number; readonly negative: number } {
    return { bins: this.toSparse(), maxMs: this.#maxMs, negative: this.#negative };
  }

  static fromJSON({ bins, maxMs, negative }: ReturnType<LatencyHistogram['toJSON']>): LatencyHistogram {
    const h = new LatencyHistogram();
    for (const [ms, count] of bins) {
      h.#counts[ms]! += count;
      h.#total += count;
    }
    h.#maxMs = bins.length === 0 ? Number.NEGATIVE_INFINITY : maxMs;
    h.#negative = negative;
    return h;
  }
}
