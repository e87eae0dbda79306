/**
 * The processor's real-time lane on a thread of its own inside `perigee
 * worker` (WORKER_REALTIME_THREAD). On Linux a nice value belongs to a
 * thread: the worker lowers every thread but this one, so the lane that
 * raises alarms keeps the priority the worker started with while the
 * playback lane and the archive yield the CPU, and a dump's work no longer
 * shares its event loop. The thread opens what the lane needs itself (the
 * mission database, a Kafka client, a database pool for rule thresholds)
 * and counts into a registry of its own, which the worker reads on every
 * scrape (`thread.metrics()`, added as a source of the worker's metrics).
 *
 * @example
 *   const thread = await startRealtimeThread(log, { onUnexpectedExit: () => shutDown(1) });
 *   lowerProcessPriority(10, log, { except: [thread.tid] });
 *   metrics.addSource('real-time thread', () => thread.metrics());
 *   await thread.stop();
 */
import { Worker, type MessagePort } from 'node:worker_threads';
import type { Logger } from '../log';
import type { MetricFamilies, PerigeeMetrics } from '../observability/perigee-metrics';

export interface RealtimeThread {
  /** The thread's Linux thread id. */
  readonly tid: number;
  /** The thread's metric families; rejects if it does not answer in time (metricsAnswerMs) or has ended. */
  metrics(): Promise<MetricFamilies>;
  /** Stops the lane (its consumer leaves the group) and ends the thread. */
  stop(): Promise<void>;
}

/** How long a scrape waits for the thread's metrics, ms: a lane busier than this is left out of that scrape. */
export const METRICS_ANSWER_MS = 2000;

/** What the thread posts to the worker. */
export type RealtimeThreadMessage =
  | { readonly ready: true; readonly tid: number }
  | { readonly failed: string }
  | { readonly metricsAnswer: number; readonly families: MetricFamilies };

/** What the worker posts to the thread. */
export type RealtimeThreadRequest = 'stop' | { readonly metricsRequest: number };

/** In the thread: answers the worker's requests — its metrics, and stop. */
export function answerWorker(port: MessagePort, { metrics, stop }: { metrics: PerigeeMetrics; stop: () => void }): void {
  port.on('message', (request: RealtimeThreadRequest) => {
    if (request === 'stop') return stop();
    if (typeof request === 'object' && request !== null && 'metricsRequest' in request) {
      void metrics.families().then((families) => port.postMessage({ metricsAnswer: request.metricsRequest, families } satisfies RealtimeThreadMessage));
    }
  });
}

export interface RealtimeThreadOptions {
  /**
   * Called when the thread ends other than by stop() (a crash): the worker
   * would go on without raising alarms, so it should stop and be restarted.
   */
  readonly onUnexpectedExit: (code: number) => void;
  /** The thread's entry module (realtime-thread-main.ts; another in tests). */
  readonly entry?: URL;
  /** How long metrics() waits for the thread's answer, ms. */
  readonly metricsAnswerMs?: number;
}

export async function startRealtimeThread(log: Logger, { onUnexpectedExit, entry: entryUrl, metricsAnswerMs = METRICS_ANSWER_MS }: RealtimeThreadOptions): Promise<RealtimeThread> {
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
      'ready' in message ? resolve(message.tid) : reject(new Error(`the real-time thread did not start: ${'failed' in message ? message.failed : 'it answered before it was ready'}`)),
    );
    worker.once('error', reject);
    void exited.then((code) => reject(new Error(`the real-time thread exited (${code}) before it started`)));
  });
  worker.on('error', (error) => log.error('real-time thread failed', { error }));
  const pending = new Map<number, (families: MetricFamilies) => void>();
  let nextRequest = 0;
  worker.on('message', (message: RealtimeThreadMessage) => {
    if ('metricsAnswer' in message) pending.get(message.metricsAnswer)?.(message.families);
  });
  let stopping = false;
  let ended = false;
  void exited.then((code) => {
    ended = true;
    if (stopping) return;
    log.error(`real-time thread ${tid} ended (exit code ${code}): no alarms are raised without it`);
    onUnexpectedExit(code);
  });
  log.info(`real-time lane on thread ${tid}`);
  return {
    tid,
    metrics: () => {
      if (ended) return Promise.reject(new Error(`the real-time thread ${tid} has ended`));
      const id = nextRequest++;
      return new Promise<MetricFamilies>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`the real-time thread ${tid} did not give its metrics within ${metricsAnswerMs} ms`));
        }, metricsAnswerMs);
        pending.set(id, (families) => {
          clearTimeout(timer);
          pending.delete(id);
          resolve(families);
        });
        worker.postMessage({ metricsRequest: id } satisfies RealtimeThreadRequest);
      });
    },
    stop: async () => {
      stopping = true;
      worker.postMessage('stop');
      await exited;
    },
  };
}
