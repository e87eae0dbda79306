/**
 * The archive worker: one consumer group over the raw packet topics,
 * ground-station events and the gateway's quarantine topic. Each batch is
 * decoded, stored in one archive transaction (with the group's offset, so a
 * redelivered batch is stored once), and then its decoded samples are
 * published on telemetry.samples for the live console — after the archive
 * commit, so what a controller sees live is already in history.
 *
 * @example
 *   const worker = await startArchiveWorker({ bus, store, mdb, groupId: 'perigee-worker', log });
 *   worker.stats().samplesArchived;
 */
import type { MissionDatabase } from '../domain/mission/mission-database';
import type { Logger } from '../log';
import type { Bus, ConsumedBatch } from '../ports/bus';
import type { TelemetryArchive } from '../ports/telemetry-store';
import { RAW_PACKET_TOPICS, TOPICS } from '../topics';
import { archiveMessage } from './archive-message';

export interface ArchiveWorkerOptions {
  bus: Bus;
  store: TelemetryArchive;
  mdb: MissionDatabase;
  groupId: string;
  log: Logger;
  now?: () => number;
}

export interface ArchiveWorkerStats {
  batches: number;
  messagesStored: number;
  messagesSkipped: number;
  packetsDecoded: number;
  samplesArchived: number;
  framesPublished: number;
  quarantined: Record<string, number>;
  /** Duration of the last archive transaction, ms. */
  lastArchiveMs: number;
}

export interface ArchiveWorker {
  stats(): ArchiveWorkerStats;
  stop(): Promise<void>;
}

export const ARCHIVE_WORKER_TOPICS = [...RAW_PACKET_TOPICS, TOPICS.groundStationEvents, TOPICS.quarantine] as const;

export async function startArchiveWorker({ bus, store, mdb, groupId, log, now = Date.now }: ArchiveWorkerOptions): Promise<ArchiveWorker> {
  const producer = await bus.producer();
  const stats: ArchiveWorkerStats = {
    batches: 0,
    messagesStored: 0,
    messagesSkipped: 0,
    packetsDecoded: 0,
    samplesArchived: 0,
    framesPublished: 0,
    quarantined: {},
    lastArchiveMs: 0,
  };

  const eachBatch = async (batch: ConsumedBatch) => {
    const outcomes = batch.messages.map((m) => archiveMessage(mdb, m));
    const started = now();
    const result = await store.archiveBatch({
      consumerGroup: groupId,
      topic: batch.topic,
      partition: batch.partition,
      messages: outcomes.map((o) => o.archived),
      highWatermark: batch.highWatermark,
    });
    if (result.logReset) {
      log.warn(`${batch.topic}[${batch.partition}] ends before the offset already archived: the log was recreated; archiving it from the start`);
    }
    stats.lastArchiveMs = now() - started;
    stats.batches++;
    stats.messagesStored += result.storedMessages;
    stats.messagesSkipped += result.skippedMessages;
    stats.samplesArchived += result.samples;
    if (result.storedMessages === 0) return; // a redelivery: already archived and already shown live
    // Messages the archive skipped were below the stored offset, i.e. the batch's head.
    const fresh = outcomes.slice(outcomes.length - result.storedMessages);
    for (const { archived } of fresh) {
      if (archived.quarantine) stats.quarantined[archived.quarantine.reason] = (stats.quarantined[archived.quarantine.reason] ?? 0) + 1;
      if (archived.rawPacket) stats.packetsDecoded++;
    }
    const frames = fresh.flatMap((o) => (o.frame ? [o.frame] : []));
    if (frames.length > 0) {
      await producer.send(
        TOPICS.samples,
        frames.map((f) => ({ key: String(f.satelliteId), value: Buffer.from(JSON.stringify(f)) })),
      );
      stats.framesPublished += frames.length;
    }
  };

  const subscription = await bus.subscribe({ groupId, topics: ARCHIVE_WORKER_TOPICS, fromBeginning: true, eachBatch });
  log.info(`consuming ${ARCHIVE_WORKER_TOPICS.join(', ')} as group ${groupId} on ${bus.description}`);
  return {
    stats: () => structuredClone(stats),
    stop: () => subscription.stop(),
  };
}
