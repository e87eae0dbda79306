/**
 * The archiver: consumer group perigee-archiver over the raw packet topics
 * (bronze) and the processor's outputs (silver samples, quarantine, alerts)
 * and ground-station events. Each batch is stored in one archive transaction
 * together with the group's offset, and on every assignment consumption
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
import type { ArchivedMessage, TelemetryArchive } from '../ports/telemetry-store';
import { stage } from '../topology';
import { archiveRecord } from './archive-record';

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

/** What the archiver reads, as the topology declares it. */
export const ARCHIVER_TOPICS = stage('archiver').consumes;

export interface ArchiverOptions {
  bus: Bus;
  store: TelemetryArchive;
  mdb: MissionDatabase;
  groupId: string;
  log: Logger;
  now?: () => number;
  metrics?: PerigeeMetrics;
  /** Partitions stored at once, each in its own transaction (1 by default). */
  partitionsConcurrently?: number;
  /**
   * Most messages taken from the bus at once (the bus's own limit when
   * absent); they are stored in transactions of at most TRANSACTION_SAMPLES
   * samples. Only a backlog fills a batch: while the archiver keeps up it
   * stores whatever has arrived.
   */
  batchMessages?: number;
}

export interface ArchiverStats {
  /** Archive transactions committed. */
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

export async function startArchiver({ bus, store, mdb, groupId, log, now = Date.now, metrics, partitionsConcurrently = 1, batchMessages }: ArchiverOptions): Promise<Archiver> {
  const stats: ArchiverStats = { batches: 0, messagesStored: 0, messagesSkipped: 0, samples: 0, duplicateSamples: 0, lastBatchMs: 0 };
  /** Stores consecutive messages of one batch in one transaction with their last offset. */
  const storeInOneTransaction = async (batch: ConsumedBatch, messages: ArchivedMessage[], started: number) => {
    const result = await store.archiveBatch({
      consumerGroup: groupId,
      topic: batch.topic,
      partition: batch.partition,
      messages,
      highWatermark: batch.highWatermark,
      ...(batch.logId === undefined ? {} : { logId: batch.logId }),
    });
    const committed = now();
    stats.lastBatchMs = committed - started;
    if (metrics) {
      metrics.archiveBatchSeconds.observe(stats.lastBatchMs / 1000);
      metrics.samplesArchived.inc(result.samples);
      // Stored just now: how old the real-time packets were when their samples became history.
      for (const m of messages.slice(messages.length - result.storedMessages)) {
        for (const p of m.packets ?? []) if (!p.playback) metrics.onboardToArchiveSeconds.observe((committed - p.onboardTimeMs) / 1000);
      }
    }
    stats.batches++;
    stats.messagesStored += result.storedMessages;
    stats.messagesSkipped += result.skippedMessages;
    stats.samples += result.samples;
    stats.duplicateSamples += result.duplicateSamples;
    if (result.logReset) {
      log.warn(`${batch.topic}[${batch.partition}] ends before the offset already archived: the log was recreated; archiving it from its start`);
    }
  };
  const eachBatch = async (batch: ConsumedBatch) => {
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
        await storeInOneTransaction(batch, chunk, started);
        started = now();
        sliceStart = performance.now();
        chunk = [];
        chunkSamples = 0;
      }
      chunk.push(record);
      chunkSamples += samples;
    }
    if (chunk.length > 0) await storeInOneTransaction(batch, chunk, started);
    metrics?.recordLag(groupId, batch);
  };
  const subscription = await bus.subscribe({
    groupId,
    topics: ARCHIVER_TOPICS,
    fromBeginning: true,
    eachBatch,
    partitionsConcurrently,
    ...(batchMessages === undefined ? {} : { maxBatchMessages: batchMessages }),
    resumeAfter: (topic, partition, logId) => store.archivedOffset(groupId, topic, partition, logId),
  });
  log.info(`archiving ${ARCHIVER_TOPICS.join(', ')} as group ${groupId} on ${bus.description}`);
  return { stats: () => ({ ...stats }), stop: () => subscription.stop() };
}
