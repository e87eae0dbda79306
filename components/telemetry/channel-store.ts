/**
 * The console's live data, written by socket frames and history and read by
 * panels on their own schedule (a render tick, an animation frame). It is a
 * mutable store, not React state: at 10–50 frames a second, one state update
 * per frame would re-render the console that often. Readers poll `version`
 * to see whether anything changed since they last drew.
 *
 * @example
 *   const store = new ChannelStore({ seriesParameterIds: [100, 101] });
 *   store.appendFrame(frame);
 *   store.latest(100); // { value: 29.8, onboardTimeMs: 1795000000000 }
 */
import type { LiveFrame } from '@/server/realtime/events';
import type { Series } from '@/server/ports/telemetry-store';
import { SeriesBuffer } from './series-buffer';

export interface LatestSample {
  readonly value: number | null;
  /** Onboard (event) time of the value, epoch ms. */
  readonly onboardTimeMs: number;
}

export interface ChannelStoreOptions {
  /** Parameters to keep a time series of; others keep only their latest value. */
  readonly seriesParameterIds: readonly number[];
  /**
   * Samples kept per series: 10 minutes of the fastest (10 Hz) packets is 6000;
   * the rest is headroom for history that comes back at full rate.
   */
  readonly capacity?: number;
}

export class ChannelStore {
  readonly #series = new Map<number, SeriesBuffer>();
  readonly #latest = new Map<number, { value: number | null; onboardTimeMs: number }>();
  readonly #lastOnboardMs = new Map<string, number>();
  readonly #liveFrames = new Map<string, number>();
  #version = 0;

  constructor({ seriesParameterIds, capacity = 8192 }: ChannelStoreOptions) {
    for (const id of seriesParameterIds) this.#series.set(id, new SeriesBuffer(capacity));
  }

  /** Increases on every write. */
  get version(): number {
    return this.#version;
  }

  appendFrame(frame: LiveFrame): void {
    const { parameterIds, values, onboardTimeMs } = frame;
    for (let i = 0; i < parameterIds.length; i++) {
      const id = parameterIds[i]!;
      const value = values[i] ?? null;
      this.#setLatest(id, value, onboardTimeMs);
      this.#series.get(id)?.push(onboardTimeMs, value);
    }
    this.#noteOnboardTime(frame.subsystem, onboardTimeMs);
    this.#liveFrames.set(frame.subsystem, (this.#liveFrames.get(frame.subsystem) ?? 0) + 1);
    this.#version++;
  }

  /** Adds archived series of one subsystem; safe to call again with the same data. */
  seedHistory(subsystem: string, series: readonly Series[]): void {
    for (const s of series) {
      const last = s.timesMs.length - 1;
      if (last < 0) continue;
      this.#series.get(s.parameterId)?.prependOlder(s.timesMs, s.values);
      this.#setLatest(s.parameterId, s.values[last]!, s.timesMs[last]!);
      this.#noteOnboardTime(subsystem, s.timesMs[last]!);
    }
    this.#version++;
  }

  latest(parameterId: number): LatestSample | undefined {
    return this.#latest.get(parameterId);
  }

  series(parameterId: number): SeriesBuffer | undefined {
    return this.#series.get(parameterId);
  }

  /** Newest onboard time seen for a subsystem, live or archived, epoch ms. */
  lastOnboardTimeMs(subsystem: string): number | undefined {
    return this.#lastOnboardMs.get(subsystem);
  }

  /** Frames received over the socket for a subsystem (history excluded). */
  liveFrameCount(subsystem: string): number {
    return this.#liveFrames.get(subsystem) ?? 0;
  }

  /** Keeps the value with the newest onboard time, so a late or reordered packet never overwrites a fresher one. */
  #setLatest(parameterId: number, value: number | null, onboardTimeMs: number): void {
    const entry = this.#latest.get(parameterId);
    if (!entry) this.#latest.set(parameterId, { value, onboardTimeMs });
    else if (onboardTimeMs >= entry.onboardTimeMs) {
      entry.value = value; // mutated in place: no allocation per sample
      entry.onboardTimeMs = onboardTimeMs;
    }
  }

  #noteOnboardTime(subsystem: string, onboardTimeMs: number): void {
    const seen = this.#lastOnboardMs.get(subsystem);
    if (seen === undefined || onboardTimeMs > seen) this.#lastOnboardMs.set(subsystem, onboardTimeMs);
  }
}
