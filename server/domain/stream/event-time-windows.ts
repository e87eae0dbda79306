/**
 * Event-time tumbling windows per satellite, closed by a watermark: the
 * machinery shared by the 1 s aggregates and the windowed rules.
 *
 * Each satellite has its own watermark, the greatest event time seen from it
 * minus `allowedLatenessMs`; satellites are sampled and downlinked
 * independently, so one satellite's backlog must not hold another's windows
 * open. `advance()` closes every window whose end is at or before the
 * watermark. A window stays retained `closedRetentionMs` past its end (in
 * watermark time) so that late data can still update it; data for a window
 * beyond that is too late, and the caller decides what to do with it.
 * Lateness is judged against what `advance()` last closed, not against the
 * moving maximum, so a sample that arrives before its window was emitted is
 * never called late.
 *
 * Each window holds one accumulator per key (a parameter, a thermal node …).
 *
 * @example
 *   const windows = new EventTimeWindows({ windowMs: 1000, allowedLatenessMs: 2000, closedRetentionMs: 60_000 }, () => ({ n: 0 }));
 *   windows.windowFor(101, 1_500)!; // [1000, 2000), open
 *   windows.windowFor(101, 4_200);  // watermark now 2200
 *   windows.advance().closed.map((w) => w.startMs); // [1000]
 */

export interface EventTimeWindowsOptions {
  /** Window length, ms; windows are [k·windowMs, (k+1)·windowMs). */
  readonly windowMs: number;
  /** How far behind a satellite's newest event time its windows stay open, ms. */
  readonly allowedLatenessMs: number;
  /** How long past its end (in watermark time) a closed window can still take late data, ms. */
  readonly closedRetentionMs: number;
}

export interface EventWindow<A> {
  readonly satelliteId: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly closed: boolean;
  /** Accumulators by key, in the order the keys were first seen. */
  readonly entries: ReadonlyMap<number, A>;
}

export interface LateUpdate<A> {
  readonly window: EventWindow<A>;
  /** Keys whose accumulators changed since the window closed (or since their last update was reported). */
  readonly keys: readonly number[];
}

export interface WindowAdvance<A> {
  /** Windows closed by this call, per satellite in start order. */
  readonly closed: EventWindow<A>[];
  readonly lateUpdates: LateUpdate<A>[];
}

interface MutableWindow<A> extends EventWindow<A> {
  closed: boolean;
  readonly entries: Map<number, A>;
  lateKeys: Set<number> | undefined;
}

interface SatelliteWindows<A> {
  readonly satelliteId: number;
  newestMs: number;
  /** Watermark at the last advance: windows ending at or before it are closed. */
  closedThroughMs: number;
  readonly byStart: Map<number, MutableWindow<A>>;
  /** Starts of open windows, ascending. */
  readonly open: number[];
  /** Starts of retained closed windows, ascending. */
  readonly retained: number[];
  readonly late: MutableWindow<A>[];
}

export class EventTimeWindows<A> {
  readonly options: EventTimeWindowsOptions;
  readonly #create: (key: number) => A;
  readonly #satellites = new Map<number, SatelliteWindows<A>>();

  constructor(options: EventTimeWindowsOptions, createAccumulator: (key: number) => A) {
    const { windowMs, allowedLatenessMs, closedRetentionMs } = options;
    if (!(Number.isInteger(windowMs) && windowMs > 0)) throw new RangeError(`windowMs must be a positive integer, got ${windowMs}`);
    if (!(allowedLatenessMs >= 0)) throw new RangeError(`allowedLatenessMs must be ≥ 0, got ${allowedLatenessMs}`);
    if (!(closedRetentionMs >= 0)) throw new RangeError(`closedRetentionMs must be ≥ 0, got ${closedRetentionMs}`);
    this.options = { windowMs, allowedLatenessMs, closedRetentionMs };
    this.#create = createAccumulator;
  }

  /** The satellite's watermark, epoch ms; -Infinity before its first event. */
  watermarkMs(satelliteId: number): number {
    const s = this.#satellites.get(satelliteId);
    return s ? s.newestMs - this.options.allowedLatenessMs : -Infinity;
  }

  /** Windows held (open and retained closed) across all satellites. */
  get size(): number {
    let n = 0;
    for (const s of this.#satellites.values()) n += s.byStart.size;
    return n;
  }

  /**
   * Notes an event at `timeMs` (moving the satellite's watermark) and returns
   * its window, created if needed; null when the window is past retention.
   */
  windowFor(satelliteId: number, timeMs: number): EventWindow<A> | null {
    let s = this.#satellites.get(satelliteId);
    if (!s) {
      s = { satelliteId, newestMs: -Infinity, closedThroughMs: -Infinity, byStart: new Map(), open: [], retained: [], late: [] };
      this.#satellites.set(satelliteId, s);
    }
    if (timeMs > s.newestMs) s.newestMs = timeMs;
    const { windowMs, closedRetentionMs } = this.options;
    const startMs = Math.floor(timeMs / windowMs) * windowMs;
    const existing = s.byStart.get(startMs);
    if (existing) return existing;
    const endMs = startMs + windowMs;
    if (endMs + closedRetentionMs <= s.closedThroughMs) return null;
    const closed = endMs <= s.closedThroughMs;
    const window: MutableWindow<A> = { satelliteId, startMs, endMs, closed, entries: new Map(), lateKeys: undefined };
    s.byStart.set(startMs, window);
    insertSorted(closed ? s.retained : s.open, startMs);
    return window;
  }

  /** The window's accumulator for `key`, created if needed; a closed window records the key as updated late. */
  entry(window: EventWindow<A>, key: number): A {
    const w = window as MutableWindow<A>;
    let acc = w.entries.get(key);
    if (acc === undefined) w.entries.set(key, (acc = this.#create(key)));
    if (w.closed) {
      if (!w.lateKeys) {
        w.lateKeys = new Set();
        this.#satellites.get(w.satelliteId)!.late.push(w);
      }
      w.lateKeys.add(key);
    }
    return acc;
  }

  /** Closes windows at or behind each satellite's watermark, drops those past retention, and reports late updates. */
  advance(): WindowAdvance<A> {
    const out: WindowAdvance<A> = { closed: [], lateUpdates: [] };
    for (const s of this.#satellites.values()) this.#close(s, s.newestMs - this.options.allowedLatenessMs, out);
    return out;
  }

  /** Closes every open window (of one satellite, or all), whatever the watermark: end of stream, or a satellite gone quiet. */
  flush(satelliteId?: number): WindowAdvance<A> {
    const out: WindowAdvance<A> = { closed: [], lateUpdates: [] };
    for (const s of this.#satellites.values()) {
      if (satelliteId !== undefined && s.satelliteId !== satelliteId) continue;
      const lastOpen = s.open[s.open.length - 1];
      const throughMs = lastOpen === undefined ? s.closedThroughMs : lastOpen + this.options.windowMs;
      this.#close(s, Math.max(throughMs, s.newestMs - this.options.allowedLatenessMs), out);
    }
    return out;
  }

  #close(s: SatelliteWindows<A>, watermarkMs: number, out: WindowAdvance<A>): void {
    const { windowMs, closedRetentionMs } = this.options;
    // Late updates first: a window reported as updated must not also be dropped unreported below.
    for (const w of s.late) {
      out.lateUpdates.push({ window: w, keys: [...w.lateKeys!] });
      w.lateKeys = undefined;
    }
    s.late.length = 0;
    if (watermarkMs > s.closedThroughMs) s.closedThroughMs = watermarkMs;
    let n = 0;
    while (n < s.open.length && s.open[n]! + windowMs <= s.closedThroughMs) {
      const w = s.byStart.get(s.open[n]!)!;
      w.closed = true;
      out.closed.push(w);
      insertSorted(s.retained, w.startMs);
      n++;
    }
    if (n > 0) s.open.splice(0, n);
    let dropped = 0;
    while (dropped < s.retained.length && s.retained[dropped]! + windowMs + closedRetentionMs <= s.closedThroughMs) {
      s.byStart.delete(s.retained[dropped]!);
      dropped++;
    }
    if (dropped > 0) s.retained.splice(0, dropped);
  }
}

/** Inserts into an ascending array; appending, the usual case, costs one comparison. */
function insertSorted(values: number[], value: number): void {
  let i = values.length;
  while (i > 0 && values[i - 1]! > value) i--;
  values.splice(i, 0, value);
}
