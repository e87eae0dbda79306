import { describe, expect, it } from 'vitest';
import type { ConsumedBatch } from '../ports/bus';
import { TOPICS, type Topic } from '../topics';
import { buildOpsSnapshot, groupRole } from './ops-snapshot';
import { PerigeeMetrics } from './perigee-metrics';

const T0 = 1_700_000_000_000;

const batch = (topic: Topic, partition: number, highWatermark: number, firstOffset: number, count: number, lastTimestampMs: number): ConsumedBatch => ({
  topic,
  partition,
  highWatermark: String(highWatermark),
  messages: Array.from({ length: count }, (_, i) => ({
    topic,
    partition,
    offset: String(firstOffset + i),
    key: null,
    value: Buffer.alloc(0),
    headers: {},
    timestampMs: lastTimestampMs - (count - 1 - i) * 10,
  })),
});

describe('Observability > buildOpsSnapshot', () => {
  it('has lag, throughput totals and quarantine counts but no rates on the first snapshot', async () => {
    let nowMs = T0;
    const metrics = new PerigeeMetrics({ processMetrics: false, nowMs: () => nowMs });
    metrics.recordLag('perigee-archiver', batch(TOPICS.rawPower, 0, 110, 90, 10, T0 - 3000)); // 10 behind
    metrics.recordLag('perigee-archiver', batch(TOPICS.rawThermal, 1, 50, 45, 5, T0 - 500)); // caught up
    metrics.recordLag('perigee-live-e2e', batch(TOPICS.rawPower, 0, 110, 100, 10, T0 - 100));
    metrics.packetsReceived.inc({ transport: 'tcp' }, 40);
    metrics.quarantined.inc({ stage: 'processor', reason: 'crc-mismatch' }, 2);
    metrics.quarantined.inc({ stage: 'ingest', reason: 'bad-event' });
    metrics.quarantined.inc({ stage: 'ingest', reason: 'oversized-event' }, 2);

    const snapshot = buildOpsSnapshot(await metrics.registry.getMetricsAsJSON(), null, nowMs);

    expect(snapshot.rateIntervalMs).toBeNull();
    expect(snapshot.groups).toEqual([
      {
        group: 'perigee-archiver',
        role: 'archiver',
        lagMessages: 10,
        lagSeconds: 3,
        consumedPerSecond: null,
        state: 'up',
        partitions: [
          { topic: 'telemetry.raw.power', partition: 0, lagMessages: 10, lagSeconds: 3 },
          { topic: 'telemetry.raw.thermal', partition: 1, lagMessages: 0, lagSeconds: 0 },
        ],
      },
      {
        group: 'perigee-live-e2e',
        role: 'live feed',
        lagMessages: 0,
        lagSeconds: 0,
        consumedPerSecond: null,
        state: 'up',
        partitions: [{ topic: 'telemetry.raw.power', partition: 0, lagMessages: 0, lagSeconds: 0 }],
      },
    ]);
    expect(snapshot.throughput.filter((r) => r.total > 0)).toEqual([
      { stage: 'gateway', what: 'packets received (tcp)', total: 40, perSecond: null },
      { stage: 'consumers', what: 'perigee-archiver ← telemetry.raw.power', total: 10, perSecond: null },
      { stage: 'consumers', what: 'perigee-archiver ← telemetry.raw.thermal', total: 5, perSecond: null },
      { stage: 'consumers', what: 'perigee-live-e2e ← telemetry.raw.power', total: 10, perSecond: null },
    ]);
    expect(snapshot.quarantine).toEqual([
      { stage: 'ingest', reason: 'oversized-event', count: 2 },
      { stage: 'processor', reason: 'crc-mismatch', count: 2 },
      { stage: 'ingest', reason: 'bad-event', count: 1 },
    ]);
    expect(snapshot.stages.map((s) => [s.stage, s.state])).toEqual([
      ['gateway', 'up'],
      ['archiver', 'up'],
      ['live feed', 'up'],
    ]);
  });

  it('turns counter increases into per-second rates over the time between snapshots', async () => {
    let nowMs = T0;
    const metrics = new PerigeeMetrics({ processMetrics: false, nowMs: () => nowMs });
    metrics.recordLag('perigee-processor', batch(TOPICS.rawPower, 0, 100, 0, 100, T0));
    metrics.packetsReceived.inc({ transport: 'tcp' }, 100);
    metrics.samplesArchived.inc(1000);
    const first = buildOpsSnapshot(await metrics.registry.getMetricsAsJSON(), null, nowMs);

    nowMs += 2500;
    metrics.recordLag('perigee-processor', batch(TOPICS.rawPower, 0, 150, 100, 50, nowMs));
    metrics.packetsReceived.inc({ transport: 'tcp' }, 25);
    metrics.samplesArchived.inc(500);
    const second = buildOpsSnapshot(await metrics.registry.getMetricsAsJSON(), first, nowMs);

    expect(second.rateIntervalMs).toBe(2500);
    const rate = (what: string) => second.throughput.find((r) => r.what === what)?.perSecond;
    expect(rate('packets received (tcp)')).toBe(10);
    expect(rate('samples stored')).toBe(200);
    expect(rate('perigee-processor ← telemetry.raw.power')).toBe(20);
    expect(second.groups[0]).toMatchObject({ group: 'perigee-processor', consumedPerSecond: 20, state: 'up' });

    // Nothing moves for 2 s: the consumer is idle, the gateway too.
    nowMs += 2000;
    const third = buildOpsSnapshot(await metrics.registry.getMetricsAsJSON(), second, nowMs);
    expect(rate('packets received (tcp)')).toBe(10);
    expect(third.throughput.find((r) => r.what === 'packets received (tcp)')?.perSecond).toBe(0);
    expect(third.stages).toEqual([
      { stage: 'gateway', state: 'idle', detail: 'no packets since the last snapshot' },
      { stage: 'processor', state: 'idle', detail: 'perigee-processor: 0 msg / 0.0 s behind' },
    ]);
  });

  it('treats a counter that went down as reset, counting its whole value as new', () => {
    const families = [{ name: 'perigee_archiver_samples_total', values: [{ value: 30, labels: {} }] }];
    const snapshot = buildOpsSnapshot(families, { atMs: T0, counters: { 'perigee_archiver_samples_total{}': 5000 } }, T0 + 3000);
    expect(snapshot.throughput).toEqual([{ stage: 'archiver', what: 'samples stored', total: 30, perSecond: 10 }]);
  });

  it('calls a group lagging once its oldest unconsumed message is older than the threshold, and the gateway paused under backpressure', async () => {
    const nowMs = T0;
    const metrics = new PerigeeMetrics({ processMetrics: false, nowMs: () => nowMs });
    metrics.recordLag('perigee-archiver', batch(TOPICS.rawPower, 0, 5000, 0, 100, T0 - 12_000));
    metrics.gatewayPausedConnections.inc(2);
    const snapshot = buildOpsSnapshot(await metrics.registry.getMetricsAsJSON(), null, nowMs, { lagThresholdSeconds: 10 });
    expect(snapshot.groups[0]).toMatchObject({ lagMessages: 4900, lagSeconds: 12, state: 'lagging' });
    expect(snapshot.stages).toEqual([
      { stage: 'gateway', state: 'paused', detail: '2 connections paused by backpressure' },
      { stage: 'archiver', state: 'lagging', detail: 'perigee-archiver: 4900 msg / 12.0 s behind' },
    ]);
  });

  it('estimates p50/p95/p99 latency from the histograms since start', async () => {
    const metrics = new PerigeeMetrics({ processMetrics: false });
    // 100 emits: 60 in (10, 25] ms, 35 in (25, 50] ms, 5 in (50, 100] ms.
    for (let i = 0; i < 60; i++) metrics.onboardToEmitSeconds.observe(0.02);
    for (let i = 0; i < 35; i++) metrics.onboardToEmitSeconds.observe(0.04);
    for (let i = 0; i < 5; i++) metrics.onboardToEmitSeconds.observe(0.08);
    const { latency } = buildOpsSnapshot(await metrics.registry.getMetricsAsJSON(), null, T0);
    const emit = latency.find((l) => l.id === 'onboard-to-emit')!;
    expect(emit.count).toBe(100);
    expect(emit.p50Seconds).toBeCloseTo(0.01 + 0.015 * (50 / 60), 12);
    expect(emit.p95Seconds).toBeCloseTo(0.05, 12);
    expect(emit.p99Seconds).toBeCloseTo(0.05 + 0.05 * (4 / 5), 12);
    expect(latency.find((l) => l.id === 'db-write')).toEqual({ id: 'db-write', label: 'db write (archive batch)', count: 0, p50Seconds: null, p95Seconds: null, p99Seconds: null });
  });

  it('names each group by its role', () => {
    expect(['perigee-processor', 'perigee-processor-playback', 'perigee-archiver', 'perigee-archiver-alarms', 'perigee-live-node-a', 'perigee-alarms-node-a', 'custom'].map(groupRole)).toEqual([
      'processor',
      'processor playback',
      'archiver',
      'archiver alarm lane',
      'live feed',
      'alarm feed',
      'custom',
    ]);
  });
});
