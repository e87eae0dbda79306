/**
 * Groups single messages into bus sends: one `send` per topic for what was
 * enqueued together, like Kafka's linger.ms, because a send per packet would
 * cost a broker round trip per packet. With no linger (the default) the
 * messages enqueued by one piece of synchronous work (the packets of one TCP
 * read) go right after it, and what arrives while a flush waits for its
 * acknowledgements goes in the next flush: sends grow with the load, with no
 * timer to wait for. A flush sends its topics at once, and one flush runs at
 * a time, so each topic's messages stay in order. Exposes the number of
 * messages not yet acknowledged so callers can apply backpressure.
 */
import type { Logger } from '../log';
import type { BusMessage, BusProducer } from '../ports/bus';
import type { Topic } from '../topics';

export interface BatchingProducerOptions {
  producer: BusProducer;
  log: Logger;
  /** Longest a message waits for companions before it is sent, ms (0: only until the current synchronous work ends). */
  lingerMs?: number;
  maxBatchMessages?: number;
  /** Pause between attempts when the bus refuses a batch, ms. */
  retryDelayMs?: number;
}

export class BatchingProducer {
  readonly #producer: BusProducer;
  readonly #log: Logger;
  readonly #lingerMs: number;
  readonly #maxBatch: number;
  readonly #retryDelayMs: number;
  readonly #queues = new Map<Topic, BusMessage[]>();
  #timer: NodeJS.Timeout | undefined;
  /** A flush is queued as a microtask. */
  #flushQueued = false;
  #inFlight = 0;
  #flushing: Promise<void> = Promise.resolve();
  #drainWaiters: Array<() => void> = [];
  #closed = false;

  constructor({ producer, log, lingerMs = 0, maxBatchMessages = 1000, retryDelayMs = 500 }: BatchingProducerOptions) {
    this.#producer = producer;
    this.#log = log;
    this.#lingerMs = lingerMs;
    this.#maxBatch = maxBatchMessages;
    this.#retryDelayMs = retryDelayMs;
  }

  /** Messages accepted but not yet acknowledged by the bus. */
  get pending(): number {
    let queued = 0;
    for (const q of this.#queues.values()) queued += q.length;
    return queued + this.#inFlight;
  }

  enqueue(topic: Topic, message: BusMessage): void {
    if (this.#closed) throw new RangeError('producer is closed');
    const queue = this.#queues.get(topic) ?? [];
    queue.push(message);
    this.#queues.set(topic, queue);
    if (queue.length >= this.#maxBatch) this.#flushSoon(0);
    else this.#flushSoon(this.#lingerMs);
  }

  /** Resolves when everything enqueued so far is acknowledged. */
  async drain(): Promise<void> {
    if (this.pending === 0) return;
    this.#flushSoon(0);
    await new Promise<void>((resolve) => this.#drainWaiters.push(resolve));
  }

  async close(): Promise<void> {
    await this.drain();
    this.#closed = true;
  }

  #flushSoon(delayMs: number): void {
    if (this.#flushQueued) return;
    if (delayMs > 0) {
      this.#timer ??= setTimeout(() => {
        this.#timer = undefined;
        this.#flushing = this.#flushing.then(() => this.#flush());
      }, delayMs);
      return;
    }
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#flushQueued = true;
    queueMicrotask(() => {
      this.#flushQueued = false;
      this.#flushing = this.#flushing.then(() => this.#flush());
    });
  }

  async #flush(): Promise<void> {
    // The topics' sends go out together: one after the other, a packet of the last topic would wait for
    // every other topic's round trip. A topic's batches stay in order, since one flush runs at a time.
    const sends: Promise<void>[] = [];
    for (const [topic, queue] of this.#queues) {
      if (queue.length > 0) sends.push(this.#send(topic, queue.splice(0, this.#maxBatch)));
    }
    await Promise.all(sends);
    if ([...this.#queues.values()].some((q) => q.length > 0)) this.#flushSoon(0);
    else if (this.#inFlight === 0) {
      const waiters = this.#drainWaiters;
      this.#drainWaiters = [];
      for (const w of waiters) w();
    }
  }

  async #send(topic: Topic, batch: BusMessage[]): Promise<void> {
    this.#inFlight += batch.length;
    // Accepted input is never dropped: retry until the bus takes it.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#producer.send(topic, batch);
        break;
      } catch (error) {
        this.#log.warn(`send of ${batch.length} messages to ${topic} failed (attempt ${attempt}), retrying`, { error });
        await new Promise((r) => setTimeout(r, this.#retryDelayMs));
      }
    }
    this.#inFlight -= batch.length;
  }
}
