/**
 * Samples the process's metrics every couple of seconds into an ops snapshot
 * and keeps a bounded history of lag per group, so the ops page sees rates
 * over a steady interval and sparklines that do not depend on how often (or
 * whether) anyone has the page open.
 *
 * @example
 *   const ops = new OpsMonitor({ metrics });
 *   ops.start();
 *   await ops.view(); // { snapshot: { groups, throughput, … }, history: { atMs, groups } }
 *   ops.stop();
 */
import { LagHistory, type LagColumns } from './lag-history';
import { buildOpsSnapshot, type OpsSnapshot } from './ops-snapshot';
import type { PerigeeMetrics } from './perigee-metrics';

export interface OpsView {
  readonly snapshot: OpsSnapshot;
  readonly history: LagColumns;
}

export interface OpsMonitorOptions {
  readonly metrics: PerigeeMetrics;
  /** Time between samples, ms: the rates' interval and the sparklines' resolution. */
  readonly sampleIntervalMs?: number;
  /** How far back the lag history reaches, ms. */
  readonly historyMs?: number;
  /** A group whose oldest unconsumed message is older than this is lagging, s. */
  readonly lagThresholdSeconds?: number;
  readonly nowMs?: () => number;
  /** Told of every sample (e.g. to raise lag alarms); a failure is its own to log, it never stops sampling. */
  readonly onSample?: (snapshot: OpsSnapshot) => Promise<void> | void;
}

export class OpsMonitor {
  readonly #metrics: PerigeeMetrics;
  readonly #sampleIntervalMs: number;
  readonly #lagThresholdSeconds: number;
  readonly #nowMs: () => number;
  readonly #history: LagHistory;
  readonly #onSample: OpsMonitorOptions['onSample'];
  #latest: OpsSnapshot | null = null;
  #timer: NodeJS.Timeout | undefined;

  constructor({ metrics, sampleIntervalMs = 2000, historyMs = 600_000, lagThresholdSeconds = 10, nowMs = Date.now, onSample }: OpsMonitorOptions) {
    if (!(sampleIntervalMs > 0) || !(historyMs >= sampleIntervalMs)) {
      throw new RangeError(`need 0 < sampleIntervalMs (${sampleIntervalMs}) <= historyMs (${historyMs})`);
    }
    this.#metrics = metrics;
    this.#sampleIntervalMs = sampleIntervalMs;
    this.#lagThresholdSeconds = lagThresholdSeconds;
    this.#nowMs = nowMs;
    this.#onSample = onSample;
    this.#history = new LagHistory({ capacity: Math.ceil(historyMs / sampleIntervalMs) });
  }

  start(): void {
    if (this.#timer) return;
    void this.sample();
    this.#timer = setInterval(() => void this.sample(), this.#sampleIntervalMs);
    // Sampling must not keep a process alive that is otherwise done.
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Takes one sample now. */
  async sample(): Promise<OpsSnapshot> {
    const families = await this.#metrics.families();
    const snapshot = buildOpsSnapshot(families, this.#latest, this.#nowMs(), { lagThresholdSeconds: this.#lagThresholdSeconds });
    this.#latest = snapshot;
    this.#history.push(snapshot);
    if (this.#onSample) void Promise.resolve().then(() => this.#onSample?.(snapshot)).catch(() => undefined);
    return snapshot;
  }

  /** The latest sample (taking one if there is none yet) and the lag history. */
  async view(): Promise<OpsView> {
    const snapshot = this.#latest ?? (await this.sample());
    return { snapshot, history: this.#history.columns() };
  }
}
