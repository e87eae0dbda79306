/**
 * A bounded, time-ordered column of (time, value) samples for one parameter:
 * the newest `capacity` samples, in two Float64Arrays so appending at telemetry
 * rates allocates nothing. Storage is twice the capacity and compacted when the
 * end is reached, so the live window is always one contiguous slice (binary
 * search and in-order reads need no modulo arithmetic) at O(1) amortised cost.
 *
 * `null` (no value, e.g. a failed calibration) is stored as NaN and read back as null.
 *
 * @example
 *   const b = new SeriesBuffer(4);
 *   b.push(1000, 20.5); b.push(2000, null);
 *   [b.timeAt(1), b.valueAt(1)]; // [2000, null]
 */
export class SeriesBuffer {
  readonly capacity: number;
  #times: Float64Array;
  #values: Float64Array;
  #start = 0;
  #end = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    this.capacity = capacity;
    this.#times = new Float64Array(capacity * 2);
    this.#values = new Float64Array(capacity * 2);
  }

  get length(): number {
    return this.#end - this.#start;
  }

  timeAt(index: number): number {
    return this.#times[this.#start + index]!;
  }

  valueAt(index: number): number | null {
    const v = this.#values[this.#start + index]!;
    return Number.isNaN(v) ? null : v;
  }

  get firstTimeMs(): number | undefined {
    return this.length > 0 ? this.#times[this.#start] : undefined;
  }

  get lastTimeMs(): number | undefined {
    return this.length > 0 ? this.#times[this.#end - 1] : undefined;
  }

  /**
   * Adds a sample in time order. Reordered packets arrive a few samples late at
   * most, so the insertion scan from the end is short; a sample older than
   * everything a full buffer holds is dropped.
   */
  push(timeMs: number, value: number | null): void {
    const full = this.length === this.capacity;
    if (full && timeMs < this.#times[this.#start]!) return;
    if (full) this.#start++;
    if (this.#end === this.#times.length) this.#compact();
    const times = this.#times;
    let at = this.#end;
    while (at > this.#start && times[at - 1]! > timeMs) at--;
    if (at < this.#end) {
      times.copyWithin(at + 1, at, this.#end);
      this.#values.copyWithin(at + 1, at, this.#end);
    }
    times[at] = timeMs;
    this.#values[at] = value ?? Number.NaN;
    this.#end++;
  }

  /**
   * Puts history in front of what is held: only samples older than the oldest
   * one already present, so history that arrives after live data has started
   * (or arrives twice) never duplicates or reorders it. `timesMs` must ascend.
   */
  prependOlder(timesMs: readonly number[], values: readonly (number | null)[]): void {
    const first = this.firstTimeMs ?? Infinity;
    let count = 0;
    while (count < timesMs.length && timesMs[count]! < first) count++;
    const room = this.capacity - this.length;
    const skip = Math.max(0, count - room); // keep the newest of the older samples
    const added = count - skip;
    if (added === 0) return;
    const length = this.length;
    this.#times.copyWithin(added, this.#start, this.#end);
    this.#values.copyWithin(added, this.#start, this.#end);
    for (let i = 0; i < added; i++) {
      this.#times[i] = timesMs[skip + i]!;
      this.#values[i] = values[skip + i] ?? Number.NaN;
    }
    this.#start = 0;
    this.#end = added + length;
  }

  /**
   * Merges samples anywhere in time (a reconnect's backfill lands between what
   * was held before the outage and what arrived since): samples at a time
   * already held are skipped, so merging the same history twice changes
   * nothing. `timesMs` must ascend. When the result exceeds the capacity the
   * oldest samples go, as with push.
   */
  merge(timesMs: readonly number[], values: readonly (number | null)[]): void {
    if (timesMs.length === 0) return;
    if (this.length === 0 || timesMs[timesMs.length - 1]! < this.firstTimeMs!) {
      this.prependOlder(timesMs, values);
      return;
    }
    const n = this.length;
    const mergedTimes: number[] = [];
    const mergedValues: number[] = [];
    let i = 0;
    let j = 0;
    while (i < n || j < timesMs.length) {
      const held = i < n ? this.timeAt(i) : Infinity;
      const incoming = j < timesMs.length ? timesMs[j]! : Infinity;
      if (held <= incoming) {
        mergedTimes.push(held);
        mergedValues.push(this.#values[this.#start + i]!);
        i++;
        if (held === incoming) j++;
      } else {
        mergedTimes.push(incoming);
        mergedValues.push(values[j] ?? Number.NaN);
        j++;
      }
    }
    const keep = Math.min(this.capacity, mergedTimes.length);
    const from = mergedTimes.length - keep;
    for (let k = 0; k < keep; k++) {
      this.#times[k] = mergedTimes[from + k]!;
      this.#values[k] = mergedValues[from + k]!;
    }
    this.#start = 0;
    this.#end = keep;
  }

  /** Index of the first sample at or after `timeMs` (length when none). */
  lowerBound(timeMs: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timeAt(mid) < timeMs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the first sample after `timeMs` (length when none). */
  upperBound(timeMs: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timeAt(mid) <= timeMs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  #compact(): void {
    this.#times.copyWithin(0, this.#start, this.#end);
    this.#values.copyWithin(0, this.#start, this.#end);
    this.#end -= this.#start;
    this.#start = 0;
  }
}
