/**
 * CPU time and event-loop delay of this process over a measured interval:
 * whether the server (or the client process) had headroom while it
 * delivered, or was itself the reason for the latency.
 *
 * @example
 *   const monitor = startLoadMonitor();
 *   // … run …
 *   monitor.stop(); // → { cpuPercent: 41.2, eventLoopDelayMs: { p50: 10.1, p99: 24.3, max: 57.0 } }
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface LoadFigures {
  /** CPU time (user + system) over wall time, percent of one core. */
  readonly cpuPercent: number;
  /** How late timers ran, ms (perf_hooks monitorEventLoopDelay at 10 ms resolution). */
  readonly eventLoopDelayMs: { readonly p50: number; readonly p99: number; readonly max: number };
}

/** Sampling period of the delay monitor, ms: its own timer is part of what it measures, so not finer. */
const RESOLUTION_MS = 10;

export function startLoadMonitor(): { stop(): LoadFigures } {
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  delay.enable();
  const cpuStart = process.cpuUsage();
  const wallStartMs = performance.now();
  return {
    stop() {
      delay.disable();
      const cpu = process.cpuUsage(cpuStart);
      const wallMs = performance.now() - wallStartMs;
      // The histogram is in nanoseconds and includes the resolution interval itself.
      const toMs = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
      return {
        cpuPercent: ((cpu.user + cpu.system) / 1000 / wallMs) * 100,
        eventLoopDelayMs: { p50: toMs(delay.percentile(50)), p99: toMs(delay.percentile(99)), max: toMs(delay.max) },
      };
    },
  };
}
