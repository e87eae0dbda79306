/**
 * Perigee's Prometheus metrics, one registry per process: what the ingest
 * gateway, the processor, the archiver and the live feed count and time,
 * plus consumer lag per group and partition, and the process's own memory
 * and event-loop delay. Served as Prometheus text at /metrics. A part of
 * the process running on a worker thread keeps its own registry, added as
 * a source: its families are merged with these wherever they are read.
 *
 * @example
 *   const metrics = new PerigeeMetrics();
 *   metrics.quarantined.inc({ stage: 'processor', reason: 'crc-mismatch' });
 *   await metrics.text(); // "# HELP perigee_quarantined_total …"
 *   metrics.addSource(() => thread.metrics(), (error) => log.warn('thread metrics left out', { error })); // counted on a thread, served here
 */
import { AggregatorRegistry, Counter, Gauge, Histogram, Registry, collectDefaultMetrics, type MetricObjectWithValues, type MetricValue } from 'prom-client';
import type { ConsumedBatch } from '../ports/bus';

/** Latency buckets, seconds: 5 ms … 30 s. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** A registry's metric families as prom-client gives them as JSON (and as they cross to another thread). */
export type MetricFamilies = MetricObjectWithValues<MetricValue<string>>[];

/** Reads another registry's families (e.g. a worker thread's); rejects when it cannot answer. */
export type MetricSource = () => Promise<MetricFamilies>;

export class PerigeeMetrics {
  readonly registry = new Registry();
  /** The content type of text(). */
  readonly contentType = this.registry.contentType;
  readonly packetsReceived = new Counter({ name: 'perigee_gateway_packets_total', help: 'Packets received by the ingest gateway', labelNames: ['transport'] as const, registers: [this.registry] });
  readonly eventsReceived = new Counter({ name: 'perigee_gateway_events_total', help: 'Ground-station events accepted by the ingest gateway', registers: [this.registry] });
  readonly quarantined = new Counter({ name: 'perigee_quarantined_total', help: 'Packets, samples and messages refused, by stage and reason', labelNames: ['stage', 'reason'] as const, registers: [this.registry] });
  readonly packetsProcessed = new Counter({ name: 'perigee_processor_packets_total', help: 'Packets the processor consumed, by lane', labelNames: ['lane'] as const, registers: [this.registry] });
  readonly samplesAccepted = new Counter({ name: 'perigee_processor_samples_total', help: 'Samples the processor accepted, by lane', labelNames: ['lane'] as const, registers: [this.registry] });
  readonly duplicates = new Counter({ name: 'perigee_processor_duplicates_total', help: 'Retransmitted packets dropped by the dedupe window', registers: [this.registry] });
  readonly timeRepaired = new Counter({ name: 'perigee_processor_time_repaired_total', help: 'Packets whose drifted onboard time was repaired', registers: [this.registry] });
  readonly failedSends = new Counter({
    name: 'perigee_processor_failed_sends_total',
    help: 'Sends of processor outputs the bus refused, by lane; the outputs are held and go out when the batch comes again',
    labelNames: ['lane'] as const,
    registers: [this.registry],
  });
  readonly redeliveredPackets = new Counter({
    name: 'perigee_processor_redelivered_packets_total',
    help: 'Packets delivered again after a failed send, by lane: not processed again, their held outputs sent instead',
    labelNames: ['lane'] as const,
    registers: [this.registry],
  });
  readonly heldOutputs = new Gauge({ name: 'perigee_processor_held_outputs', help: 'Processor output messages held for a batch whose send failed, by lane', labelNames: ['lane'] as const, registers: [this.registry] });
  readonly lateSamples = new Gauge({ name: 'perigee_processor_late_samples', help: 'Samples that arrived after their 1 s window closed (since start)', registers: [this.registry] });
  readonly alerts = new Counter({ name: 'perigee_processor_alerts_total', help: 'Alerts raised or cleared by the stream rules', labelNames: ['rule', 'kind'] as const, registers: [this.registry] });
  readonly samplesArchived = new Counter({ name: 'perigee_archiver_samples_total', help: 'Samples newly stored by the archiver', registers: [this.registry] });
  readonly archiveBatchSeconds = new Histogram({ name: 'perigee_archiver_batch_seconds', help: 'Duration of one archive transaction', buckets: LATENCY_BUCKETS, registers: [this.registry] });
  readonly onboardToArchiveSeconds = new Histogram({ name: 'perigee_onboard_to_archive_seconds', help: 'Real-time packet age when its samples are committed (onboard time → archive)', buckets: LATENCY_BUCKETS, registers: [this.registry] });
  readonly onboardToEmitSeconds = new Histogram({ name: 'perigee_onboard_to_emit_seconds', help: 'Packet age when its live frame is emitted to Socket.IO (onboard time → emit)', buckets: LATENCY_BUCKETS, registers: [this.registry] });
  readonly framesEmitted = new Counter({ name: 'perigee_live_frames_total', help: 'Live frames broadcast to Socket.IO rooms', registers: [this.registry] });
  readonly framesWithheld = new Counter({ name: 'perigee_live_frames_withheld_total', help: 'Frame deliveries withheld from clients too far behind', registers: [this.registry] });
  readonly framesDropped = new Counter({ name: 'perigee_live_frames_dropped_total', help: 'Volatile frame deliveries dropped because the client transport was busy', registers: [this.registry] });
  readonly socketClients = new Gauge({ name: 'perigee_socket_clients', help: 'Connected Socket.IO clients', registers: [this.registry] });
  readonly gatewayPausedConnections = new Gauge({ name: 'perigee_gateway_paused_connections', help: 'TCP connections paused by backpressure until the bus catches up', registers: [this.registry] });
  readonly consumerLag = new Gauge({ name: 'perigee_consumer_lag_messages', help: 'Messages behind the partition end after the last batch, per consumer group', labelNames: ['group', 'topic', 'partition'] as const, registers: [this.registry] });
  readonly consumerLagSeconds = new Gauge({
    name: 'perigee_consumer_lag_seconds',
    help: 'Age of the oldest unconsumed message, per consumer group: 0 when caught up, else now minus the log time of the last consumed message',
    labelNames: ['group', 'topic', 'partition'] as const,
    registers: [this.registry],
    // Computed at scrape time, so a stalled consumer's lag keeps growing between its batches.
    collect: () => this.#collectLagSeconds(),
  });
  readonly consumerMessages = new Counter({ name: 'perigee_consumer_messages_total', help: 'Messages consumed, per consumer group and topic', labelNames: ['group', 'topic'] as const, registers: [this.registry] });

  readonly #nowMs: () => number;
  readonly #sources: { read: MetricSource; onError: (error: unknown) => void }[] = [];
  /** Per group/topic/partition: messages behind and the log time of the last consumed message, epoch ms. */
  readonly #partitions = new Map<string, { labels: LagLabels; lagMessages: number; lastConsumedMs: number }>();

  constructor({ processMetrics = true, nowMs = Date.now }: { processMetrics?: boolean; nowMs?: () => number } = {}) {
    this.#nowMs = nowMs;
    // Memory, CPU and event-loop delay of this process.
    if (processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'perigee_' });
  }

  /**
   * Merges another registry's families into this one's wherever they are
   * read (text(), families()): counters, histograms and gauges with the same
   * labels add up, so a lane counted on a thread shows as if counted here.
   * A source that fails is left out of that reading and reported to onError.
   */
  addSource(read: MetricSource, onError: (error: unknown) => void = () => {}): void {
    this.#sources.push({ read, onError });
  }

  /** Every family of this registry and its sources, as JSON (what the ops view reads). */
  async families(): Promise<MetricFamilies> {
    return this.#sources.length === 0 ? this.registry.getMetricsAsJSON() : (await this.#merged()).getMetricsAsJSON();
  }

  /** Prometheus text exposition of this registry and its sources. */
  async text(): Promise<string> {
    return this.#sources.length === 0 ? this.registry.metrics() : (await this.#merged()).metrics();
  }

  async #merged(): Promise<Registry> {
    const read = await Promise.all(
      this.#sources.map(({ read, onError }) =>
        read().catch((error: unknown) => {
          onError(error);
          return [];
        }),
      ),
    );
    const all = [await this.registry.getMetricsAsJSON(), ...read];
    // A family only one registry has passes through as it is (prom-client would drop one marked 'omit', e.g. the start time).
    const holders = new Map<string, number>();
    for (const families of all) for (const { name } of families) holders.set(name, (holders.get(name) ?? 0) + 1);
    for (const families of all) for (const family of families) if (holders.get(family.name) === 1) family.aggregator = 'first';
    return AggregatorRegistry.aggregate(all);
  }

  /** Lag of a group on a partition once `batch` is handled: the partition's end minus the next offset. */
  recordLag(group: string, batch: ConsumedBatch): void {
    const last = batch.messages[batch.messages.length - 1];
    if (!last) return;
    const lag = BigInt(batch.highWatermark) - BigInt(last.offset) - 1n;
    const labels: LagLabels = { group, topic: batch.topic, partition: String(batch.partition) };
    const lagMessages = Number(lag < 0n ? 0n : lag);
    this.consumerLag.set(labels, lagMessages);
    this.consumerMessages.inc({ group, topic: batch.topic }, batch.messages.length);
    this.#partitions.set(`${group}\u0000${batch.topic}\u0000${batch.partition}`, { labels, lagMessages, lastConsumedMs: last.timestampMs });
  }

  /**
   * The oldest unconsumed message was appended at or after the last consumed
   * one, so now minus the last consumed message's log time bounds its age from
   * above — and is exact for a steady stream, where the next message follows
   * immediately. Kafka reports no timestamp for messages not yet fetched.
   */
  #collectLagSeconds(): void {
    const nowMs = this.#nowMs();
    for (const { labels, lagMessages, lastConsumedMs } of this.#partitions.values()) {
      this.consumerLagSeconds.set(labels, lagMessages > 0 ? Math.max(0, nowMs - lastConsumedMs) / 1000 : 0);
    }
  }
}

type LagLabels = { group: string; topic: string; partition: string };
