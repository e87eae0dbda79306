/**
 * The accumulators of one aggregation window, as columns: min, max, sum,
 * count, last value and its time for each parameter slot, in one
 * Float64Array. A 1 s window of a satellite holds ~230 parameters; as objects
 * that is ~230 allocations per satellite-second (one per sample for 1 Hz
 * packets), all surviving long enough to be promoted, which made garbage
 * collection the aggregator's main cost. As columns it is one allocation per
 * window. Slots are dense indexes the owner assigns to parameter ids.
 *
 * @example
 *   const columns = new WindowColumns(4);
 *   columns.add(2, 28.4, 1000);
 *   columns.count(2); // 1
 */
const STRIDE = 6;
const MIN = 0;
const MAX = 1;
const SUM = 2;
const COUNT = 3;
const LAST = 4;
const LAST_TIME = 5;

export class WindowColumns {
  #cells: Float64Array;
  /** Slots updated since the window was emitted, when it is closed. */
  lateSlots: number[] | undefined;

  constructor(slots: number) {
    this.#cells = new Float64Array(Math.max(1, slots) * STRIDE);
  }

  /** Slots this window has room for; a slot with count 0 has no samples. */
  get slots(): number {
    return this.#cells.length / STRIDE;
  }

  add(slot: number, value: number, timeMs: number): void {
    // Doubling: windows opened before all parameters were seen grow a slot at a time otherwise, copying each time.
    if (slot >= this.slots) this.#grow(Math.max(slot + 1, this.slots * 2));
    const c = this.#cells;
    const at = slot * STRIDE;
    if (c[at + COUNT] === 0) {
      c[at + MIN] = value;
      c[at + MAX] = value;
      c[at + SUM] = value;
      c[at + COUNT] = 1;
      c[at + LAST] = value;
      c[at + LAST_TIME] = timeMs;
      return;
    }
    if (value < c[at + MIN]!) c[at + MIN] = value;
    if (value > c[at + MAX]!) c[at + MAX] = value;
    c[at + SUM]! += value;
    c[at + COUNT]!++;
    // The later sample in event time is "last"; on a tie, the later one in input order.
    if (timeMs >= c[at + LAST_TIME]!) {
      c[at + LAST] = value;
      c[at + LAST_TIME] = timeMs;
    }
  }

  /** Notes that `slot` changed after the window closed (once per slot). */
  markLate(slot: number): void {
    if (!this.lateSlots) this.lateSlots = [slot];
    else if (!this.lateSlots.includes(slot)) this.lateSlots.push(slot);
  }

  count(slot: number): number {
    return slot < this.slots ? this.#cells[slot * STRIDE + COUNT]! : 0;
  }

  min(slot: number): number {
    return this.#cells[slot * STRIDE + MIN]!;
  }

  max(slot: number): number {
    return this.#cells[slot * STRIDE + MAX]!;
  }

  sum(slot: number): number {
    return this.#cells[slot * STRIDE + SUM]!;
  }

  last(slot: number): number {
    return this.#cells[slot * STRIDE + LAST]!;
  }

  lastTimeMs(slot: number): number {
    return this.#cells[slot * STRIDE + LAST_TIME]!;
  }

  #grow(slots: number): void {
    const cells = new Float64Array(slots * STRIDE);
    cells.set(this.#cells);
    this.#cells = cells;
  }
}
