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
 *   store.latest(100); // { value: 29.8, onboardTimeMs: 1795000000000, late: false, receivedAtMs: 1795000000140 }
 */
import type { LiveFrame } from '@/server/realtime/events';
import type { Series } from '@/server/ports/telemetry-store';
import { SeriesBuffer } from './series-buffer';

export interface LatestSample {
  readonly value: number | null;
  /** Onboard (event) time of the value, epoch ms. */
  readonly onboardTimeMs: number;
  /** It reached the ground late (recorded, held in transit, reordered); from history: false. */
  readonly late: boolean;
  /** Browser time it was stored, epoch ms. */
  readonly receivedAtMs: number;
}

export interface ChannelStoreOptions {
  /** Parameters to keep a time series of; others keep only their latest value. */
  readonly seriesParameterIds: readonly number[];
  /**
   * Samples kept per series: 10 minutes of the fastest (10 Hz) packets is 6000;
   * the rest is headroom for history that comes back at full rate.
   */
  readonly capacity?: number;
  /** Parameters to keep a short trend of (hover sparklines, ad-hoc plots): many of them, few samples each. */
  readonly trendParameterIds?: readonly number[];
  /** Samples kept per trend: 20 minutes of a 1 Hz parameter. */
  readonly trendCapacity?: number;
  /** Browser clock, epoch ms. */
  readonly now?: () => number;
}

type MutableLatest = { -readonly [K in keyof LatestSample]: LatestSample[K] };

export class ChannelStore {
  readonly #series = new Map<number, SeriesBuffer>();
  readonly #latest = new Map<number, MutableLatest>();
  readonly #lastOnboardMs = new Map<string, number>();
  readonly #liveFrames = new Map<string, number>();
  readonly #now: () => number;
  #mode: { name: string; onboardTimeMs: number } | undefined;
  #version = 0;
  /** Parameters seen per subsystem, for the newest sample as of a time. */
  readonly #subsystemParameters = new Map<string, Set<number>>();
  #asOfMs: number | null = null;

  constructor({ seriesParameterIds, capacity = 8192, trendParameterIds = [], trendCapacity = 1200, now = Date.now }: ChannelStoreOptions) {
    for (const id of trendParameterIds) this.#series.set(id, new SeriesBuffer(trendCapacity));
    for (const id of seriesParameterIds) this.#series.set(id, new SeriesBuffer(capacity));
    this.#now = now;
  }

  /** Increases on every write. */
  get version(): number {
    return this.#version;
  }

  /**
   * Adds a coalesced frame: each parameter's minimum, maximum and newest value
   * go into its series at their own onboard times (one point when they are the
   * same sample), so a spike inside the frame's interval is drawn where it was.
   */
  appendFrame(frame: LiveFrame): void {
    const receivedAtMs = this.#now();
    const { parameterIds } = frame;
    for (let i = 0; i < parameterIds.length; i++) {
      const id = parameterIds[i]!;
      const lastMs = frame.lastTimesMs[i]!;
      this.#setLatest(id, frame.last[i] ?? null, lastMs, frame.late[i] ?? false, receivedAtMs);
      const series = this.#series.get(id);
      if (!series) continue;
      const minMs = frame.minTimesMs[i]!;
      const maxMs = frame.maxTimesMs[i]!;
      // In time order, each distinct sample once.
      const points: [number, number | null][] = [[lastMs, frame.last[i] ?? null]];
      if (minMs !== lastMs) points.push([minMs, frame.min[i] ?? null]);
      if (maxMs !== lastMs && maxMs !== minMs) points.push([maxMs, frame.max[i] ?? null]);
      if (points.length > 1) points.sort((a, b) => a[0] - b[0]);
      for (const [t, v] of points) series.push(t, v);
    }
    if (frame.mode !== null && (this.#mode === undefined || frame.onboardTimeMs >= this.#mode.onboardTimeMs)) {
      this.#mode = { name: frame.mode, onboardTimeMs: frame.onboardTimeMs };
    }
    this.#noteOnboardTime(frame.subsystem, frame.onboardTimeMs);
    this.#liveFrames.set(frame.subsystem, (this.#liveFrames.get(frame.subsystem) ?? 0) + 1);
    this.#version++;
  }

  /**
   * Adds archived series of one subsystem anywhere in time — in front of live
   * data when a panel opens, into the hole a reconnect left — skipping samples
   * already held; safe to call again with the same data.
   */
  mergeHistory(subsystem: string, series: readonly Series[]): void {
    const receivedAtMs = this.#now();
    let parameters = this.#subsystemParameters.get(subsystem);
    if (!parameters) this.#subsystemParameters.set(subsystem, (parameters = new Set()));
    for (const s of series) {
      parameters.add(s.parameterId);
      const last = s.timesMs.length - 1;
      if (last < 0) continue;
      this.#series.get(s.parameterId)?.merge(s.timesMs, s.values);
      this.#setLatest(s.parameterId, s.values[last]!, s.timesMs[last]!, false, receivedAtMs);
      this.#noteOnboardTime(subsystem, s.timesMs[last]!);
    }
    this.#version++;
  }

  /**
   * Reads values as of a moment instead of the newest: `latest` and
   * `lastOnboardTimeMs` then answer with the last sample at or before
   * `timeMs` (a history cursor). null goes back to the newest. Series do not
   * change, so `version` does not either: charts need not redraw for it.
   */
  setAsOf(timeMs: number | null): void {
    this.#asOfMs = timeMs;
  }

  get asOfMs(): number | null {
    return this.#asOfMs;
  }

  latest(parameterId: number): LatestSample | undefined {
    if (this.#asOfMs === null) return this.#latest.get(parameterId);
    const series = this.#series.get(parameterId);
    if (!series) return undefined;
    const at = series.upperBound(this.#asOfMs) - 1;
    if (at < 0) return undefined;
    const onboardTimeMs = series.timeAt(at);
    return { value: series.valueAt(at), onboardTimeMs, late: false, receivedAtMs: onboardTimeMs };
  }

  series(parameterId: number): SeriesBuffer | undefined {
    return this.#series.get(parameterId);
  }

  /** The held samples of some parameters within [from, to], as history series (what a history view starts from). */
  snapshot(parameterIds: readonly number[], fromMs: number, toMs: number): Series[] {
    const out: Series[] = [];
    for (const parameterId of parameterIds) {
      const buffer = this.#series.get(parameterId);
      if (!buffer) continue;
      const timesMs: number[] = [];
      const values: number[] = [];
      for (let i = buffer.lowerBound(fromMs), end = buffer.upperBound(toMs); i < end; i++) {
        timesMs.push(buffer.timeAt(i));
        values.push(buffer.valueAt(i) ?? Number.NaN);
      }
      if (timesMs.length > 0) out.push({ parameterId, timesMs, values, mins: values, maxs: values });
    }
    return out;
  }

  /** Spacecraft mode from the newest live frame that carried one. */
  mode(): string | undefined {
    return this.#mode?.name;
  }

  /** Newest onboard time seen for a subsystem, live or archived, epoch ms. */
  lastOnboardTimeMs(subsystem: string): number | undefined {
    if (this.#asOfMs === null) return this.#lastOnboardMs.get(subsystem);
    let newest: number | undefined;
    for (const id of this.#subsystemParameters.get(subsystem) ?? []) {
      const t = this.latest(id)?.onboardTimeMs;
      if (t !== undefined && (newest === undefined || t > newest)) newest = t;
    }
    return newest;
  }

  /** Frames received over the socket for a subsystem (history excluded). */
  liveFrameCount(subsystem: string): number {
    return this.#liveFrames.get(subsystem) ?? 0;
  }

  /** Keeps the value with the newest onboard time, so a late or reordered packet never overwrites a fresher one. */
  #setLatest(parameterId: number, value: number | null, onboardTimeMs: number, late: boolean, receivedAtMs: number): void {
    const entry = this.#latest.get(parameterId);
    if (!entry) this.#latest.set(parameterId, { value, onboardTimeMs, late, receivedAtMs });
    else if (onboardTimeMs > entry.onboardTimeMs || (onboardTimeMs === entry.onboardTimeMs && !late)) {
      entry.value = value; // mutated in place: no allocation per sample
      entry.onboardTimeMs = onboardTimeMs;
      entry.late = late;
      entry.receivedAtMs = receivedAtMs;
    }
  }

  #noteOnboardTime(subsystem: string, onboardTimeMs: number): void {
    const seen = this.#lastOnboardMs.get(subsystem);
    if (seen === undefined || onboardTimeMs > seen) this.#lastOnboardMs.set(subsystem, onboardTimeMs);
  }
}
