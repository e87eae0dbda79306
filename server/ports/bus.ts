/**
 * The message bus port: Kafka in production (server/adapters/kafka), an
 * in-process partitioned log for the zero-setup run and unit tests
 * (server/adapters/memory). Both keep per-group committed offsets and deliver
 * at least once: a batch's offsets are committed only after `eachBatch`
 * resolves, so a consumer that crashes mid-batch sees the batch again.
 */
import type { Topic } from '../topics';

export interface BusMessage {
  /** Partitioning key (Perigee keys raw telemetry by satellite id). */
  readonly key: string | null;
  readonly value: Buffer;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface ConsumedMessage {
  readonly topic: Topic;
  readonly partition: number;
  /** Kafka offsets are 64-bit: kept as decimal strings. */
  readonly offset: string;
  readonly key: string | null;
  readonly value: Buffer;
  readonly headers: Readonly<Record<string, string>>;
  /** Log append (or producer) time, epoch ms. */
  readonly timestampMs: number;
}

export interface ConsumedBatch {
  readonly topic: Topic;
  readonly partition: number;
  readonly messages: readonly ConsumedMessage[];
  /** Offset of the next message to be written to the partition, as the broker last reported it. */
  readonly highWatermark: string;
  /**
   * Identity of the log the offsets belong to (the Kafka cluster's id), where
   * the bus knows it: offsets of a replaced log start again and are not
   * comparable with those of the old one.
   */
  readonly logId?: string;
  /**
   * The subscription is working off a backlog: one of its partitions was
   * read well short of its end within the last second (see
   * server/adapters/backlog-watch.ts). False while it keeps up.
   */
  readonly backlog?: boolean;
}

export interface SubscribeOptions {
  readonly groupId: string;
  readonly topics: readonly Topic[];
  /** Where a group with no committed offset starts: the oldest retained message, or only new ones. */
  readonly fromBeginning: boolean;
  /** Called with one partition's batch at a time; offsets are committed after it resolves. */
  readonly eachBatch: (batch: ConsumedBatch) => Promise<void>;
  /**
   * For consumers that record their progress elsewhere (the archive stores
   * offsets in its own transactions): the last offset already processed for
   * a partition, or null. When a partition is assigned, consumption resumes
   * right after it, whatever the bus's own commit says.
   */
  readonly resumeAfter?: (topic: Topic, partition: number, logId?: string) => Promise<string | null>;
  /** Longest a fetch may wait for new data before returning, ms: low for latency-bound consumers (the live feed). */
  readonly maxWaitMs?: number;
  /**
   * How many partitions' batches may be in eachBatch at once (1 by default);
   * each partition still gets one batch at a time, in order. Lets a consumer
   * whose handler waits on I/O (the archiver on its database) keep the
   * process busy meanwhile.
   */
  readonly partitionsConcurrently?: number;
  /**
   * Most messages handed to one eachBatch call (the bus's own default when
   * absent; a fetch from a broker may hold fewer). Small for a consumer of
   * bulk data that shares the process with latency-bound ones: the playback
   * lane hands over a dump in slices, and the live feed runs between them.
   * Large for a consumer whose cost is per batch: the archiver stores a
   * batch in one transaction, and its gold buckets merge once per batch.
   */
  readonly maxBatchMessages?: number;
  /**
   * Commit handled offsets in the background at most this often, ms, instead
   * of before the next fetch. For a latency-bound consumer whose position
   * matters little (the live feed): on Kafka a commit is a round trip to the
   * group coordinator, and a busy one held the next fetch for hundreds of ms.
   * Still at least once: only handled offsets are committed, and what was
   * handled since the last commit is delivered again after a restart. The
   * in-process bus commits in memory and ignores it.
   */
  readonly commitIntervalMs?: number;
  /**
   * While a partition holds more than one fetch brought, keep what was
   * fetched and hand it over together with the next fetches', up to
   * maxBatchMessages (required) or a fraction of a second. For a consumer
   * whose cost is per batch and that reads a backlog: the archiver. On Kafka
   * a fetch may bring little at a time (librdkafka's mock cluster returns one
   * produced batch per partition per fetch), and a transaction per fetch
   * spent its time on per-transaction work. A caught-up partition hands over
   * each fetch at once. Only handled offsets are committed, in the
   * background (commitIntervalMs, every second by default). The in-process
   * bus reads up to maxBatchMessages from its log anyway and ignores it.
   */
  readonly gather?: boolean;
}

export interface Subscription {
  /** Stops fetching, waits for the batch in flight, commits, and leaves the group. */
  stop(): Promise<void>;
}

export interface BusProducer {
  /** Resolves once every message is durably appended (acks=all on Kafka). */
  send(topic: Topic, messages: readonly BusMessage[]): Promise<void>;
}

export interface Bus {
  /** A human-readable name for logs ("kafka 127.0.0.1:9092", "in-process"). */
  readonly description: string;
  /** Resolves when the bus answers (a metadata round trip on Kafka); rejects with why not. */
  ping(): Promise<void>;
  producer(): Promise<BusProducer>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** Closes producers and subscriptions this bus created. */
  close(): Promise<void>;
}
