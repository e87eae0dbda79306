/**
 * Latencies as the benchmarks print them: p50, p99 and maximum (ms), and
 * the two latencies of live frames a Socket.IO client receives.
 *
 * @example
 *   summarize([12, 9, 40]); // { p50: 12, p99: 40, max: 40 }
 *   const frames = frameLatencies();
 *   client.on(SOCKET_EVENTS.telemetryFrames, frames.record);
 */
import type { LiveFrame } from '../server/realtime/events';

export interface LatencySummary {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function summarize(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN };
}

/**
 * Per received frame: onboard → client, from the oldest newest-value in the
 * frame (the sample that waited longest for it), and the live path, gateway
 * arrival → Socket.IO emit, both stamped on the frame by the server.
 */
export function frameLatencies() {
  const endToEnd: number[] = [];
  const livePath: number[] = [];
  return {
    record: (frames: readonly LiveFrame[]) => {
      for (const frame of frames) {
        let oldestMs = frame.onboardTimeMs;
        for (const t of frame.lastTimesMs) if (t < oldestMs) oldestMs = t;
        endToEnd.push(Date.now() - oldestMs);
        livePath.push(frame.emittedMs - frame.arrivalMs);
      }
    },
    /** Forgets what was recorded so far (frames from before the measured interval). */
    reset: () => {
      endToEnd.length = 0;
      livePath.length = 0;
    },
    summary: () => ({ frames: livePath.length, endToEnd: summarize(endToEnd), livePath: summarize(livePath) }),
  };
}
