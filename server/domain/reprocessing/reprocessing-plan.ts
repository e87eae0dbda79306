/**
 * Which stretches of onboard time a reprocessing run rebuilds, and which
 * bronze packets each needs. Pure.
 *
 * The range is widened to whole minutes, so that every 1-minute aggregate
 * it touches is rebuilt from all of its samples, then cut into slices that
 * are each rebuilt in one transaction: a run holds one slice of packets in
 * memory, and a run stopped half-way leaves every slice either old or new.
 *
 * Each slice reads the packets that arrived, or were stamped onboard, within
 * `marginMs` of it: the margin before it replays the stream's recent past
 * (dedupe window and clock-offset estimate) the way the live processor had
 * seen it; its frames are used for context only, never stored.
 *
 * @example
 *   planReprocessing({ fromMs: Date.UTC(2026, 0, 1, 0, 0, 30), toMs: Date.UTC(2026, 0, 1, 0, 25), sliceMs: 600_000, marginMs: 60_000 });
 *   // → { fromMs: 00:00, toMs: 00:25, slices: [00:00–00:10, 00:10–00:20, 00:20–00:25] (each with its read window) }
 */

const MINUTE_MS = 60_000;

export interface ReprocessingSlice {
  /** Onboard time rebuilt, epoch ms: from ≤ t < to. */
  readonly fromMs: number;
  readonly toMs: number;
  /** Bronze packets read for it: arrival or onboard time in [readFromMs, readToMs). */
  readonly readFromMs: number;
  readonly readToMs: number;
}

export interface ReprocessingPlan {
  /** The range rebuilt, widened to whole minutes. */
  readonly fromMs: number;
  readonly toMs: number;
  readonly slices: readonly ReprocessingSlice[];
}

export interface ReprocessingRequest {
  readonly fromMs: number;
  readonly toMs: number;
  /** Longest slice, ms: a positive whole number of minutes. */
  readonly sliceMs: number;
  /** Context read on either side of a slice, ms. */
  readonly marginMs: number;
}

export function planReprocessing({ fromMs, toMs, sliceMs, marginMs }: ReprocessingRequest): ReprocessingPlan {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || !(toMs > fromMs)) throw new RangeError(`the range must end after it starts, got ${fromMs}..${toMs}`);
  if (!(sliceMs > 0) || sliceMs % MINUTE_MS !== 0) throw new RangeError(`sliceMs must be a positive whole number of minutes, got ${sliceMs}`);
  if (!(marginMs >= 0)) throw new RangeError(`marginMs must not be negative, got ${marginMs}`);
  const start = Math.floor(fromMs / MINUTE_MS) * MINUTE_MS;
  const end = Math.ceil(toMs / MINUTE_MS) * MINUTE_MS;
  const slices: ReprocessingSlice[] = [];
  for (let t = start; t < end; t += sliceMs) {
    const sliceEnd = Math.min(end, t + sliceMs);
    slices.push({ fromMs: t, toMs: sliceEnd, readFromMs: t - marginMs, readToMs: sliceEnd + marginMs });
  }
  return { fromMs: start, toMs: end, slices };
}
