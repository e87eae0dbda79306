/**
 * Lowers the CPU priority (raises the nice value) of every thread of this
 * process. `perigee worker` runs so by default (WORKER_NICE): a pass dump
 * keeps its processor and archiver busy for seconds, and on a machine it
 * shares with `perigee ingest` and `perigee web` the live path then waits
 * for CPU behind them. Bulk work at a lower priority still gets every cycle
 * nobody else wants; the live path gets the CPU first when it has a packet.
 *
 * On Linux a nice value belongs to a thread: each thread in /proc/self/task
 * is changed, and threads started later inherit it. Never raises a priority
 * (that needs privileges): a thread already nicer stays as it is.
 *
 * @example
 *   lowerProcessPriority(10, log); // → { nice: 10, threads: 11 }
 */
import fs from 'node:fs';
import os from 'node:os';
import type { Logger } from '../log';

export interface PriorityResult {
  /** The main thread's nice value afterwards. */
  readonly nice: number;
  /** Threads whose nice value was changed. */
  readonly threads: number;
}

/** The calling thread's Linux thread id, from /proc/thread-self ("<pid>/task/<tid>"). */
export function currentThreadId(): number {
  return Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
}

/** `except`: threads (Linux thread ids) left at their priority, such as one running latency-bound work. */
export function lowerProcessPriority(nice: number, log: Logger, { except = [] }: { except?: readonly number[] } = {}): PriorityResult {
  checkNice(nice);
  let tids: number[];
  try {
    tids = fs.readdirSync('/proc/self/task').map(Number);
  } catch {
    tids = [0]; // no /proc: the calling thread only
  }
  let threads = 0;
  for (const tid of tids) {
    if (!except.includes(tid) && lowerThreadPriority(tid, nice, log)) threads++;
  }
  return { nice: os.getPriority(0), threads };
}

/**
 * Lowers one thread of this process (its Linux thread id) to `nice`, such as
 * the thread `perigee start` runs its bulk work on; true if it was changed.
 * Never raises a priority.
 */
export function lowerThreadPriority(tid: number, nice: number, log: Logger): boolean {
  checkNice(nice);
  try {
    if (os.getPriority(tid) >= nice) return false;
    os.setPriority(tid, nice);
    return true;
  } catch (error) {
    // A thread that ended meanwhile, or a system that refuses: the thread runs on at its priority.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') log.warn(`cannot lower the priority of thread ${tid} to nice ${nice}`, { error });
    return false;
  }
}

function checkNice(nice: number): void {
  if (!Number.isInteger(nice) || nice < 0 || nice > 19) throw new RangeError(`nice must be an integer 0..19, got ${nice}`);
}
