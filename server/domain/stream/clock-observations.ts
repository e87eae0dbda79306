/**
 * The last N clock offsets (arrival − onboard, ms) observed for one
 * satellite, in a fixed ring: recording never allocates, and the oldest
 * observation gives way to the newest.
 *
 * @example
 *   const clock = new ClockObservations(64);
 *   clock.record(120);
 *   clock.size; // 1
 */
export class ClockObservations {
  readonly capacity: number;
  readonly #offsets: Float64Array;
  #next = 0;
  #size = 0;

  constructor(capacity: number) {
    if (!(Number.isInteger(capacity) && capacity >= 1)) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.capacity = capacity;
    this.#offsets = new Float64Array(capacity);
  }

  get size(): number {
    return this.#size;
  }

  record(offsetMs: number): void {
    this.#offsets[this.#next] = offsetMs;
    this.#next = (this.#next + 1) % this.capacity;
    if (this.#size < this.capacity) this.#size++;
  }

  /** Copies the observations (in no particular order) into `target` from `at`; returns the index after the last. */
  copyInto(target: Float64Array, at: number): number {
    target.set(this.#offsets.subarray(0, this.#size), at);
    return at + this.#size;
  }
}
