/**
 * The archiver: consumer group perigee-archiver over the raw packet topics
 * (bronze) and the processor's outputs (silver samples, quarantine, alerts)
 * and ground-station events. Each batch is stored in one archive transaction
 * together with the group's offset; the batches of several partitions share
 * a transaction when they wait for one together (group commit), each with
 * its own partition's offset. On every assignment consumption
 * resumes right after the offset the archive recorded — so whatever the bus
 * redelivers, each message is stored once (effectively once). While the
 * database is down the batch is retried in place: the partition does not
 * advance and nothing accumulates beyond the batch in hand.
 *
 * @example
 *   const archiver = await startArchiver({ bus, store, mdb, groupId: 'perigee-archiver', log });
 *   archiver.stats().samples;
 */
import type { MissionDatabase } from '../domain/mission/mission-database';
import type { Logger } from '../log';
import type { PerigeeMetrics } from '../observability/perigee-metrics';
import type { Bus, ConsumedBatch } from '../ports/bus';
import type { ArchiveBatch, ArchiveGroupResult, ArchivedMessage, TelemetryArchive } from '../ports/telemetry-store';
import { stage } from '../topology';
import type { Topic } from '../topics';
import { archiveRecord } from './archive-record';
import { GroupCommit } from './group-commit';

/**
 * Longest the archiver reads messages before it yields to the event loop,
 * ms: a batch of sample messages takes tens of ms to read, and a live feed
 * sharing the process (`perigee start`) must not wait that long to send a
 * frame.
 */
const PARSE_SLICE_MS = 4;

/**
 * Most samples stored in one transaction (a message with more is stored
 * alone): a sample message carries up to hundreds of frames, so a batch's
 * message count alone does not bound the synchronous work of building the
 * insert, nor how long rows and locks are held.
 */
export const TRANSACTION_SAMPLES = 50_000;

/**
 * Messages written longer ago than this, ms, are a backlog even when the bus
 * does not report one (a partition only a little behind, a group starting on
 * a log written before it): their transaction does not linger.
 */
export const LINGER_MAX_AGE_MS = 1_000;

/**
 * A batch of this many samples (sample messages) or messages (raw packets,
 * events) is worth a transaction of its own: at rest a transaction's dozen
 * statements and commit cost about what storing a few thousand samples does.
 */
export const LINGER_SAMPLES = 2_000;
export const LINGER_MESSAGES = 200;

/**
 * After a batch of a backlog or one worth a transaction of its own, nothing
 * lingers for this long, ms: the flow is heavy (a pass dump) and every batch
 * goes as it comes. On Kafka a lingering batch would also hold back its
 * broker's next fetch — the dump's partitions with it.
 */
export const LINGER_HEAVY_QUIET_MS = 1_000;

/** Everything the archive stores, as the topology declares it: the archiver's lanes together (archive-lanes.ts). */
export const ARCHIVER_TOPICS: readonly Topic[] = [...stage('archiver').consumes, ...stage('archiver-alarms').consumes];

export interface ArchiverOptions {
  bus: Bus;
  store: TelemetryArchive;
  mdb: MissionDatabase;
  groupId: string;
  log: Logger;
  /** What this archiver reads (everything the archive stores, ARCHIVER_TOPICS, by default). */
  topics?: readonly Topic[];
  now?: () => number;
  metrics?: PerigeeMetrics;
  /**
   * Partitions read at once (1 by default). Their batches share archive
   * transactions: what waits while others commit is stored together.
   */
  partitionsConcurrently?: number;
  /** Archive transactions at once (1 by default). */
  transactionsConcurrently?: number;
  /**
   * Most messages taken from the bus at once (the bus's own limit when
   * absent); they are stored in transactions of at most TRANSACTION_SAMPLES
   * samples. Only a backlog fills a batch: while the archiver keeps up it
   * stores whatever has arrived.
   */
  batchMessages?: number;
  /** Longest a fetch waits for new data, ms (the bus's default when absent). */
  maxWaitMs?: number;
  /**
   * Longest a transaction that is not full waits for the batches of other
   * partitions while the archiver keeps up, ms (0, the default: none). A
   * backlog's batches never wait.
   */
  lingerMs?: number;
}

export interface ArchiverStats {
  /** Archive transactions committed (each holds one or more partitions' batches). */
  batches: number;
  messagesStored: number;
  /** Redelivered messages the archive already held. */
  messagesSkipped: number;
  samples: number;
  /** Samples of republished frames, already stored. */
  duplicateSamples: number;
  /** Duration of the last archive transaction, ms. */
  lastBatchMs: number;
}

export interface Archiver {
  stats(): ArchiverStats;
  stop(): Promise<void>;
}

/** A run of one batch's messages on its way into a shared archive transaction. */
interface Chunk {
  readonly batch: ArchiveBatch;
  readonly samples: number;
  /** When its messages were taken, ms (the archiver's clock). */
  readonly started: number;
  /** Taken while the subscription works off a backlog: its transaction starts at once. */
  readonly backlog: boolean;
}

export async function startArchiver({
  bus,
  store,
  mdb,
  groupId,
  log,
  topics = ARCHIVER_TOPICS,
  now = Date.now,
  metrics,
  partitionsConcurrently = 1,
  transactionsConcurrently = 1,
  batchMessages,
  maxWaitMs,
  lingerMs = 0,
}: ArchiverOptions): Promise<Archiver> {
  const stats: ArchiverStats = { batches: 0, messagesStored: 0, messagesSkipped: 0, samples: 0, duplicateSamples: 0, lastBatchMs: 0 };
  /** Counts a committed transaction: its samples once, each batch's messages. */
  const committed = (chunks: readonly Chunk[], result: ArchiveGroupResult) => {
    const at = now();
    stats.batches++;
    stats.samples += result.samples;
    stats.duplicateSamples += result.duplicateSamples;
    stats.lastBatchMs = at - Math.min(...chunks.map((c) => c.started));
    metrics?.archiveBatchSeconds.observe(stats.lastBatchMs / 1000);
    metrics?.samplesArchived.inc(result.samples);
    chunks.forEach(({ batch }, i) => {
      const part = result.batches[i]!;
      stats.messagesStored += part.storedMessages;
      stats.messagesSkipped += part.skippedMessages;
      if (part.logReset) log.warn(`${batch.topic}[${batch.partition}] ends before the offset already archived: the log was recreated; archiving it from its start`);
      if (!metrics) return;
      // Stored just now: how old the real-time packets were when their samples became history.
      for (const m of batch.messages.slice(batch.messages.length - part.storedMessages)) {
        for (const p of m.packets ?? []) if (!p.playback) metrics.onboardToArchiveSeconds.observe((at - p.onboardTimeMs) / 1000);
      }
    });
  };
  // The batches of the partitions being read share transactions: whatever waits while others commit goes in the next one.
  const commits = new GroupCommit<Chunk, ArchiveGroupResult>((chunks) => store.archiveBatches(chunks.map((c) => c.batch)), {
    concurrency: transactionsConcurrently,
    maxWeight: TRANSACTION_SAMPLES,
    weight: (c) => c.samples,
    lingerMs,
    urgent: (c) => c.backlog || Date.now() - lastHeavyMs < LINGER_HEAVY_QUIET_MS,
    committed,
  });
  /** When the last batch of a backlog, or one worth a transaction of its own, was handed in (wall clock, ms). */
  let lastHeavyMs = Number.NEGATIVE_INFINITY;
  const storeInOneTransaction = (batch: ConsumedBatch, messages: ArchivedMessage[], samples: number, started: number, backlog: boolean) => {
    if (backlog || samples >= LINGER_SAMPLES || messages.length >= LINGER_MESSAGES) lastHeavyMs = Date.now();
    return commits.submit({
      batch: {
        consumerGroup: groupId,
        topic: batch.topic,
        partition: batch.partition,
        messages,
        highWatermark: batch.highWatermark,
        ...(batch.logId === undefined ? {} : { logId: batch.logId }),
      },
      samples,
      started,
      backlog,
    });
  };
  const eachBatch = async (batch: ConsumedBatch) => {
    const backlog = batch.backlog === true || Date.now() - (batch.messages[0]?.timestampMs ?? Date.now()) > LINGER_MAX_AGE_MS;
    let started = now();
    let chunk: ArchivedMessage[] = [];
    let chunkSamples = 0;
    let sliceStart = performance.now();
    for (const m of batch.messages) {
      if (performance.now() - sliceStart > PARSE_SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
      const record = archiveRecord(mdb, m);
      const samples = record.samples?.length ?? 0;
      if (chunk.length > 0 && chunkSamples + samples > TRANSACTION_SAMPLES) {
        await storeInOneTransaction(batch, chunk, chunkSamples, started, backlog);
        started = now();
        sliceStart = performance.now();
        chunk = [];
        chunkSamples = 0;
      }
      chunk.push(record);
      chunkSamples += samples;
    }
    if (chunk.length > 0) await storeInOneTransaction(batch, chunk, chunkSamples, started, backlog);
    metrics?.recordLag(groupId, batch);
  };
  const subscription = await bus.subscribe({
    groupId,
    topics,
    fromBeginning: true,
    eachBatch,
    partitionsConcurrently,
    ...(maxWaitMs === undefined ? {} : { maxWaitMs }),
    // A backlog's small fetches are gathered into batches of up to batchMessages.
    ...(batchMessages === undefined ? {} : { maxBatchMessages: batchMessages, gather: true }),
    resumeAfter: (topic, partition, logId) => store.archivedOffset(groupId, topic, partition, logId),
  });
  log.info(`archiving ${topics.join(', ')} as group ${groupId} on ${bus.description}`);
  return { stats: () => ({ ...stats }), stop: () => subscription.stop() };
}
