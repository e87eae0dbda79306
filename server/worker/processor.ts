/**
 * The stream processor: consumer group perigee-processor over the raw
 * packet topics. Each batch goes through the telemetry pipeline (decode →
 * dedupe → time correlation → sample validation → enrichment), then the
 * event-time windows and the rules; the results are published on
 * telemetry.samples, telemetry.quarantine, telemetry.aggregates and
 * telemetry.alerts before the batch's offsets are committed.
 *
 * Played-back packets (recorder dumps during passes) come in a lane of their
 * own, telemetry.raw.playback, consumed as a second group
 * (<group>-playback) with its own pipeline state: a dump is decoded,
 * validated and archived at its own pace without queueing ahead of live
 * packets, and it runs no windows or rules, so old data never raises a live
 * alarm. Delivery is at least once: on Kafka both lanes commit what they
 * handled in the background (every second), and after a crash what was
 * handled since the last commit is processed again and its outputs
 * republished, which the archiver stores once (natural keys, deterministic
 * alert ids). Within a running process a batch is processed once: when the
 * send of its outputs fails, the bus delivers it again and the outputs held
 * from the first time go out (LaneOutbox) — processing it again would find
 * its packets in the dedupe window and publish nothing.
 *
 * @example
 *   const processor = await startProcessor({ bus, mdb, fleet, groupId: 'perigee-processor', stream, log });
 *   processor.stats().pipeline.repaired;
 */
import type { Alert } from '../domain/alert';
import type { SatelliteCatalogue } from '../domain/mission/fleet';
import type { MissionDatabase } from '../domain/mission/mission-database';
import type { QuarantineMessage } from '../domain/quarantine-message';
import type { SampleFrame } from '../domain/sample-frame';
import { encodeSampleFrames, MAX_FRAMES_PER_MESSAGE } from '../domain/sample-frame-codec';
import { defaultRuleSet } from '../domain/stream/rules/load-rule-set';
import { RuleEngine } from '../domain/stream/rules/rule-engine';
import type { RuleSet } from '../domain/stream/rules/rule-set';
import { TelemetryPipeline, type BatchResult, type PipelineQuarantine, type PipelineStats } from '../domain/stream/telemetry-pipeline';
import type { PerigeeMetrics } from '../observability/perigee-metrics';
import type { WindowAggregate } from '../domain/stream/window-aggregate';
import { WindowAggregator, type WindowAggregatorStats } from '../domain/stream/window-aggregator';
import { encodeWindowAggregates, MAX_AGGREGATES_PER_MESSAGE } from '../domain/stream/window-aggregate-codec';
import type { Config } from '../config';
import type { Logger } from '../log';
import type { Bus, BusMessage, ConsumedBatch } from '../ports/bus';
import { TOPICS, type Topic } from '../topics';
import { stage } from '../topology';
import { contractHeader, type ContractName } from '../contracts/event-contracts';
import { LaneOutbox, type LaneOutboxStats, type LaneOutputs } from './lane-outbox';
import { rawPacketInput } from './raw-packet-input';

/**
 * Most real-time packets handed to the pipeline at once: the in-process bus's
 * own batch size. On Kafka a backlog's small fetches are gathered up to it
 * (SubscribeOptions.gather), so its outputs go in fewer, fuller messages and
 * sends; a caught-up partition hands over each fetch at once.
 */
export const REALTIME_BATCH_MESSAGES = 500;

/**
 * Longest the real-time lane's fetch waits when its partitions have nothing
 * new, ms. Alarms raised here reach the consoles no sooner than the fetch
 * that brings their packet returns: librdkafka's mock cluster holds such a
 * fetch for the whole wait even when data arrives meanwhile (a broker
 * answers as soon as there is data), and the default 100 ms put ~50 ms on
 * every alarm. The playback lane keeps the bus default: a dump can wait.
 */
export const REALTIME_MAX_WAIT_MS = 20;

export interface ProcessorOptions {
  bus: Bus;
  mdb: MissionDatabase;
  fleet: SatelliteCatalogue;
  groupId: string;
  stream: Config['stream'];
  log: Logger;
  /** The rules to run; the mission's rules file when omitted. */
  rules?: RuleSet;
  /**
   * Thresholds an admin set (db rule_thresholds): read before the first batch
   * and every `refreshMs`, so a change applies without a restart. Without it
   * the rules run with their file's thresholds.
   */
  thresholds?: ThresholdSource;
  metrics?: PerigeeMetrics;
  /**
   * The lanes this processor runs (both by default): the real-time lane
   * (windows, rules, alarms) and the playback lane (dumps). Run apart, each
   * in a process of its own, the real-time lane can keep its priority while
   * the process doing a dump's bulk work gives way (WORKER_PARTS).
   */
  lanes?: { readonly realtime: boolean; readonly playback: boolean };
}

export interface ThresholdSource {
  /** Stored thresholds by rule id; rules without one run with their file's. */
  read(): Promise<ReadonlyMap<string, number>>;
  /** How often to read them again, ms. */
  readonly refreshMs: number;
}

export interface ProcessorStats {
  batches: number;
  /** Slices of the playback lane handled: a dump goes through in slices of at most stream.playbackBatchMessages. */
  playbackBatches: number;
  pipeline: PipelineStats;
  /** The playback lane's pipeline. */
  playback: PipelineStats;
  windows: WindowAggregatorStats;
  alerts: number;
  /** Each lane's outputs whose send failed, held for the redelivery of their batch (see LaneOutbox). */
  outbox: { realtime: LaneOutboxStats; playback: LaneOutboxStats };
}

export interface Processor {
  stats(): ProcessorStats;
  /** Reads the stored thresholds now (the timer does it every refreshMs); resolves with the rules whose threshold changed. */
  refreshThresholds(): Promise<readonly { ruleId: string; from: number; to: number }[]>;
  /** The thresholds the rules run with now, by rule id. */
  thresholds(): ReadonlyMap<string, number>;
  stop(): Promise<void>;
}

const NO_OUTBOX: LaneOutboxStats = { failedSends: 0, redelivered: 0, heldMessages: 0 };

/** A message of a versioned event contract, its schema named in the header. */
function json(contract: ContractName, key: number | null, value: unknown): BusMessage {
  return { key: key === null ? null : String(key), value: Buffer.from(JSON.stringify(value)), headers: contractHeader(contract) };
}

/**
 * Items of a binary contract grouped per satellite (keyed by it, so they
 * stay in order on one partition), at most `perMessage` in one message.
 */
function perSatelliteMessages<T extends { readonly satelliteId: number }>(
  contract: ContractName,
  items: readonly T[],
  perMessage: number,
  encode: (items: readonly T[]) => Buffer,
): BusMessage[] {
  const bySatellite = new Map<number, T[]>();
  for (const item of items) {
    const list = bySatellite.get(item.satelliteId);
    if (list) list.push(item);
    else bySatellite.set(item.satelliteId, [item]);
  }
  const messages: BusMessage[] = [];
  const headers = contractHeader(contract);
  for (const [satelliteId, list] of bySatellite) {
    for (let i = 0; i < list.length; i += perMessage) messages.push({ key: String(satelliteId), value: encode(list.slice(i, i + perMessage)), headers });
  }
  return messages;
}

/** Accepted frames as the processor publishes them on telemetry.samples (sample-frame@2). */
export function sampleFrameMessages(frames: readonly SampleFrame[]): BusMessage[] {
  return perSatelliteMessages('sample-frame', frames, MAX_FRAMES_PER_MESSAGE, encodeSampleFrames);
}

function quarantineMessage(q: PipelineQuarantine): QuarantineMessage {
  const { input } = q;
  return {
    stage: 'processor',
    reason: q.reason,
    detail: q.detail,
    receivedAtMs: input.arrivalMs,
    source: `${input.topic}[${input.partition}]@${input.offset}`,
    payloadBase64: Buffer.from(input.bytes).toString('base64'),
    satelliteId: q.satelliteId,
    apid: q.apid,
    origin: { topic: input.topic, partition: input.partition, offset: input.offset },
    ...(q.parameterId === undefined ? {} : { parameterId: q.parameterId }),
  };
}

/** The telemetry pipeline of one processing lane, as configured; reprocessing builds its lanes the same way. */
export function createLanePipeline(mdb: MissionDatabase, fleet: SatelliteCatalogue, stream: Config['stream']): TelemetryPipeline {
  return new TelemetryPipeline({
    mdb,
    fleet,
    dedupe: { windowMs: stream.dedupeWindowMs, maxEntries: stream.dedupeMaxEntries },
    time: { driftBoundMs: stream.clockDriftBoundMs, knownClockOffsetsMs: stream.knownClockOffsetsMs },
  });
}

export async function startProcessor({
  bus,
  mdb,
  fleet,
  groupId,
  stream,
  log,
  rules,
  thresholds,
  metrics,
  lanes = { realtime: true, playback: true },
}: ProcessorOptions): Promise<Processor> {
  if (!lanes.realtime && !lanes.playback) throw new RangeError('a processor runs at least one lane');
  // Each lane keeps its own dedupe and clock state: a dump's old times never disturb the live ones.
  const pipeline = createLanePipeline(mdb, fleet, stream);
  const playback = createLanePipeline(mdb, fleet, stream);
  const windows = new WindowAggregator({ allowedLatenessMs: stream.allowedLatenessMs });
  const engine = new RuleEngine({ mdb, rules: rules ?? defaultRuleSet(mdb), allowedLatenessMs: stream.allowedLatenessMs });
  // Batches are handled one at a time on this event loop, so a retune lands between two batches, never inside one.
  let thresholdsUnreadable = false;
  // Only the real-time lane runs rules: a processor without it has no thresholds to read.
  const ruleThresholds = lanes.realtime ? thresholds : undefined;
  const refreshThresholds = async () => {
    if (!ruleThresholds) return [];
    try {
      const changed = engine.setThresholds(await ruleThresholds.read());
      for (const c of changed) log.info(`rule ${c.ruleId}: threshold ${c.from} → ${c.to}`);
      if (thresholdsUnreadable) log.info('rule thresholds readable again');
      thresholdsUnreadable = false;
      return changed;
    } catch (error) {
      // Keep running with the thresholds last read: an outage must not stop the rules.
      if (!thresholdsUnreadable) log.warn('cannot read rule thresholds; keeping the current ones and retrying', { error });
      thresholdsUnreadable = true;
      return [];
    }
  };
  await refreshThresholds();
  const thresholdTimer = ruleThresholds ? setInterval(() => void refreshThresholds(), ruleThresholds.refreshMs) : undefined;
  thresholdTimer?.unref();
  let batches = 0;
  let playbackBatches = 0;
  let alertCount = 0;

  const observe = (lane: 'realtime' | 'playback', batch: ConsumedBatch, processed: number, result: BatchResult, group: string) => {
    if (!metrics) return;
    metrics.recordLag(group, batch);
    metrics.packetsProcessed.inc({ lane }, processed);
    metrics.samplesAccepted.inc({ lane }, result.frames.reduce((n, f) => n + f.parameterIds.length, 0));
    metrics.duplicates.inc(result.duplicates);
    metrics.timeRepaired.inc(result.repaired);
    for (const q of result.quarantine) metrics.quarantined.inc({ stage: 'processor', reason: q.reason });
  };

  /** Sends a batch's outputs through the lane's outbox, counting what a failed send left held. */
  const publish = async (lane: 'realtime' | 'playback', outbox: LaneOutbox, batch: ConsumedBatch, fresh: number, outputs: LaneOutputs) => {
    if (fresh < batch.messages.length) metrics?.redeliveredPackets.inc({ lane }, batch.messages.length - fresh);
    try {
      await outbox.publish(batch, outputs);
    } catch (error) {
      metrics?.failedSends.inc({ lane });
      throw error;
    } finally {
      metrics?.heldOutputs.set({ lane }, outbox.stats().heldMessages);
    }
  };
  const laneOutputs = (result: BatchResult): Array<readonly [Topic, BusMessage[]]> => [
    [TOPICS.samples, sampleFrameMessages(result.frames)],
    [TOPICS.quarantine, result.quarantine.map((q) => json('quarantine', q.satelliteId, quarantineMessage(q)))],
  ];

  // Each lane sends through a producer of its own, made only when the lane runs: on Kafka a producer's
  // requests share its broker connections and are answered in order, so live outputs would queue behind a dump's.
  // A batch's offsets are committed only once all of its outputs are on the bus; the outbox keeps them until then.
  const handleRealtime = (outbox: LaneOutbox) => async (batch: ConsumedBatch) => {
    const fresh = outbox.unprocessed(batch);
    const result = pipeline.processBatch(fresh.map(rawPacketInput));
    observe('realtime', batch, fresh.length, result, groupId);
    for (const frame of result.frames) windows.add(frame);
    const aggregates: WindowAggregate[] = windows.advance();
    const alerts: Alert[] = engine.process(result.frames);
    const outputs: LaneOutputs = [
      ...laneOutputs(result),
      [TOPICS.aggregates, perSatelliteMessages('window-aggregate', aggregates, MAX_AGGREGATES_PER_MESSAGE, encodeWindowAggregates)],
      [TOPICS.alerts, alerts.map((a) => json('alert', a.satelliteId, a))],
    ];
    // Counted when processed: after a failed send they are held, not processed again.
    alertCount += alerts.length;
    metrics?.lateSamples.set(windows.stats.lateSamples);
    for (const alert of alerts) {
      metrics?.alerts.inc({ rule: alert.ruleId, kind: alert.kind });
      if (alert.kind === 'raised') log.debug(`alert ${alert.severity}: ${alert.message}`, { id: alert.id });
    }
    await publish('realtime', outbox, batch, fresh.length, outputs);
    batches++;
  };

  // The playback lane: no windows, no rules — old data raises no live alarm.
  const handlePlayback = (outbox: LaneOutbox) => async (batch: ConsumedBatch) => {
    playbackBatches++;
    const fresh = outbox.unprocessed(batch);
    const result = playback.processBatch(fresh.map(rawPacketInput));
    observe('playback', batch, fresh.length, result, `${groupId}-playback`);
    await publish('playback', outbox, batch, fresh.length, laneOutputs(result));
  };
  const outboxes = {
    realtime: lanes.realtime ? new LaneOutbox(await bus.producer()) : undefined,
    playback: lanes.playback ? new LaneOutbox(await bus.producer()) : undefined,
  };

  const subscription = !lanes.realtime ? undefined : await bus.subscribe({
    groupId,
    topics: stage('processor').consumes,
    fromBeginning: true,
    eachBatch: handleRealtime(outboxes.realtime!),
    partitionsConcurrently: stream.processorPartitionsConcurrently,
    maxBatchMessages: REALTIME_BATCH_MESSAGES,
    maxWaitMs: REALTIME_MAX_WAIT_MS,
    gather: true,
  });
  const playbackSubscription = !lanes.playback ? undefined : await bus.subscribe({
    groupId: `${groupId}-playback`,
    topics: stage('processor-playback').consumes,
    fromBeginning: true,
    eachBatch: handlePlayback(outboxes.playback!),
    // Pacing: a dump goes through in small slices, and the live lane runs between them.
    maxBatchMessages: stream.playbackBatchMessages,
    gather: true,
  });
  const running = [
    ...(subscription ? [`${stage('processor').consumes.join(', ')} as group ${groupId}`] : []),
    ...(playbackSubscription ? [`${stage('processor-playback').consumes.join(', ')} as ${groupId}-playback`] : []),
  ];
  log.info(`processing ${running.join(', ')}, on ${bus.description}`);
  return {
    stats: () => ({
      batches,
      playbackBatches,
      pipeline: pipeline.stats(),
      playback: playback.stats(),
      windows: windows.stats,
      alerts: alertCount,
      outbox: { realtime: outboxes.realtime?.stats() ?? NO_OUTBOX, playback: outboxes.playback?.stats() ?? NO_OUTBOX },
    }),
    refreshThresholds,
    thresholds: () => engine.thresholds(),
    stop: async () => {
      clearInterval(thresholdTimer);
      await subscription?.stop();
      await playbackSubscription?.stop();
    },
  };
}
