import { afterEach, describe, expect, it } from 'vitest';
import { TOPICS } from '../topics';
import { startMetricsServer, type MetricsServer } from './metrics-server';
import { PerigeeMetrics } from './perigee-metrics';

const batch = (highWatermark: string, offsets: string[]) => ({
  topic: TOPICS.rawPower,
  partition: 2,
  highWatermark,
  messages: offsets.map((offset) => ({ topic: TOPICS.rawPower, partition: 2, offset, key: null, value: Buffer.alloc(0), headers: {}, timestampMs: 0 })),
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
    expect(text).toMatch(/perigee_process_resident_memory_bytes \d+/);
    expect((await fetch(`http://127.0.0.1:${server.port}/`)).status).toBe(404);
  });
});
