/**
 * The Bus port on Apache Kafka through kafkajs. Producers wait for all
 * in-sync replicas (acks = -1). Consumers resolve and commit a batch's
 * offsets only after the handler resolved; a failing handler is retried on
 * the same batch (with heartbeats) until it succeeds or the partition is
 * revoked, so nothing is skipped: delivery is at least once and the archive
 * makes it effectively once with offsets stored in its own transaction.
 *
 * Not used: the idempotent producer and admin.createTopics, which the
 * librdkafka mock cluster used in tests rejects; topics auto-create.
 *
 * @example
 *   const bus = new KafkaBus({ brokers: ['127.0.0.1:9092'], clientId: 'perigee', log });
 *   await bus.subscribe({ groupId: 'perigee-worker', topics: RAW_PACKET_TOPICS, fromBeginning: true, eachBatch });
 */
// Before kafkajs: its Encoder's buffers then come from Node's pool.
import './kafkajs-pooled-encoder';
import { Kafka, logLevel as KafkaLogLevel, type Admin, type Consumer, type ISocketFactory, type KafkaMessage, type LogEntry, type Producer } from 'kafkajs';
import { BusUnavailableError } from '../../errors';
import type { Logger } from '../../log';
import type { Bus, BusProducer, ConsumedMessage, SubscribeOptions, Subscription } from '../../ports/bus';
import { assertTopic } from '../../topics';
import { BacklogWatch } from '../backlog-watch';

/** Messages per kafkajs send: its per-partition grouping is quadratic in a send's size. */
const SEND_SLICE_MESSAGES = 500;

/** Longest a gathering consumer holds fetched messages before handing them over, ms. */
const GATHER_MAX_MS = 200;

/** How often a gathering consumer commits what it handled, ms, when its options name no interval. */
const GATHER_COMMIT_INTERVAL_MS = 1000;

export interface KafkaBusOptions {
  brokers: readonly string[];
  clientId: string;
  log: Logger;
  /** Consumer session timeout, ms: a member silent this long is removed from its group. */
  sessionTimeoutMs?: number;
  /** Longest a fetch waits for data before returning empty, ms (bounds live latency). */
  maxWaitTimeInMs?: number;
  /** Pause before re-running a batch whose handler failed, ms. */
  retryDelayMs?: number;
  /** Times kafkajs retries a request (a send, a fetch) before it gives up with an error (8: about 25 s with its backoff). */
  retries?: number;
  /** Opens the TCP connections to the brokers (kafkajs's own when omitted); tests use it to cut the network. */
  socketFactory?: ISocketFactory;
}

export class KafkaBus implements Bus {
  readonly description: string;
  readonly #kafka: Kafka;
  readonly #log: Logger;
  readonly #options: Required<Omit<KafkaBusOptions, 'log' | 'brokers' | 'clientId' | 'socketFactory' | 'retries'>>;
  readonly #producers = new Set<Producer>();
  readonly #consumers = new Set<Consumer>();
  #admin: Admin | undefined;

  constructor({ brokers, clientId, log, sessionTimeoutMs = 30_000, maxWaitTimeInMs = 100, retryDelayMs = 1000, retries = 8, socketFactory }: KafkaBusOptions) {
    if (brokers.length === 0) throw new RangeError('brokers must list at least one host:port');
    this.description = `kafka ${brokers.join(',')}`;
    this.#log = log;
    this.#options = { sessionTimeoutMs, maxWaitTimeInMs, retryDelayMs };
    this.#kafka = new Kafka({
      clientId,
      brokers: [...brokers],
      connectionTimeout: 3000,
      retry: { retries, initialRetryTime: 200, maxRetryTime: 5000 },
      logLevel: KafkaLogLevel.WARN,
      logCreator: () => (entry: LogEntry) => this.#logKafka(entry),
      ...(socketFactory ? { socketFactory } : {}),
    });
  }

  /** One metadata request through an admin client kept for the purpose. */
  async ping(): Promise<void> {
    await this.#describeCluster();
  }

  async #describeCluster() {
    if (!this.#admin) {
      const admin = this.#kafka.admin();
      await this.#connect(admin, 'admin');
      this.#admin = admin;
    }
    return this.#admin.describeCluster();
  }

  /** The cluster's id, which names the log offsets belong to; undefined when the cluster does not say. */
  async #logId(log: Logger): Promise<string | undefined> {
    try {
      return (await this.#describeCluster()).clusterId || undefined;
    } catch (error) {
      log.warn('cannot read the cluster id: recorded offsets are compared without it', { error });
      return undefined;
    }
  }

  async producer(): Promise<BusProducer> {
    const producer = this.#kafka.producer({ allowAutoTopicCreation: true, idempotent: false });
    await this.#connect(producer, 'producer');
    this.#producers.add(producer);
    return {
      send: async (topic, messages) => {
        // In order, a slice at a time: kafkajs groups a send's messages per partition by copying the
        // partition's list for every message, so one send of 10,000 messages costs seconds of CPU.
        const name = assertTopic(topic);
        for (let start = 0; start < messages.length; start += SEND_SLICE_MESSAGES) {
          await producer.send({
            topic: name,
            acks: -1,
            messages: messages
              .slice(start, start + SEND_SLICE_MESSAGES)
              .map((m) => ({ key: m.key, value: m.value, headers: m.headers ? { ...m.headers } : undefined })),
          });
        }
      },
    };
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const { groupId, topics, fromBeginning, eachBatch, resumeAfter, maxWaitMs, partitionsConcurrently = 1, maxBatchMessages, gather = false } = options;
    if (!groupId) throw new RangeError('groupId must be a non-empty string');
    if (gather && maxBatchMessages === undefined) throw new RangeError('gather needs maxBatchMessages: how much to gather');
    // A gathering consumer holds fetched messages it has not handled: only handled offsets may be committed.
    const commitIntervalMs = options.commitIntervalMs ?? (gather ? GATHER_COMMIT_INTERVAL_MS : undefined);
    const consumer = this.#kafka.consumer({
      groupId,
      allowAutoTopicCreation: true,
      sessionTimeout: this.#options.sessionTimeoutMs,
      heartbeatInterval: Math.floor(this.#options.sessionTimeoutMs / 10),
      maxWaitTimeInMs: maxWaitMs ?? this.#options.maxWaitTimeInMs,
    });
    await this.#connect(consumer, `consumer ${groupId}`);
    this.#consumers.add(consumer);
    await consumer.subscribe({ topics: topics.map((t) => assertTopic(t)), fromBeginning });
    const log = this.#log.namespace(groupId);
    // Per assignment, where the consumer's own record says to continue. The floor is set
    // synchronously when the group is joined (before the first fetch), so a batch fetched before
    // the seek lands is trimmed to what follows the record instead of being delivered twice.
    const floors = new Map<string, Promise<bigint | null>>();
    // Which log the offsets belong to, read again at every join: a replaced cluster (its data gone) rejoins under a new id.
    let logId: Promise<string | undefined> = Promise.resolve(undefined);
    // Fetched messages held back per partition while more wait (gather), with when the first came.
    const held = new Map<string, { messages: KafkaMessage[]; sinceMs: number }>();
    // Every fetched batch, held ones included, tells whether the group is behind.
    const backlog = new BacklogWatch();
    // After a join the group fetches from the committed (or recorded) offsets again: what was held comes again.
    if (gather) consumer.on(consumer.events.GROUP_JOIN, () => held.clear());
    if (resumeAfter) {
      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
        floors.clear();
        const joinedLog = this.#logId(log);
        logId = joinedLog;
        for (const [topic, partitions] of Object.entries(payload.memberAssignment)) {
          for (const partition of partitions) {
            const floor = joinedLog.then((id) => resumeAfter(assertTopic(topic), partition, id)).then(
              (after) => {
                if (after === null) return null;
                consumer.seek({ topic, partition, offset: (BigInt(after) + 1n).toString() });
                return BigInt(after);
              },
              (error: unknown) => {
                log.warn(`cannot resume ${topic}[${partition}] from the recorded offset; using the committed one`, { error });
                return null;
              },
            );
            floors.set(floorKey(topic, partition), floor);
          }
        }
      });
    }
    // Background commits: handled offsets by partition, committed on a timer off the fetch loop. kafkajs
    // otherwise commits after every batch and fetches again only once the group coordinator answered.
    const handled = new Map<string, { topic: string; partition: number; offset: string }>();
    let committing: Promise<void> = Promise.resolve();
    const commitHandled = (): Promise<void> => {
      if (handled.size === 0) return committing;
      const offsets = [...handled.values()];
      handled.clear();
      committing = committing
        .then(() => consumer.commitOffsets(offsets))
        .catch((error: unknown) => {
          // Tried again with the next commit unless a newer offset was handled meanwhile.
          for (const o of offsets) if (!handled.has(floorKey(o.topic, o.partition))) handled.set(floorKey(o.topic, o.partition), o);
          log.warn('committing offsets failed; retrying with the next commit', { error });
        });
      return committing;
    };
    const markHandled = (topic: string, partition: number, lastOffset: string) => {
      if (commitIntervalMs !== undefined) handled.set(floorKey(topic, partition), { topic, partition, offset: (BigInt(lastOffset) + 1n).toString() });
    };
    const commitTimer = commitIntervalMs === undefined ? undefined : setInterval(() => void commitHandled(), commitIntervalMs);
    commitTimer?.unref();
    await consumer.run({
      autoCommit: commitIntervalMs === undefined,
      partitionsConsumedConcurrently: partitionsConcurrently,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
        if (batch.isEmpty()) return;
        const topic = assertTopic(batch.topic);
        const key = floorKey(topic, batch.partition);
        const floor = await floors.get(key);
        let fresh = floor == null ? batch.messages : batch.messages.filter((m) => BigInt(m.offset) > floor);
        const [lastOffset, end] = [BigInt(batch.lastOffset()), BigInt(batch.highWatermark)];
        backlog.saw(lastOffset, end);
        if (gather) {
          const before = held.get(key);
          if (before !== undefined) fresh = before.messages.concat(fresh);
          // Hold while the partition has more than this fetch brought: the next fetches' messages go with these.
          const more = lastOffset + 1n < end;
          const sinceMs = before?.sinceMs ?? Date.now();
          if (more && fresh.length < maxBatchMessages! && Date.now() - sinceMs < GATHER_MAX_MS && isRunning() && !isStale()) {
            held.set(key, { messages: fresh, sinceMs });
            // Moves the fetch position on; nothing is committed before it is handled.
            resolveOffset(batch.lastOffset());
            return;
          }
          held.delete(key);
        }
        if (fresh.length === 0) {
          resolveOffset(batch.lastOffset());
          markHandled(topic, batch.partition, batch.lastOffset());
          await commitOffsetsIfNecessary();
          return;
        }
        const messages: ConsumedMessage[] = fresh.map((m) => ({
          topic,
          partition: batch.partition,
          offset: m.offset,
          key: m.key === null ? null : m.key.toString(),
          value: m.value ?? Buffer.alloc(0),
          headers: headersOf(m.headers),
          timestampMs: Number(m.timestamp),
        }));
        // A fetched batch is handed over in slices of at most maxBatchMessages, each resolved once handled.
        const size = maxBatchMessages ?? messages.length;
        for (let start = 0; start < messages.length; start += size) {
          const slice = messages.slice(start, start + size);
          const sliceLast = slice[slice.length - 1]!.offset;
          for (let attempt = 1; ; attempt++) {
            try {
              const id = await logId;
              await eachBatch({ topic, partition: batch.partition, messages: slice, highWatermark: batch.highWatermark, backlog: backlog.active(), ...(id === undefined ? {} : { logId: id }) });
              break;
            } catch (error) {
              log.warn(`batch ${topic}/${batch.partition}@${slice[0]!.offset} failed (attempt ${attempt}), retrying`, { error });
              await new Promise((resolve) => setTimeout(resolve, this.#options.retryDelayMs));
              // A revoked partition belongs to another member now: leave the batch to it, uncommitted.
              if (!isRunning() || isStale()) return;
              await heartbeat();
            }
          }
          // What was handled is a floor too: the seek may land after this batch and fetch it again.
          if (resumeAfter) floors.set(key, Promise.resolve(BigInt(sliceLast)));
          resolveOffset(sliceLast);
          markHandled(topic, batch.partition, sliceLast);
          if (start + size < messages.length) {
            await heartbeat();
            // Let the process's other consumers run between slices.
            await new Promise((resolve) => setImmediate(resolve));
            if (!isRunning() || isStale()) return;
          }
        }
        // Offsets up to the batch's end (trimmed messages included) are handled.
        resolveOffset(batch.lastOffset());
        markHandled(topic, batch.partition, batch.lastOffset());
        if (resumeAfter) floors.set(key, Promise.resolve(BigInt(batch.lastOffset())));
        await commitOffsetsIfNecessary();
        await heartbeat();
      },
    });
    return {
      stop: async () => {
        this.#consumers.delete(consumer);
        clearInterval(commitTimer);
        // What was handled is committed while the consumer is still a member; a batch in flight is delivered again.
        await commitHandled();
        await consumer.disconnect();
      },
    };
  }

  async close(): Promise<void> {
    const all: Array<Producer | Consumer | Admin> = [...this.#consumers, ...this.#producers, ...(this.#admin ? [this.#admin] : [])];
    this.#admin = undefined;
    this.#consumers.clear();
    this.#producers.clear();
    await Promise.allSettled(all.map((c) => c.disconnect()));
  }

  async #connect(client: Producer | Consumer | Admin, what: string): Promise<void> {
    try {
      await client.connect();
    } catch (cause) {
      throw new BusUnavailableError(`cannot connect ${what} to Kafka (${this.description.slice(6)}); check KAFKA_BROKERS`, { cause });
    }
  }

  #logKafka({ level, log: { message, ...extra } }: LogEntry): void {
    const fields = { broker: extra.broker, error: extra.error } as Record<string, unknown>;
    if (level <= KafkaLogLevel.ERROR) this.#log.error(`kafkajs: ${message}`, fields);
    else this.#log.warn(`kafkajs: ${message}`, fields);
  }
}

/** Key of a partition's resume floor. */
function floorKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

/** A message's headers as strings (the first value of a repeated header); a loop, not entries and arrays per message. */
function headersOf(raw: Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (raw === undefined) return headers;
  for (const key of Object.keys(raw)) {
    const value = raw[key];
    headers[key] = Array.isArray(value) ? String(value[0] ?? '') : String(value ?? '');
  }
  return headers;
}
