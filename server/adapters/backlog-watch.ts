/**
 * Whether a subscription is working off a backlog: a partition it read was
 * more than BACKLOG_MESSAGES short of its end within the last
 * BACKLOG_QUIET_MS. Both buses mark each batch they hand over with it
 * (ConsumedBatch.backlog), so a consumer can tell a steady trickle, worth
 * gathering into fewer database transactions, from a backlog, where every
 * wait slows the catching up — including a wait on a partition that is
 * itself at its end while others are behind (a Kafka consumer fetches again
 * only once every batch of its last fetch was handled).
 *
 * @example
 *   const watch = new BacklogWatch();
 *   watch.saw(41n, 5000n); // offset 41 read, the partition ends at 5000
 *   watch.active(); // → true for the next second
 */

/** Messages short of a partition's end that count as a backlog rather than what arrived while the last batch was handled. */
export const BACKLOG_MESSAGES = 500;

/** How long a backlog seen on one partition marks the subscription, ms. */
export const BACKLOG_QUIET_MS = 1_000;

export class BacklogWatch {
  readonly #now: () => number;
  #lastSeenMs = Number.NEGATIVE_INFINITY;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Records a read up to `lastOffset` of a partition whose next offset to be written is `end`. */
  saw(lastOffset: bigint, end: bigint): void {
    if (end - lastOffset - 1n > BigInt(BACKLOG_MESSAGES)) this.#lastSeenMs = this.#now();
  }

  active(): boolean {
    return this.#now() - this.#lastSeenMs < BACKLOG_QUIET_MS;
  }
}
