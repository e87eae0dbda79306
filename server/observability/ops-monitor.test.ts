import { describe, expect, it } from 'vitest';
import { OpsMonitor } from './ops-monitor';
import { PerigeeMetrics } from './perigee-metrics';

describe('Observability > OpsMonitor', () => {
  it('rates each sample against the one before and keeps the lag history bounded', async () => {
    let nowMs = 10_000;
    const metrics = new PerigeeMetrics({ processMetrics: false, nowMs: () => nowMs });
    const monitor = new OpsMonitor({ metrics, sampleIntervalMs: 2000, historyMs: 4000, nowMs: () => nowMs });
    const lag = (n: number) =>
      metrics.recordLag('perigee-archiver', {
        topic: 'telemetry.raw.power',
        partition: 0,
        highWatermark: String(100 + n),
        messages: [{ topic: 'telemetry.raw.power', partition: 0, offset: '99', key: null, value: Buffer.alloc(0), headers: {}, timestampMs: nowMs - 1000 }],
      });
    for (const n of [4, 8, 0]) {
      lag(n);
      metrics.samplesArchived.inc(50);
      await monitor.sample();
      nowMs += 2000;
    }
    const { snapshot, history } = await monitor.view();
    expect(snapshot.throughput.find((r) => r.what === 'samples stored')).toEqual({ stage: 'archiver', what: 'samples stored', total: 150, perSecond: 25 });
    expect(history).toEqual({
      atMs: [12_000, 14_000],
      groups: { 'perigee-archiver': { lagMessages: [8, 0], lagSeconds: [1, 0] } },
    });
  });

  it('tells onSample of every sample, and keeps sampling when it fails', async () => {
    const metrics = new PerigeeMetrics({ processMetrics: false, nowMs: () => 5000 });
    const seen: number[] = [];
    let calls = 0;
    const monitor = new OpsMonitor({
      metrics,
      nowMs: () => 5000 + 2000 * calls,
      onSample: (snapshot) => {
        seen.push(snapshot.atMs);
        if (calls++ === 0) throw new Error('alarm store away');
      },
    });
    await monitor.sample();
    await monitor.sample();
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([5000, 7000]);
  });

  it('samples the groups a source counts (a lane on a worker thread) with its own, so their lag is watched too', async () => {
    const nowMs = 20_000;
    const metrics = new PerigeeMetrics({ processMetrics: false, nowMs: () => nowMs });
    const thread = new PerigeeMetrics({ processMetrics: false, nowMs: () => nowMs });
    const consumed = (on: PerigeeMetrics, group: string, highWatermark: number, atMs: number) =>
      on.recordLag(group, {
        topic: 'telemetry.raw.power',
        partition: 1,
        highWatermark: String(highWatermark),
        messages: [{ topic: 'telemetry.raw.power', partition: 1, offset: '49', key: null, value: Buffer.alloc(0), headers: {}, timestampMs: atMs }],
      });
    consumed(metrics, 'perigee-archiver', 50, 19_000);
    consumed(thread, 'perigee-processor', 62, 5_000);
    metrics.addSource(() => thread.families());
    const snapshot = await new OpsMonitor({ metrics, nowMs: () => nowMs }).sample();
    expect(snapshot.groups.map((g) => [g.group, g.lagMessages, g.lagSeconds, g.state])).toEqual([
      ['perigee-archiver', 0, 0, 'up'],
      ['perigee-processor', 12, 15, 'lagging'],
    ]);
  });

  it('refuses a history shorter than one sample', () => {
    expect(() => new OpsMonitor({ metrics: new PerigeeMetrics({ processMetrics: false }), sampleIntervalMs: 2000, historyMs: 1000 })).toThrow(RangeError);
  });
});
