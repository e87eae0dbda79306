import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import { PerigeeMetrics } from '../observability/perigee-metrics';
import { Lifecycle } from './lifecycle';
import { runPartThread, startPartThread } from './part-thread';

const entry = (query = '') => new URL(`./testing/thread-entry.ts${query}`, import.meta.url);

describe('Worker > part thread', () => {
  it('starts a thread of this process, reports its Linux thread id, and stops it without calling it a crash', async () => {
    const exits: number[] = [];
    const thread = await startPartThread(silentLogger, { parts: ['realtime'], entry: entry(), onUnexpectedExit: (code) => exits.push(code) });
    expect(thread.tid).not.toBe(process.pid);
    expect(fs.readdirSync('/proc/self/task').map(Number)).toContain(thread.tid);
    await thread.stop();
    expect(fs.readdirSync('/proc/self/task').map(Number)).not.toContain(thread.tid);
    expect(exits).toEqual([]);
  });

  it('reports a thread that ends on its own, so the worker can stop rather than run on without alarms', async () => {
    const exited = new Promise<number>((resolve) => {
      void startPartThread(silentLogger, { parts: ['realtime'], entry: entry('?crashAfterMs=50'), onUnexpectedExit: resolve });
    });
    expect(await exited).toBe(1);
  });

  it('gives the thread\u2019s metrics to the worker, which serves them summed with its own', async () => {
    const thread = await startPartThread(silentLogger, { parts: ['realtime'], entry: entry('?packets=7'), onUnexpectedExit: () => {} });
    try {
      const families = await thread.metrics();
      const packets = families.find((f) => f.name === 'perigee_processor_packets_total');
      expect(packets?.values).toEqual([{ value: 7, labels: { lane: 'realtime' } }]);
      // The thread reports no process metrics: the worker reports the process's memory and CPU once.
      expect(families.some((f) => f.name.startsWith('perigee_process_'))).toBe(false);

      const metrics = new PerigeeMetrics();
      metrics.packetsProcessed.inc({ lane: 'playback' }, 30);
      metrics.packetsProcessed.inc({ lane: 'realtime' }, 2);
      metrics.addSource(() => thread.metrics());
      const text = await metrics.text();
      expect(text).toContain('perigee_processor_packets_total{lane="playback"} 30\n');
      expect(text).toContain('perigee_processor_packets_total{lane="realtime"} 9\n');
      expect(text).toMatch(/^perigee_process_start_time_seconds \d+/m);
    } finally {
      await thread.stop();
    }
    await expect(thread.metrics()).rejects.toThrow(/has ended/);
  });

  it('gives up on a thread too busy to answer, naming the wait', async () => {
    const thread = await startPartThread(silentLogger, { parts: ['realtime'], entry: entry('?packets=1&stallMs=1500'), metricsAnswerMs: 200, onUnexpectedExit: () => {} });
    try {
      await expect(thread.metrics()).rejects.toThrow(/did not give its metrics within 200 ms/);
      // Once its loop is free it answers again.
      await new Promise((r) => setTimeout(r, 1500));
      expect((await thread.metrics()).find((f) => f.name === 'perigee_processor_packets_total')?.values[0]?.value).toBe(1);
    } finally {
      await thread.stop();
    }
  });

  it('runs the parts it is given, configured from the environment it is given', async () => {
    const thread = await startPartThread(silentLogger, { parts: ['playback', 'archive'], env: { STAND_IN_PACKETS: '4' }, entry: entry(), onUnexpectedExit: () => {} });
    try {
      expect(thread.parts).toEqual(['playback', 'archive']);
      expect((await thread.metrics()).find((f) => f.name === 'perigee_processor_packets_total')?.values).toEqual([
        { value: 4, labels: { lane: 'playback' } },
        { value: 4, labels: { lane: 'archive' } },
      ]);
    } finally {
      await thread.stop();
    }
  });

  it('runs a thread for a process: its metrics served with the process\u2019s, stopped with its lifecycle', async () => {
    const lifecycle = new Lifecycle(silentLogger);
    const metrics = new PerigeeMetrics({ processMetrics: false });
    metrics.packetsProcessed.inc({ lane: 'realtime' }, 12);
    const thread = await runPartThread({ lifecycle, metrics, log: silentLogger }, { parts: ['playback'], entry: entry('?packets=5') });
    expect(await metrics.text()).toContain('perigee_processor_packets_total{lane="playback"} 5\n');
    expect(await metrics.text()).toContain('perigee_processor_packets_total{lane="realtime"} 12\n');
    await lifecycle.close();
    expect(fs.readdirSync('/proc/self/task').map(Number)).not.toContain(thread.tid);
  });

  it('refuses when the thread fails before it is ready', async () => {
    const missing = new URL('./testing/no-such-entry.ts', import.meta.url);
    await expect(startPartThread(silentLogger, { parts: ['realtime'], entry: missing, onUnexpectedExit: () => {} })).rejects.toThrow(/no-such-entry\.ts/);
  });
});
