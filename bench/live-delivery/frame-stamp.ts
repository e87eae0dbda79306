/**
 * Baseline payloads: frames recorded from the Perigee run, replayed by a bare
 * Socket.IO server with every time set to the moment of sending. The
 * baseline then has the same size and structure on the wire (digit counts of
 * epoch ms do not change), and its latency is transport alone: emit →
 * client, with no packet age, coalescing wait or pipeline in it.
 *
 * @example
 *   const message = cloneForStamping(recorded);
 *   stampFrames(message, Date.now()); // every onboard, arrival and emit time = now
 *   io.to(clients).volatile.emit('telemetry:frames', message);
 */
import type { LiveFrame } from '../../server/realtime/events';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer E)[] ? E[] : T[K] };
export type StampableFrame = Mutable<LiveFrame>;

/** A deep copy whose times can be overwritten in place before each send. */
export function cloneForStamping(frames: readonly LiveFrame[]): StampableFrame[] {
  return frames.map((f) => ({
    ...f,
    parameterIds: [...f.parameterIds],
    counts: [...f.counts],
    lastTimesMs: [...f.lastTimesMs],
    last: [...f.last],
    minTimesMs: [...f.minTimesMs],
    min: [...f.min],
    maxTimesMs: [...f.maxTimesMs],
    max: [...f.max],
    late: [...f.late],
  }));
}

/**
 * Sets every time of every frame to `atMs`, in place. Safe right before an
 * emit: Socket.IO encodes a broadcast synchronously inside `emit`.
 */
export function stampFrames(frames: StampableFrame[], atMs: number): void {
  for (const f of frames) {
    f.onboardTimeMs = atMs;
    f.arrivalMs = atMs;
    f.emittedMs = atMs;
    f.lastTimesMs.fill(atMs);
    f.minTimesMs.fill(atMs);
    f.maxTimesMs.fill(atMs);
  }
}
