import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import { startRealtimeThread } from './realtime-thread';

const entry = (query = '') => new URL(`./testing/thread-entry.ts${query}`, import.meta.url);

describe('Worker > real-time thread', () => {
  it('starts a thread of this process, reports its Linux thread id, and stops it without calling it a crash', async () => {
    const exits: number[] = [];
    const thread = await startRealtimeThread(silentLogger, { entry: entry(), onUnexpectedExit: (code) => exits.push(code) });
    expect(thread.tid).not.toBe(process.pid);
    expect(fs.readdirSync('/proc/self/task').map(Number)).toContain(thread.tid);
    await thread.stop();
    expect(fs.readdirSync('/proc/self/task').map(Number)).not.toContain(thread.tid);
    expect(exits).toEqual([]);
  });

  it('reports a thread that ends on its own, so the worker can stop rather than run on without alarms', async () => {
    const exited = new Promise<number>((resolve) => {
      void startRealtimeThread(silentLogger, { entry: entry('?crashAfterMs=50'), onUnexpectedExit: resolve });
    });
    expect(await exited).toBe(1);
  });

  it('refuses when the thread fails before it is ready', async () => {
    const missing = new URL('./testing/no-such-entry.ts', import.meta.url);
    await expect(startRealtimeThread(silentLogger, { entry: missing, onUnexpectedExit: () => {} })).rejects.toThrow(/no-such-entry\.ts/);
  });
});
