/**
 * Bounded memory of recently seen keys, for dropping retransmitted packets.
 *
 * A ground station retransmits a packet after a missed acknowledgement, so the
 * same bytes arrive twice within a few seconds. Remembering every key forever
 * would grow without bound, so the window forgets in two ways: keys whose time
 * is more than `windowMs` behind the newest time seen, and — whatever their
 * time — the oldest keys once `maxEntries` are held. Keys sit in a ring in
 * insertion order, so each call does O(1) amortised work and allocates
 * nothing but the map entry.
 *
 * @example
 *   const window = new DedupeWindow({ windowMs: 60_000, maxEntries: 100_000 });
 *   const key = packetDedupeKey(101, 256, 7, 1_795_608_000_100.006);
 *   window.isDuplicate(key, 1_000); // false, and remembered
 *   window.isDuplicate(key, 2_500); // true
 *   window.isDuplicate(key, 90_000); // false: 88.5 s later the first copy was forgotten
 */

export interface DedupeWindowOptions {
  /** How long a key is remembered, in ms of the times passed to isDuplicate, measured back from the newest. */
  readonly windowMs: number;
  /** Most keys held at once; the oldest is forgotten first. */
  readonly maxEntries: number;
}

export type DedupeKey = string | number;

/**
 * The identity of a packet as the architecture defines it: satellite, APID,
 * sequence count and onboard time exactly as received (a retransmit is
 * byte-identical; a drifted copy with the same count is not a retransmit).
 */
export function packetDedupeKey(satelliteId: number, apid: number, sequenceCount: number, onboardTimeMs: number): string {
  return `${satelliteId}:${apid}:${sequenceCount}:${onboardTimeMs}`;
}

export class DedupeWindow {
  readonly windowMs: number;
  readonly maxEntries: number;
  /** key → absolute insertion number of its newest ring slot. */
  readonly #slots = new Map<DedupeKey, number>();
  readonly #keys: Array<DedupeKey | undefined>;
  readonly #times: Float64Array;
  /** Absolute insertion numbers; the ring holds [#head, #tail). */
  #head = 0;
  #tail = 0;
  #newestMs = -Infinity;
  #evicted = 0;

  constructor({ windowMs, maxEntries }: DedupeWindowOptions) {
    if (!(Number.isFinite(windowMs) && windowMs > 0)) throw new RangeError(`windowMs must be a positive number, got ${windowMs}`);
    if (!(Number.isInteger(maxEntries) && maxEntries >= 1)) throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
    this.windowMs = windowMs;
    this.maxEntries = maxEntries;
    this.#keys = new Array<DedupeKey | undefined>(maxEntries);
    this.#times = new Float64Array(maxEntries);
  }

  /** Keys currently remembered. */
  get size(): number {
    return this.#slots.size;
  }

  /** Keys forgotten so far, by age or by the entry bound. */
  get evicted(): number {
    return this.#evicted;
  }

  /**
   * Whether `key` was seen within the window; either way the key is
   * remembered (a duplicate keeps its first time, so a stream of copies
   * cannot keep a key alive forever).
   */
  isDuplicate(key: DedupeKey, eventTimeMs: number): boolean {
    if (eventTimeMs > this.#newestMs) this.#newestMs = eventTimeMs;
    const cutoffMs = this.#newestMs - this.windowMs;
    this.#evictOlderThan(cutoffMs);
    const slot = this.#slots.get(key);
    // Times need not arrive in order, so an expired key can still sit behind a newer head; the time check covers it.
    if (slot !== undefined) {
      if (this.#times[slot % this.maxEntries]! >= cutoffMs) return true;
      this.#evicted++; // expired but not yet reached by the head: forgotten now, its old slot is released later
    }
    if (this.#tail - this.#head === this.maxEntries) this.#evictHead();
    const index = this.#tail++;
    this.#keys[index % this.maxEntries] = key;
    this.#times[index % this.maxEntries] = eventTimeMs;
    this.#slots.set(key, index);
    return false;
  }

  #evictOlderThan(cutoffMs: number): void {
    while (this.#head < this.#tail && this.#times[this.#head % this.maxEntries]! < cutoffMs) this.#evictHead();
  }

  #evictHead(): void {
    const ring = this.#head % this.maxEntries;
    const key = this.#keys[ring]!;
    // A key re-recorded after it expired owns a newer slot; only the slot the map points at may delete it.
    if (this.#slots.get(key) === this.#head) {
      this.#slots.delete(key);
      this.#evicted++;
    }
    this.#keys[ring] = undefined;
    this.#head++;
  }
}
