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
import type { Bus, ConsumedBatch } from '../ports/bus';
import type { TelemetryArchive } from '../ports/telemetry-store';
import { ALL_RAW_TOPICS, TOPICS } from '../topics';
import { archiveRecord } from './archive-record';

export const ARCHIVER_TOPICS = [
  ...ALL_RAW_TOPICS,
  TOPICS.samples,
  TOPICS.quarantine,
  TOPICS.alerts,
  TOPICS.groundStationEvents,
] as const;

export interface ArchiverOptions {
  bus: Bus;
  store: TelemetryArchive;
  mdb: MissionDatabase;
  groupId: string;
  log: Logger;
  now?: () => number;
}

export interface ArchiverStats {
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

export async function startArchiver({ bus, store, mdb, groupId, log, now = Date.now }: ArchiverOptions): Promise<Archiver> {
  const stats: ArchiverStats = { batches: 0, messagesStored: 0, messagesSkipped: 0, samples: 0, duplicateSamples: 0, lastBatchMs: 0 };
  const eachBatch = async (batch: ConsumedBatch) => {
    const started = now();
    const result = await store.archiveBatch({
      consumerGroup: groupId,
      topic: batch.topic,
      partition: batch.partition,
      messages: batch.messages.map((m) => archiveRecord(mdb, m)),
      highWatermark: batch.highWatermark,
    });
    stats.lastBatchMs = now() - started;
    stats.batches++;
    stats.messagesStored += result.storedMessages;
    stats.messagesSkipped += result.skippedMessages;
    stats.samples += result.samples;
    stats.duplicateSamples += result.duplicateSamples;
    if (result.logReset) {
      log.warn(`${batch.topic}[${batch.partition}] ends before the offset already archived: the log was recreated; archiving it from its start`);
    }
  };
  const subscription = await bus.subscribe({
    groupId,
    topics: ARCHIVER_TOPICS,
    fromBeginning: true,
    eachBatch,
    resumeAfter: (topic, partition) => store.archivedOffset(groupId, topic, partition),
  });
  log.info(`archiving ${ARCHIVER_TOPICS.join(', ')} as group ${groupId} on ${bus.description}`);
  return { stats: () => ({ ...stats }), stop: () => subscription.stop() };
}
