/**
 * An in-process partitioned log with the Bus interface: per-topic partitions,
 * monotonically increasing offsets, per-group committed offsets and
 * at-least-once delivery. It backs the zero-setup run (`perigee start`
 * without KAFKA_BROKERS) and unit tests, the way socket.io ships its
 * in-memory adapter beside the cluster one.
 *
 * One subscriber per group consumes all partitions (there is one process).
 * Retention mirrors Kafka's size-based retention: each partition keeps at
 * most `retainedMessagesPerPartition` messages, dropping the oldest. Below
 * that, messages every current group has consumed are kept only as a tail of
 * `keptConsumedMessagesPerPartition` (what a group joining later from the
 * beginning gets): the log holds what is unread plus the tail, not hours of
 * telemetry, and the process's heap — whose size sets how long a full
 * garbage collection stops everything, live frames included — stays small.
 * A topic of bulk data (a pass dump) can be bounded: a send to it resolves
 * only once every current group has at most `unreadBound.messagesPerPartition`
 * messages left to read in each partition the send wrote. The sender waits
 * instead of the log growing (the gateway then pauses the connection that
 * feeds it), so a dump flows at the pace of its slowest reader and stays out
 * of the heap. The messages are in the log from the moment of the send: a
 * wait delays, never loses, and a group that leaves releases it.
 * As the log dies with the process, a subscription's stop() first delivers
 * what is left (bounded by `drainTimeoutMs`), so a clean shutdown loses
 * nothing.
 *
 * Offsets start at the log's creation time in microseconds rather than 0:
 * the archive records the last offset it stored per partition and skips
 * anything at or below it, so a new process's log must never reuse the
 * offsets an earlier process's log handed out.
 *
 * @example
 *   const bus = new MemoryBus();
 *   const producer = await bus.producer();
 *   await producer.send(TOPICS.rawPower, [{ key: '101', value: packet }]);
 */
import type { Bus, BusMessage, BusProducer, ConsumedBatch, ConsumedMessage, SubscribeOptions, Subscription } from '../../ports/bus';
import { assertTopic, type Topic } from '../../topics';
import type { Logger } from '../../log';
import { BacklogWatch } from '../backlog-watch';

interface Partition {
  /** Offset of messages[0]. */
  baseOffset: number;
  messages: ConsumedMessage[];
}

export interface MemoryBusOptions {
  partitionsPerTopic?: number;
  retainedMessagesPerPartition?: number;
  /** Messages every current group has consumed that a partition still keeps, newest first. */
  keptConsumedMessagesPerPartition?: number;
  /** Most messages handed to one eachBatch call, unless the subscriber asks for another limit. */
  maxBatchMessages?: number;
  /** Topics whose sends wait while any current group has more than `messagesPerPartition` unread in a partition written. */
  unreadBound?: { readonly topics: readonly Topic[]; readonly messagesPerPartition: number };
  /** Wait before redelivering a batch whose handler failed, ms. */
  retryDelayMs?: number;
  /** Longest stop() keeps delivering a group's backlog, ms. */
  drainTimeoutMs?: number;
  now?: () => number;
  log?: Logger;
}

export class MemoryBus implements Bus {
  readonly description = 'in-process bus';
  readonly #partitionsPerTopic: number;
  readonly #retained: number;
  readonly #keptConsumed: number;
  readonly #maxBatch: number;
  readonly #retryDelayMs: number;
  readonly #drainTimeoutMs: number;
  readonly #now: () => number;
  readonly #log: Logger | undefined;
  /** First offset of every partition of this log. */
  readonly #firstOffset: number;
  readonly #topics = new Map<Topic, Partition[]>();
  readonly #groups = new Set<string>();
  readonly #subscriptions = new Set<MemorySubscription>();
  readonly #bounded: ReadonlySet<Topic>;
  readonly #unreadBound: number;
  /** Sends to bounded topics waiting for their readers. */
  readonly #waiting = new Set<{ readonly topic: Topic; readonly partitions: ReadonlySet<number>; readonly release: () => void }>();
  #roundRobin = 0;
  #closed = false;

  constructor({
    partitionsPerTopic = 4,
    retainedMessagesPerPartition = 200_000,
    keptConsumedMessagesPerPartition = 10_000,
    maxBatchMessages = 500,
    unreadBound,
    retryDelayMs = 500,
    drainTimeoutMs = 10_000,
    now = Date.now,
    log,
  }: MemoryBusOptions = {}) {
    if (!Number.isInteger(partitionsPerTopic) || partitionsPerTopic < 1) throw new RangeError('partitionsPerTopic must be a positive integer');
    this.#partitionsPerTopic = partitionsPerTopic;
    this.#retained = retainedMessagesPerPartition;
    if (!(keptConsumedMessagesPerPartition >= 0)) throw new RangeError('keptConsumedMessagesPerPartition must be zero or more');
    this.#keptConsumed = keptConsumedMessagesPerPartition;
    this.#maxBatch = maxBatchMessages;
    if (unreadBound !== undefined && !(Number.isInteger(unreadBound.messagesPerPartition) && unreadBound.messagesPerPartition >= 1)) {
      throw new RangeError('unreadBound.messagesPerPartition must be a positive integer');
    }
    this.#bounded = new Set(unreadBound?.topics ?? []);
    this.#unreadBound = unreadBound?.messagesPerPartition ?? Infinity;
    this.#retryDelayMs = retryDelayMs;
    this.#drainTimeoutMs = drainTimeoutMs;
    this.#now = now;
    this.#log = log;
    this.#firstOffset = Math.floor(now() * 1000);
  }

  async ping(): Promise<void> {
    if (this.#closed) throw new RangeError('bus is closed');
  }

  async producer(): Promise<BusProducer> {
    return {
      send: async (topic, messages) => {
        const t = assertTopic(topic);
        const written = this.#append(t, messages);
        if (this.#bounded.has(t)) await this.#readersCatchUp(t, written);
      },
    };
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    if (this.#closed) throw new RangeError('bus is closed');
    if (!options.groupId) throw new RangeError('groupId must be a non-empty string');
    if (this.#groups.has(options.groupId)) throw new RangeError(`group "${options.groupId}" already has a member in this process`);
    this.#groups.add(options.groupId);
    const positions = new Map<string, number>();
    try {
      for (const topic of options.topics) {
        for (const [i, p] of this.#partitions(assertTopic(topic)).entries()) {
          const end = endOf(p);
          const after = await options.resumeAfter?.(topic, i);
          let start = options.fromBeginning ? p.baseOffset : end;
          // A recorded offset below this log's base is clamped up to it when read; one beyond
          // its end belongs to a log that no longer exists, so this log is read from its start.
          if (after != null) start = Number(after) + 1 > end ? p.baseOffset : Number(after) + 1;
          positions.set(partitionKey(topic, i), start);
        }
      }
    } catch (error) {
      this.#groups.delete(options.groupId);
      throw error;
    }
    const subscription = new MemorySubscription(this, options, positions, () => {
      this.#groups.delete(options.groupId);
      this.#subscriptions.delete(subscription);
      this.#releaseWaiting();
    });
    this.#subscriptions.add(subscription);
    subscription.start();
    return subscription;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#subscriptions].map((s) => s.stop()));
    this.#releaseWaiting(); // closed: every sender still waiting goes
  }

  /** Next batch at or after `position` for a partition, or undefined when caught up. */
  batchAt(topic: Topic, partition: number, position: number, maxMessages: number): { batch: ConsumedBatch; next: number } | undefined {
    const p = this.#partitions(topic)[partition]!;
    const start = Math.max(position, p.baseOffset); // retention may have dropped what the group had not read
    const end = endOf(p);
    if (start >= end) return undefined;
    const messages = p.messages.slice(start - p.baseOffset, Math.min(end, start + maxMessages) - p.baseOffset);
    return { batch: { topic, partition, messages, highWatermark: String(end) }, next: start + messages.length };
  }

  /** Offset the next message written to a partition will get. */
  endOffset(topic: Topic, partition: number): number {
    return endOf(this.#partitions(topic)[partition]!);
  }

  /** The limit of a batch whose subscriber names none. */
  get maxBatchMessages(): number {
    return this.#maxBatch;
  }

  get retryDelayMs(): number {
    return this.#retryDelayMs;
  }

  get drainTimeoutMs(): number {
    return this.#drainTimeoutMs;
  }

  get log(): Logger | undefined {
    return this.#log;
  }

  #partitions(topic: Topic): Partition[] {
    let partitions = this.#topics.get(topic);
    if (!partitions) {
      partitions = Array.from({ length: this.#partitionsPerTopic }, () => ({ baseOffset: this.#firstOffset, messages: [] }));
      this.#topics.set(topic, partitions);
    }
    return partitions;
  }

  /** Partitions of the topic written. */
  #append(topic: Topic, messages: readonly BusMessage[]): ReadonlySet<number> {
    if (this.#closed) throw new RangeError('bus is closed');
    const partitions = this.#partitions(topic);
    const timestampMs = this.#now();
    const written = new Set<number>();
    for (const m of messages) {
      const index = m.key === null ? this.#roundRobin++ % partitions.length : hashKey(m.key) % partitions.length;
      const p = partitions[index]!;
      p.messages.push({
        topic,
        partition: index,
        offset: String(endOf(p)),
        key: m.key,
        value: m.value,
        headers: m.headers ?? {},
        timestampMs,
      });
      written.add(index);
    }
    // Once per partition written, not per message; in steps of 10% so retention costs O(1) amortised per message.
    for (const index of written) {
      const p = partitions[index]!;
      if (p.messages.length > this.#retained * 1.1) this.#dropBefore(p, endOf(p) - this.#retained);
      else this.#dropConsumed(topic, index, p);
    }
    for (const s of this.#subscriptions) s.wake();
    return written;
  }

  /** Resolves once no current group has more than the bound unread in any of `partitions`. */
  #readersCatchUp(topic: Topic, partitions: ReadonlySet<number>): Promise<void> {
    if (this.#withinBound(topic, partitions)) return Promise.resolve();
    return new Promise((release) => this.#waiting.add({ topic, partitions, release }));
  }

  #withinBound(topic: Topic, partitions: ReadonlySet<number>): boolean {
    const all = this.#partitions(topic);
    for (const index of partitions) {
      const p = all[index]!;
      const end = endOf(p);
      if (end - Math.max(this.#slowestPosition(topic, index, p), p.baseOffset) > this.#unreadBound) return false;
    }
    return true;
  }

  /** The lowest next offset of the current groups reading a partition; its end when none reads it. */
  #slowestPosition(topic: Topic, partition: number, p: Partition): number {
    const key = partitionKey(topic, partition);
    let slowest = endOf(p);
    for (const s of this.#subscriptions) {
      const position = s.positionOf(key);
      if (position !== undefined && position < slowest) slowest = position;
    }
    return slowest;
  }

  #releaseWaiting(): void {
    for (const w of this.#waiting) {
      if (this.#closed || this.#withinBound(w.topic, w.partitions)) {
        this.#waiting.delete(w);
        w.release();
      }
    }
  }

  /** A group committed its position on a partition: what every group has now read may go. */
  consumed(topic: Topic, partition: number): void {
    const p = this.#topics.get(topic)?.[partition];
    if (p) this.#dropConsumed(topic, partition, p);
    if (this.#waiting.size > 0) this.#releaseWaiting();
  }

  /** Drops what every current group has read, beyond the kept tail. */
  #dropConsumed(topic: Topic, partition: number, p: Partition): void {
    if (p.messages.length <= this.#keptConsumed * 1.1 + 100) return;
    const until = Math.min(this.#slowestPosition(topic, partition, p), endOf(p) - this.#keptConsumed);
    // In steps of at least a tenth of the tail: a group reading just behind the writer would otherwise cost a splice per message.
    if (until - p.baseOffset >= Math.max(100, this.#keptConsumed * 0.1)) this.#dropBefore(p, until);
  }

  #dropBefore(p: Partition, offset: number): void {
    const drop = offset - p.baseOffset;
    if (drop <= 0) return;
    p.messages.splice(0, drop);
    p.baseOffset += drop;
  }
}

/** A partition's key in a group's positions: "topic\0partition". */
function partitionKey(topic: Topic, partition: number): string {
  return `${topic}\u0000${partition}`;
}

/** FNV-1a: stable partition choice per key, as Kafka's murmur2 partitioner gives. */
function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Offset the next message written to a partition will get. */
function endOf(p: Partition): number {
  return p.baseOffset + p.messages.length;
}

class MemorySubscription implements Subscription {
  readonly #bus: MemoryBus;
  readonly #options: SubscribeOptions;
  /** Committed position per "topic\0partition": the next offset to deliver. */
  readonly #positions: Map<string, number>;
  readonly #onStop: () => void;
  #wake: (() => void) | undefined;
  readonly #backlog = new BacklogWatch();
  #stopped = false;
  /** Set by stop(): deliver the backlog until this time, then leave. */
  #drainUntil: number | undefined;
  #loop: Promise<void> | undefined;

  constructor(bus: MemoryBus, options: SubscribeOptions, positions: Map<string, number>, onStop: () => void) {
    this.#bus = bus;
    this.#options = options;
    this.#positions = positions;
    this.#onStop = onStop;
  }

  start(): void {
    this.#loop = this.#run();
  }

  /** The next offset this group will be handed of a partition ("topic\0partition"), or undefined when it does not read it. */
  positionOf(key: string): number | undefined {
    return this.#positions.get(key);
  }

  wake(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  async stop(): Promise<void> {
    if (this.#drainUntil !== undefined) return this.#loop;
    this.#drainUntil = Date.now() + this.#bus.drainTimeoutMs;
    this.wake();
    await this.#loop;
    this.#onStop();
  }

  /**
   * Delivers batches, up to `partitionsConcurrently` partitions at once (one
   * batch per partition at a time, so each partition stays in order), taking
   * partitions round-robin so a deep backlog on one never starves another.
   */
  async #run(): Promise<void> {
    const concurrency = Math.max(1, this.#options.partitionsConcurrently ?? 1);
    const inFlight = new Map<string, Promise<void>>();
    let next = 0;
    while (!this.#stopped) {
      let started = false;
      const keys = [...this.#positions.keys()];
      for (let i = 0; i < keys.length && inFlight.size < concurrency; i++) {
        if (this.#drainUntil !== undefined && Date.now() > this.#drainUntil) break;
        const key = keys[(next + i) % keys.length]!;
        if (inFlight.has(key)) continue;
        const [topic, partition] = key.split('\u0000') as [Topic, string];
        const found = this.#bus.batchAt(topic, Number(partition), this.#positions.get(key)!, this.#options.maxBatchMessages ?? this.#bus.maxBatchMessages);
        if (!found) continue;
        started = true;
        next = (next + i + 1) % keys.length;
        inFlight.set(key, this.#deliver(key, found).finally(() => inFlight.delete(key)));
        if (concurrency === 1) break;
      }
      if (inFlight.size > 0) {
        await Promise.race(inFlight.values());
        continue;
      }
      if (this.#drainUntil !== undefined && (!started || Date.now() > this.#drainUntil)) this.#stopped = true;
      else if (!started) await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }

  async #deliver(key: string, found: { batch: ConsumedBatch; next: number }): Promise<void> {
    this.#backlog.saw(BigInt(found.next - 1), BigInt(found.batch.highWatermark));
    const batch = { ...found.batch, backlog: this.#backlog.active() };
    try {
      await this.#options.eachBatch(batch);
      this.#positions.set(key, found.next); // commit only after the handler resolved
      this.#bus.consumed(batch.topic, batch.partition);
      // Let I/O and the other groups run between batches: a group with a deep backlog (a pass
      // dump) must not hold the event loop while the live feed waits to write to its sockets.
      // A group that has read all there is holds nothing up: it takes its next message as soon as
      // it is written, not a turn of the event loop later (the live feed's latency).
      if (this.#bus.endOffset(batch.topic, batch.partition) > found.next) await new Promise((resolve) => setImmediate(resolve));
    } catch (error) {
      this.#bus.log?.warn(`group ${this.#options.groupId}: batch ${batch.topic}/${batch.partition}@${batch.messages[0]?.offset} failed, redelivering`, { error });
      await new Promise((resolve) => setTimeout(resolve, this.#bus.retryDelayMs));
    }
  }
}
