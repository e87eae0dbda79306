/**
 * Counts failed logins per key (a client address, a username) over a
 * sliding window and refuses further attempts once a key reaches the limit,
 * until its oldest failure leaves the window. Pure: the caller passes `nowMs`.
 *
 * Memory is bounded: at most `maxKeys` keys are tracked, each with at most
 * `maxFailures` timestamps; when full, the least recently failed key is
 * forgotten first (a Map keeps insertion order, and a failure re-inserts).
 *
 * @example
 *   const limiter = new LoginRateLimiter({ maxFailures: 5, windowMs: 300_000 });
 *   const keys = limiter.keysOf('10.0.0.7', 'alice');
 *   limiter.check(keys, now);          // { allowed: true }
 *   limiter.recordFailure(keys, now);  // five times …
 *   limiter.check(keys, now);          // { allowed: false, retryAfterMs: 300000 }
 */
export interface LoginRateLimiterOptions {
  /** Failures of one key within the window that lock it. */
  readonly maxFailures?: number;
  /** Length of the sliding window, ms. */
  readonly windowMs?: number;
  /** Most keys tracked at once. */
  readonly maxKeys?: number;
}

export type RateLimitDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

export class LoginRateLimiter {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly maxKeys: number;
  /** key → failure times, oldest first. */
  readonly #failures = new Map<string, number[]>();

  constructor({ maxFailures = 5, windowMs = 5 * 60_000, maxKeys = 10_000 }: LoginRateLimiterOptions = {}) {
    if (!Number.isInteger(maxFailures) || maxFailures < 1) throw new RangeError(`maxFailures must be a positive integer, got ${maxFailures}`);
    if (!(windowMs > 0)) throw new RangeError(`windowMs must be positive, got ${windowMs}`);
    if (!Number.isInteger(maxKeys) || maxKeys < 1) throw new RangeError(`maxKeys must be a positive integer, got ${maxKeys}`);
    this.maxFailures = maxFailures;
    this.windowMs = windowMs;
    this.maxKeys = maxKeys;
  }

  /** The keys one attempt counts against: its client address (when known) and the username it named. */
  keysOf(clientAddress: string | null, username: string): string[] {
    const keys = [`user:${username.trim().toLowerCase()}`];
    if (clientAddress) keys.unshift(`address:${clientAddress}`);
    return keys;
  }

  /** Refused when any key is locked; retryAfterMs is the longest wait among them. */
  check(keys: readonly string[], nowMs: number): RateLimitDecision {
    let retryAfterMs = 0;
    for (const key of keys) {
      const times = this.#recent(key, nowMs);
      if (times.length >= this.maxFailures) retryAfterMs = Math.max(retryAfterMs, times[times.length - this.maxFailures]! + this.windowMs - nowMs);
    }
    return retryAfterMs > 0 ? { allowed: false, retryAfterMs } : { allowed: true };
  }

  recordFailure(keys: readonly string[], nowMs: number): void {
    for (const key of keys) {
      const times = this.#recent(key, nowMs);
      times.push(nowMs);
      // Only the newest maxFailures matter for the decision.
      if (times.length > this.maxFailures) times.splice(0, times.length - this.maxFailures);
      this.#failures.delete(key);
      this.#failures.set(key, times);
    }
    while (this.#failures.size > this.maxKeys) this.#failures.delete(this.#failures.keys().next().value!);
  }

  /** A successful login clears the username's count; the address keeps its count, so one good account cannot launder guesses at others. */
  recordSuccess(username: string): void {
    this.#failures.delete(`user:${username.trim().toLowerCase()}`);
  }

  /** Keys currently tracked (for tests and metrics). */
  get size(): number {
    return this.#failures.size;
  }

  #recent(key: string, nowMs: number): number[] {
    const times = this.#failures.get(key);
    if (!times) return [];
    const fresh = times.filter((t) => t > nowMs - this.windowMs);
    if (fresh.length === 0) this.#failures.delete(key);
    else if (fresh.length !== times.length) this.#failures.set(key, fresh);
    return fresh;
  }
}
