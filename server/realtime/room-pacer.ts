/**
 * Paces frames per room with a token bucket: a room may send `burst` frames
 * at once and then one per `intervalMs`, so a sustained flood (a dump, a
 * link releasing what it held) reaches a browser at 1000 / intervalMs frames
 * a second, while packets that merely arrive close together — the four
 * thermal packets a satellite sends in the same instant — go out as they
 * come instead of waiting out an interval behind the first.
 *
 * Pure apart from the clock the caller passes in.
 *
 * @example
 *   const pacer = new RoomPacer({ intervalMs: 100, burst: 4 });
 *   pacer.take('103:thermal', 0); // true (three more right away, then one per 100 ms)
 */
export interface RoomPacerOptions {
  /** Time for one frame's allowance to come back, ms: the sustained rate is 1000 / intervalMs frames a second. */
  readonly intervalMs: number;
  /** Frames a room may send at once after being quiet. */
  readonly burst: number;
}

interface Bucket {
  tokens: number;
  atMs: number;
}

export class RoomPacer {
  readonly #intervalMs: number;
  readonly #burst: number;
  readonly #buckets = new Map<string, Bucket>();

  constructor({ intervalMs, burst }: RoomPacerOptions) {
    if (!(intervalMs > 0)) throw new RangeError('intervalMs must be positive');
    if (!Number.isInteger(burst) || burst < 1) throw new RangeError('burst must be a positive integer');
    this.#intervalMs = intervalMs;
    this.#burst = burst;
  }

  /** Whether `room` may send a frame at `nowMs` (monotonic ms); when it may, the frame is counted. */
  take(room: string, nowMs: number): boolean {
    const bucket = this.#buckets.get(room);
    if (!bucket) {
      this.#buckets.set(room, { tokens: this.#burst - 1, atMs: nowMs });
      return true;
    }
    const refilled = Math.min(this.#burst, bucket.tokens + Math.max(0, nowMs - bucket.atMs) / this.#intervalMs);
    bucket.atMs = nowMs;
    if (refilled < 1) {
      bucket.tokens = refilled;
      return false;
    }
    bucket.tokens = refilled - 1;
    return true;
  }
}
