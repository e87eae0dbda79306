/**
 * Perigee's Prometheus metrics, one registry per process: what the ingest
 * gateway, the processor, the archiver and the live feed count and time,
 * plus consumer lag per group and partition, and the process's own memory
 * and event-loop delay. Served as Prometheus text at /metrics.
 *
 * @example
 *   const metrics = new PerigeeMetrics();
 *   metrics.quarantined.inc({ stage: 'processor', reason: 'crc-mismatch' });
 *   await metrics.registry.metrics(); // "# HELP perigee_quarantined_total …"
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ConsumedBatch } from '../ports/bus';

/** Latency buckets, seconds: 5 ms … 30 s. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export class PerigeeMetrics {
  readonly registry = new Registry();
  readonly packetsReceived = new Counter({ name: 'perigee_gateway_packets_total', help: 'Packets received by the ingest gateway', labelNames: ['transport'] as const, registers: [this.registry] });
  readonly eventsReceived = new Counter({ name: 'perigee_gateway_events_total', help: 'Ground-station events accepted by the ingest gateway', registers: [this.registry] });
  readonly quarantined = new Counter({ name: 'perigee_quarantined_total', help: 'Packets, samples and messages refused, by stage and reason', labelNames: ['stage', 'reason'] as const, registers: [this.registry] });
  readonly packetsProcessed = new Counter({ name: 'perigee_processor_packets_total', help: 'Packets the processor consumed, by lane', labelNames: ['lane'] as const, registers: [this.registry] });
  readonly samplesAccepted = new Counter({ name: 'perigee_processor_samples_total', help: 'Samples the processor accepted, by lane', labelNames: ['lane'] as const, registers: [this.registry] });
  readonly duplicates = new Counter({ name: 'perigee_processor_duplicates_total', help: 'Retransmitted packets dropped by the dedupe window', registers: [this.registry] });
  readonly timeRepaired = new Counter({ name: 'perigee_processor_time_repaired_total', help: 'Packets whose drifted onboard time was repaired', registers: [this.registry] });
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
  readonly consumerLag = new Gauge({ name: 'perigee_consumer_lag_messages', help: 'Messages behind the partition end after the last batch, per consumer group', labelNames: ['group', 'topic', 'partition'] as const, registers: [this.registry] });

  constructor({ processMetrics = true }: { processMetrics?: boolean } = {}) {
    // Memory, CPU and event-loop delay of this process.
    if (processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'perigee_' });
  }

  /** Lag of a group on a partition once `batch` is handled: the partition's end minus the next offset. */
  recordLag(group: string, batch: ConsumedBatch): void {
    const last = batch.messages[batch.messages.length - 1];
    if (!last) return;
    const lag = BigInt(batch.highWatermark) - BigInt(last.offset) - 1n;
    this.consumerLag.set({ group, topic: batch.topic, partition: String(batch.partition) }, Number(lag < 0n ? 0n : lag));
  }
}
