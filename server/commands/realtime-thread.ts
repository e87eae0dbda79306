/**
 * The processor's real-time lane on a thread of its own inside `perigee
 * worker` (WORKER_REALTIME_THREAD). On Linux a nice value belongs to a
 * thread: the worker lowers every thread but this one, so the lane that
 * raises alarms keeps the priority the worker started with while the
 * playback lane and the archive yield the CPU, and a dump's work no longer
 * shares its event loop. The thread opens what the lane needs itself (the
 * mission database, a Kafka client, a database pool for rule thresholds).
 *
 * @example
 *   const thread = await startRealtimeThread(log, { onUnexpectedExit: () => shutDown(1) });
 *   lowerProcessPriority(10, log, { except: [thread.tid] });
 *   await thread.stop();
 */
import { Worker } from 'node:worker_threads';
import type { Logger } from '../log';

export interface RealtimeThread {
  /** The thread's Linux thread id. */
  readonly tid: number;
  /** Stops the lane (its consumer leaves the group) and ends the thread. */
  stop(): Promise<void>;
}

/** What the thread posts to the worker. */
export type RealtimeThreadMessage = { readonly ready: true; readonly tid: number } | { readonly failed: string };

export interface RealtimeThreadOptions {
  /**
   * Called when the thread ends other than by stop() (a crash): the worker
   * would go on without raising alarms, so it should stop and be restarted.
   */
  readonly onUnexpectedExit: (code: number) => void;
  /** The thread's entry module (realtime-thread-main.ts; another in tests). */
  readonly entry?: URL;
}

export async function startRealtimeThread(log: Logger, { onUnexpectedExit, entry: entryUrl }: RealtimeThreadOptions): Promise<RealtimeThread> {
  const entry = (entryUrl ?? new URL('./realtime-thread-main.ts', import.meta.url)).href;
  // The entry is TypeScript: the thread registers the loader the process runs with before importing it
  // (resolved here, from this module, whatever the working directory).
  const loader = import.meta.resolve('tsx/esm/api');
  const worker = new Worker(`import(${JSON.stringify(loader)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`, {
    eval: true,
    execArgv: [],
  });
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  const tid = await new Promise<number>((resolve, reject) => {
    worker.once('message', (message: RealtimeThreadMessage) =>
      'ready' in message ? resolve(message.tid) : reject(new Error(`the real-time thread did not start: ${message.failed}`)),
    );
    worker.once('error', reject);
    void exited.then((code) => reject(new Error(`the real-time thread exited (${code}) before it started`)));
  });
  worker.on('error', (error) => log.error('real-time thread failed', { error }));
  let stopping = false;
  void exited.then((code) => {
    if (stopping) return;
    log.error(`real-time thread ${tid} ended (exit code ${code}): no alarms are raised without it`);
    onUnexpectedExit(code);
  });
  log.info(`real-time lane on thread ${tid}`);
  return {
    tid,
    stop: async () => {
      stopping = true;
      worker.postMessage('stop');
      await exited;
    },
  };
}
