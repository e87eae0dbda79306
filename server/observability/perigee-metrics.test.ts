import { afterEach, describe, expect, it } from 'vitest';
import { TOPICS } from '../topics';
import { startMetricsServer, type MetricsServer } from './metrics-server';
import { PerigeeMetrics } from './perigee-metrics';

const batch = (highWatermark: string, offsets: string[], timestampsMs: number[] = offsets.map(() => 0)) => ({
  topic: TOPICS.rawPower,
  partition: 2,
  highWatermark,
  messages: offsets.map((offset, i) => ({ topic: TOPICS.rawPower, partition: 2, offset, key: null, value: Buffer.alloc(0), headers: {}, timestampMs: timestampsMs[i]! })),
});

describe('Observability > PerigeeMetrics', () => {
  let server: MetricsServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('records consumer lag as the partition end minus the next offset', async () => {
    const metrics = new PerigeeMetrics({ processMetrics: false });
    metrics.recordLag('perigee-archiver', batch('120', ['97', '98', '99']));
    metrics.recordLag('perigee-processor', batch('120', ['119']));
    const lag = await metrics.consumerLag.get();
    expect(lag.values.map((v) => [v.labels.group, v.labels.topic, v.labels.partition, v.value])).toEqual([
      ['perigee-archiver', 'telemetry.raw.power', '2', 20],
      ['perigee-processor', 'telemetry.raw.power', '2', 0],
    ]);
  });

  it('records lag in seconds as now minus the log time of the last consumed message, and 0 once caught up', async () => {
    let nowMs = 1_000_000;
    const metrics = new PerigeeMetrics({ processMetrics: false, nowMs: () => nowMs });
    metrics.recordLag('perigee-archiver', batch('120', ['97', '98', '99'], [985_000, 986_000, 987_500]));
    metrics.recordLag('perigee-processor', batch('120', ['119'], [999_900]));
    const seconds = async () => (await metrics.consumerLagSeconds.get()).values.map((v) => [v.labels.group, v.labels.partition, v.value]);
    expect(await seconds()).toEqual([
      ['perigee-archiver', '2', 12.5],
      ['perigee-processor', '2', 0],
    ]);
    // A consumer that stops fetching falls further behind with every scrape.
    nowMs += 4000;
    expect(await seconds()).toEqual([
      ['perigee-archiver', '2', 16.5],
      ['perigee-processor', '2', 0],
    ]);
    // The next batch reaches the end of the partition.
    metrics.recordLag('perigee-archiver', batch('120', ['100', '119'], [988_000, 1_003_000]));
    expect((await seconds())[0]).toEqual(['perigee-archiver', '2', 0]);
    expect((await metrics.consumerMessages.get()).values.map((v) => [v.labels.group, v.labels.topic, v.value])).toEqual([
      ['perigee-archiver', 'telemetry.raw.power', 5],
      ['perigee-processor', 'telemetry.raw.power', 1],
    ]);
  });

  it('serves Prometheus text at /metrics and nothing else', async () => {
    const metrics = new PerigeeMetrics();
    metrics.quarantined.inc({ stage: 'processor', reason: 'crc-mismatch' }, 3);
    metrics.packetsReceived.inc({ transport: 'udp' });
    metrics.onboardToEmitSeconds.observe(0.04);
    server = await startMetricsServer({ host: '127.0.0.1', port: 0, metrics });
    const response = await fetch(`http://127.0.0.1:${server.port}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain('perigee_quarantined_total{stage="processor",reason="crc-mismatch"} 3');
    expect(text).toContain('perigee_gateway_packets_total{transport="udp"} 1');
    expect(text).toContain('perigee_onboard_to_emit_seconds_bucket{le="0.05"} 1');
    expect(text).toContain('perigee_onboard_to_emit_seconds_bucket{le="0.025"} 0');
    expect(text).toContain('# TYPE perigee_consumer_lag_seconds gauge');
    expect(text).toMatch(/perigee_process_resident_memory_bytes \d+/);
    expect((await fetch(`http://127.0.0.1:${server.port}/`)).status).toBe(404);
  });

  it('serves the families of its sources merged with its own: same labels add up, the rest side by side', async () => {
    let nowMs = 1_000_000;
    const metrics = new PerigeeMetrics({ nowMs: () => nowMs });
    const thread = new PerigeeMetrics({ processMetrics: false, nowMs: () => nowMs });
    metrics.samplesAccepted.inc({ lane: 'playback' }, 400);
    metrics.alerts.inc({ rule: 'limit', kind: 'raised' });
    metrics.onboardToEmitSeconds.observe(0.02);
    metrics.recordLag('perigee-processor-playback', batch('120', ['99'], [990_000]));
    thread.samplesAccepted.inc({ lane: 'realtime' }, 25);
    thread.alerts.inc({ rule: 'limit', kind: 'raised' }, 2);
    thread.lateSamples.set(3);
    thread.onboardToEmitSeconds.observe(0.02);
    thread.onboardToEmitSeconds.observe(0.3);
    thread.recordLag('perigee-processor', batch('120', ['115'], [997_000]));
    metrics.addSource(() => thread.families());
    nowMs += 1000;

    const text = await metrics.text();
    expect(text).toContain('perigee_processor_samples_total{lane="playback"} 400\n');
    expect(text).toContain('perigee_processor_samples_total{lane="realtime"} 25\n');
    expect(text).toContain('perigee_processor_alerts_total{rule="limit",kind="raised"} 3\n');
    expect(text).toContain('perigee_processor_late_samples 3\n');
    expect(text).toContain('perigee_onboard_to_emit_seconds_bucket{le="0.025"} 2\n');
    expect(text).toContain('perigee_onboard_to_emit_seconds_count 3\n');
    // Each group's lag, computed at the time of reading in the registry that consumed it.
    expect(text).toContain('perigee_consumer_lag_messages{group="perigee-processor",topic="telemetry.raw.power",partition="2"} 4\n');
    expect(text).toContain('perigee_consumer_lag_seconds{group="perigee-processor",topic="telemetry.raw.power",partition="2"} 4\n');
    expect(text).toContain('perigee_consumer_lag_seconds{group="perigee-processor-playback",topic="telemetry.raw.power",partition="2"} 11\n');
    // Families only this registry has pass through as they are, the start time among them.
    expect(text).toMatch(/^perigee_process_start_time_seconds \d+/m);
    expect(text).toMatch(/^perigee_process_resident_memory_bytes \d+/m);
    expect((await metrics.families()).find((f) => f.name === 'perigee_processor_samples_total')?.values).toEqual([
      { value: 400, labels: { lane: 'playback' } },
      { value: 25, labels: { lane: 'realtime' } },
    ]);
  });

  it('serves its own families, and reports the source, when a source cannot answer', async () => {
    const metrics = new PerigeeMetrics({ processMetrics: false });
    metrics.samplesAccepted.inc({ lane: 'playback' }, 5);
    const errors: unknown[] = [];
    metrics.addSource(() => Promise.reject(new Error('the thread did not answer')), (error) => errors.push(error));
    expect(await metrics.text()).toContain('perigee_processor_samples_total{lane="playback"} 5\n');
    expect(errors.map((e) => (e as Error).message)).toEqual(['the thread did not answer']);
  });
});
