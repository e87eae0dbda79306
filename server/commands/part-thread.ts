/**
 * Worker parts on a thread of their own inside a Perigee process, on Kafka.
 * On Linux a nice value belongs to a thread, so one process can run its
 * latency-bound and its bulk work at different priorities, each on an
 * event loop of its own:
 *
 * - `perigee worker` with WORKER_REALTIME_THREAD runs the processor's
 *   real-time lane (rules, alarms) on a thread and lowers every other thread
 *   to WORKER_NICE: a dump's work neither shares the alarms' event loop nor
 *   outranks them;
 * - `perigee start` on Kafka with START_BULK_THREAD runs the playback lane
 *   and the archive on a thread lowered to WORKER_NICE: a dump's decoding
 *   and archiving leave the event loop that feeds the consoles.
 *
 * The thread opens what its parts need itself (the mission database, a Kafka
 * client, a database pool) and counts into a registry of its own, which the
 * process reads on every scrape (`thread.metrics()`, added as a source of
 * the process's metrics).
 *
 * @example
 *   const thread = await runPartThread({ lifecycle, metrics, log }, { parts: ['realtime'] });
 *   lowerProcessPriority(10, log, { except: [thread.tid] }); // stopped with the lifecycle
 */
import { Worker, type MessagePort } from 'node:worker_threads';
import type { WorkerPart } from '../config';
import type { Logger } from '../log';
import type { MetricFamilies, PerigeeMetrics } from '../observability/perigee-metrics';
import type { Lifecycle } from './lifecycle';
import { lowerThreadPriority } from './process-priority';

export interface PartThread {
  /** The thread's Linux thread id. */
  readonly tid: number;
  readonly parts: readonly WorkerPart[];
  /** The thread's metric families; rejects if it does not answer in time (metricsAnswerMs) or has ended. */
  metrics(): Promise<MetricFamilies>;
  /** Stops the parts (their consumers leave their groups) and ends the thread. */
  stop(): Promise<void>;
}

/** How long a scrape waits for the thread's metrics, ms: a thread busier than this is left out of that scrape. */
export const METRICS_ANSWER_MS = 2000;

/** What the process gives the thread to start with. */
export interface PartThreadData {
  readonly parts: readonly WorkerPart[];
}

/** What the thread posts to the process. */
export type PartThreadMessage =
  | { readonly ready: true; readonly tid: number }
  | { readonly failed: string }
  | { readonly metricsAnswer: number; readonly families: MetricFamilies };

/** What the process posts to the thread. */
export type PartThreadRequest = 'stop' | { readonly metricsRequest: number };

/** In the thread: answers the process's requests — its metrics, and stop. */
export function answerProcess(port: MessagePort, { metrics, stop }: { metrics: PerigeeMetrics; stop: () => void }): void {
  port.on('message', (request: PartThreadRequest) => {
    if (request === 'stop') return stop();
    if (typeof request === 'object' && request !== null && 'metricsRequest' in request) {
      void metrics.families().then((families) => port.postMessage({ metricsAnswer: request.metricsRequest, families } satisfies PartThreadMessage));
    }
  });
}

export interface PartThreadOptions {
  readonly parts: readonly WorkerPart[];
  /**
   * Called when the thread ends other than by stop() (a crash): the process
   * would go on without those parts (no alarms, or no archive), so it should
   * stop and be restarted.
   */
  readonly onUnexpectedExit: (code: number) => void;
  /** The thread's environment, its configuration read from it (the process's by default). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The thread's entry module (part-thread-main.ts; another in tests). */
  readonly entry?: URL;
  /** How long metrics() waits for the thread's answer, ms. */
  readonly metricsAnswerMs?: number;
}

export async function startPartThread(
  log: Logger,
  { parts, onUnexpectedExit, env = process.env, entry: entryUrl, metricsAnswerMs = METRICS_ANSWER_MS }: PartThreadOptions,
): Promise<PartThread> {
  const entry = (entryUrl ?? new URL('./part-thread-main.ts', import.meta.url)).href;
  // The entry is TypeScript: the thread registers the loader the process runs with before importing it
  // (resolved here, from this module, whatever the working directory).
  const loader = import.meta.resolve('tsx/esm/api');
  const worker = new Worker(`import(${JSON.stringify(loader)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`, {
    eval: true,
    execArgv: [],
    env,
    workerData: { parts } satisfies PartThreadData,
  });
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  const tid = await new Promise<number>((resolve, reject) => {
    worker.once('message', (message: PartThreadMessage) =>
      'ready' in message
        ? resolve(message.tid)
        : reject(new Error(`the thread for ${parts.join(', ')} did not start: ${'failed' in message ? message.failed : 'it answered before it was ready'}`)),
    );
    worker.once('error', reject);
    void exited.then((code) => reject(new Error(`the thread for ${parts.join(', ')} exited (${code}) before it started`)));
  });
  worker.on('error', (error) => log.error(`thread ${tid} (${parts.join(', ')}) failed`, { error }));
  const pending = new Map<number, (families: MetricFamilies) => void>();
  let nextRequest = 0;
  worker.on('message', (message: PartThreadMessage) => {
    if ('metricsAnswer' in message) pending.get(message.metricsAnswer)?.(message.families);
  });
  let stopping = false;
  let ended = false;
  void exited.then((code) => {
    ended = true;
    if (stopping) return;
    log.error(`thread ${tid} running ${parts.join(', ')} ended (exit code ${code}): the process cannot go on without them`);
    onUnexpectedExit(code);
  });
  log.info(`${parts.join(', ')} on thread ${tid}`);
  return {
    tid,
    parts,
    metrics: () => {
      if (ended) return Promise.reject(new Error(`the thread ${tid} (${parts.join(', ')}) has ended`));
      const id = nextRequest++;
      return new Promise<MetricFamilies>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`the thread ${tid} (${parts.join(', ')}) did not give its metrics within ${metricsAnswerMs} ms`));
        }, metricsAnswerMs);
        pending.set(id, (families) => {
          clearTimeout(timer);
          pending.delete(id);
          resolve(families);
        });
        worker.postMessage({ metricsRequest: id } satisfies PartThreadRequest);
      });
    },
    stop: async () => {
      stopping = true;
      worker.postMessage('stop' satisfies PartThreadRequest);
      await exited;
    },
  };
}

/**
 * Runs `parts` on a thread of a Perigee process: stopped with the process's
 * lifecycle, its metrics served and watched with the process's. If the
 * thread ends on its own the process stops with exit code 1, to be
 * restarted, rather than run on without those parts (no alarms, or no archive).
 */
export async function runPartThread(
  { lifecycle, metrics, log }: { lifecycle: Lifecycle; metrics: PerigeeMetrics; log: Logger },
  { parts, env, entry }: Pick<PartThreadOptions, 'parts' | 'env' | 'entry'>,
): Promise<PartThread> {
  const thread = lifecycle.add(
    `thread for ${parts.join(', ')}`,
    await startPartThread(log, { parts, env, entry, onUnexpectedExit: () => void lifecycle.close().then(() => process.exit(1)) }),
    (t) => t.stop(),
  );
  metrics.addSource(() => thread.metrics(), (error) => log.warn(`metrics of the thread for ${parts.join(', ')} left out`, { error }));
  return thread;
}

/**
 * The playback lane and the archive on a thread lowered to `nice`, as `perigee start` runs them on Kafka with
 * START_BULK_THREAD, configured from `env`: a dump's decoding and archiving leave the calling thread's event loop.
 */
export async function runBulkThread(
  context: { lifecycle: Lifecycle; metrics: PerigeeMetrics; log: Logger },
  { env, nice }: { env: Readonly<Record<string, string | undefined>>; nice: number },
): Promise<PartThread> {
  const thread = await runPartThread(context, { parts: ['playback', 'archive'], env });
  if (nice > 0 && lowerThreadPriority(thread.tid, nice, context.log)) context.log.info(`thread ${thread.tid} at nice ${nice} (WORKER_NICE)`);
  return thread;
}
