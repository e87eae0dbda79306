import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../log';
import { lowerProcessPriority, lowerThreadPriority } from './process-priority';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Runs lowerProcessPriority(nice) in a fresh Node process (started at `startNice`) and returns what it reports and every thread's nice value. */
function inChild(nice: number, startNice = 0): { result: { nice: number; threads: number }; threadNice: number[] } {
  const script = `
    import { lowerProcessPriority } from './server/commands/process-priority.ts';
    import { threadNiceValues } from './server/commands/testing/thread-nice.ts';
    import { createLogger } from './server/log.ts';
    const result = lowerProcessPriority(${nice}, createLogger({ level: 'error', namespace: 'test' }));
    process.stdout.write(JSON.stringify({ result, threadNice: threadNiceValues('self') }));`;
  const node = [process.execPath, '--import', 'tsx', '--input-type=module', '-e', script];
  const [command, ...args] = startNice > 0 ? ['nice', '-n', String(startNice), ...node] : node;
  return JSON.parse(execFileSync(command!, args, { cwd: PROJECT_ROOT, encoding: 'utf8' }));
}

describe.skipIf(!fs.existsSync('/proc/self/task'))('Commands > process priority', () => {
  it("lowers every thread of the process to the nice value, V8's and libuv's included", () => {
    const { result, threadNice } = inChild(7);
    expect(result.nice).toBe(7);
    expect(threadNice.length).toBeGreaterThan(1);
    expect(result.threads).toBe(threadNice.length);
    expect(threadNice.every((n) => n === 7)).toBe(true);
  });

  it('never raises a priority: a process started nicer keeps its nice value', () => {
    const { result, threadNice } = inChild(5, 12);
    expect(result).toEqual({ nice: 12, threads: 0 });
    expect(threadNice.every((n) => n === 12)).toBe(true);
  });

  it('lowers one thread of the process, leaving the others, and never raises it', async () => {
    const log = createLogger({ level: 'error', namespace: 'test' });
    // A thread that reports its Linux id and stays until terminated.
    const worker = new Worker(
      `const { parentPort } = require('node:worker_threads'); parentPort.postMessage(Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop())); setInterval(() => {}, 1000);`,
      { eval: true },
    );
    try {
      const tid = await new Promise<number>((resolve) => worker.once('message', resolve));
      const mainBefore = os.getPriority(0);
      const target = Math.min(19, os.getPriority(tid) + 3);
      expect(lowerThreadPriority(tid, target, log)).toBe(true);
      expect(os.getPriority(tid)).toBe(target);
      expect(os.getPriority(0)).toBe(mainBefore);
      expect(lowerThreadPriority(tid, target - 1, log)).toBe(false);
      expect(os.getPriority(tid)).toBe(target);
      expect(() => lowerThreadPriority(tid, 20, log)).toThrow(RangeError);
    } finally {
      await worker.terminate();
    }
  });

  it('refuses a value outside 0..19', () => {
    const log = createLogger({ level: 'error', namespace: 'test' });
    const before = os.getPriority(0);
    for (const bad of [-1, 20, 2.5, Number.NaN]) expect(() => lowerProcessPriority(bad, log)).toThrow(RangeError);
    // This process is left as it was.
    expect(os.getPriority(0)).toBe(before);
  });
});
