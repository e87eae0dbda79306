/**
 * Group commit: work handed in by several concurrent callers is stored in
 * shared transactions. While `concurrency` transactions are running, what
 * arrives waits; the next free slot takes everything waiting (up to
 * `maxWeight`) in one transaction. Callers handed in at the same turn of the
 * event loop start together.
 *
 * The archiver stores the batches of several partitions this way: on Kafka
 * each fetch brings a few messages per partition, and a transaction per batch
 * spent most of its time on per-transaction work (offset locks, commit, gold
 * merges of the same buckets again).
 *
 * When a shared transaction fails, each of its items is tried again alone,
 * so one item the store refuses fails only its own caller.
 *
 * With `lingerMs`, a transaction that would not be full waits until its
 * oldest item has waited that long, so a steady trickle (a fleet streaming
 * live) goes in a few larger transactions instead of one per fetch: each
 * transaction costs the database a dozen statements and a commit whatever it
 * holds. An item marked `urgent` (a backlog being worked off) starts one at
 * once, as does a full one.
 *
 * @example
 *   const commits = new GroupCommit((batches) => store.archiveBatches(batches), {
 *     concurrency: 2, maxWeight: 50_000, weight: (b) => b.samples,
 *     committed: (batches, result) => count(batches, result), // once per transaction
 *   });
 *   await commits.submit(batch); // resolves once the transaction holding it committed
 */
export interface GroupCommitOptions<T, G> {
  /** Transactions running at once. */
  readonly concurrency: number;
  /** Most total weight in one transaction; an item heavier than this goes alone. */
  readonly maxWeight: number;
  readonly weight: (item: T) => number;
  /** Longest a transaction that is not full waits for more items, ms (0, the default: it starts at once). */
  readonly lingerMs?: number;
  /** Items that must not wait for company; none when absent. */
  readonly urgent?: (item: T) => boolean;
  /** Called once per committed transaction, before its callers resume. */
  readonly committed?: (items: readonly T[], result: G) => void;
}

interface Waiting<T, G> {
  readonly item: T;
  /** When it was handed in, ms (wall clock). */
  readonly since: number;
  readonly resolve: (result: G) => void;
  readonly reject: (error: unknown) => void;
}

export interface GroupCommitStats {
  /** Transactions that committed. */
  readonly commits: number;
  /** Items stored by them. */
  readonly items: number;
  /** Shared transactions that failed and were tried again item by item. */
  readonly splits: number;
}

export class GroupCommit<T, G> {
  readonly #run: (items: readonly T[]) => Promise<G>;
  readonly #options: GroupCommitOptions<T, G>;
  readonly #waiting: Waiting<T, G>[] = [];
  #running = 0;
  #scheduled = false;
  /** Pending start of a lingering transaction. */
  #lingerTimer: NodeJS.Timeout | undefined;
  #stats = { commits: 0, items: 0, splits: 0 };

  /** `run` stores the items in one transaction. */
  constructor(run: (items: readonly T[]) => Promise<G>, options: GroupCommitOptions<T, G>) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${options.concurrency}`);
    if (!(options.maxWeight > 0)) throw new RangeError(`maxWeight must be positive, got ${options.maxWeight}`);
    if (options.lingerMs !== undefined && !(options.lingerMs >= 0 && Number.isFinite(options.lingerMs))) throw new RangeError(`lingerMs must be a finite number ≥ 0, got ${options.lingerMs}`);
    this.#run = run;
    this.#options = options;
  }

  get stats(): GroupCommitStats {
    return { ...this.#stats };
  }

  /** Resolves with the result of the transaction that stored the item, once it committed. */
  submit(item: T): Promise<G> {
    return new Promise<G>((resolve, reject) => {
      this.#waiting.push({ item, since: Date.now(), resolve, reject });
      // Items handed in during this turn join the same transaction.
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => {
          this.#scheduled = false;
          this.#pump();
        });
      }
    });
  }

  #pump(): void {
    while (this.#running < this.#options.concurrency && this.#waiting.length > 0) {
      const wait = this.#lingerLeft();
      if (wait > 0) {
        this.#lingerTimer ??= setTimeout(() => {
          this.#lingerTimer = undefined;
          this.#pump();
        }, wait);
        return;
      }
      const group = this.#take();
      this.#running++;
      void this.#store(group).finally(() => {
        this.#running--;
        this.#pump();
      });
    }
  }

  /** How much longer the next transaction should wait for company, ms (0: start it now). */
  #lingerLeft(): number {
    const { lingerMs = 0, urgent, maxWeight, weight } = this.#options;
    if (lingerMs <= 0) return 0;
    let total = 0;
    for (const w of this.#waiting) {
      if (urgent?.(w.item)) return 0;
      total += weight(w.item);
      if (total >= maxWeight) return 0;
    }
    return Math.max(0, this.#waiting[0]!.since + lingerMs - Date.now());
  }

  /** The longest run of waiting items, oldest first, within maxWeight (at least one). */
  #take(): Waiting<T, G>[] {
    let weight = 0;
    let n = 0;
    for (const w of this.#waiting) {
      const next = this.#options.weight(w.item);
      if (n > 0 && weight + next > this.#options.maxWeight) break;
      weight += next;
      n++;
    }
    return this.#waiting.splice(0, n);
  }

  async #store(group: Waiting<T, G>[]): Promise<void> {
    const stored = await this.#attempt(group);
    if (stored || group.length === 1) return;
    this.#stats.splits++;
    for (const w of group) await this.#attempt([w]);
  }

  /** One transaction; a lone item's failure goes to its caller, a shared one's is left for the retry alone. */
  async #attempt(group: Waiting<T, G>[]): Promise<boolean> {
    let result: G;
    try {
      result = await this.#run(group.map((w) => w.item));
    } catch (error) {
      if (group.length === 1) group[0]!.reject(error);
      return false;
    }
    this.#settle(group, result);
    return true;
  }

  #settle(group: Waiting<T, G>[], result: G): void {
    this.#stats.commits++;
    this.#stats.items += group.length;
    try {
      this.#options.committed?.(group.map((w) => w.item), result);
    } finally {
      for (const w of group) w.resolve(result);
    }
  }
}
