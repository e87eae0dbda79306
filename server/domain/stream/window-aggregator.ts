/**
 * 1 s tumbling aggregates per (satellite, parameter) in event time, for the
 * live view and the 1 s tier. Windows close when the satellite's watermark
 * (newest event time − allowed lateness) passes their end. A sample for a
 * closed window still retained updates it and the whole window is emitted
 * again, marked late; a sample older than retention is emitted alone as a
 * late one-sample correction for the store to merge. Either way it is
 * counted, and nothing accepted is lost.
 *
 * @example
 *   const aggregator = new WindowAggregator({ allowedLatenessMs: 2000 });
 *   aggregator.add(frame);        // frames of satellite 101 at 12:00:00.1 … 12:00:03.1
 *   aggregator.advance();         // aggregates of [12:00:00, 12:00:01): closed by watermark 12:00:01.1
 */
import type { SampleFrame } from '../sample-frame';
import { EventTimeWindows, type EventWindow, type WindowAdvance } from './event-time-windows';
import type { WindowAggregate } from './window-aggregate';
import { WindowColumns } from './window-columns';

export interface WindowAggregatorOptions {
  /** Window length, ms. */
  readonly windowMs?: number;
  /** How far behind a satellite's newest event time windows stay open, ms. */
  readonly allowedLatenessMs?: number;
  /** How long past its end a closed window can still be updated by late data, ms. */
  readonly closedRetentionMs?: number;
}

export interface WindowAggregatorStats {
  /** Samples that updated an already emitted window. */
  readonly lateSamples: number;
  /** Samples older than retention, emitted as one-sample corrections. */
  readonly tooLateSamples: number;
  readonly windowsClosed: number;
  /** Windows held in memory, open and retained. */
  readonly windowsHeld: number;
}

/** Key of the single entry each window holds: its columns. */
const COLUMNS = 0;

export class WindowAggregator {
  readonly #windows: EventTimeWindows<WindowColumns>;
  readonly #windowMs: number;
  /** Parameter id → column slot, -1 until the parameter is first seen; ids by slot. */
  readonly #slotOf = new Int16Array(32768).fill(-1);
  readonly #parameterIds: number[] = [];
  /** One-sample corrections waiting for the next advance. */
  #corrections: WindowAggregate[] = [];
  #lateSamples = 0;
  #tooLateSamples = 0;
  #windowsClosed = 0;

  constructor({ windowMs = 1000, allowedLatenessMs = 2000, closedRetentionMs = 60_000 }: WindowAggregatorOptions = {}) {
    this.#windows = new EventTimeWindows({ windowMs, allowedLatenessMs, closedRetentionMs }, () => new WindowColumns(this.#parameterIds.length));
    this.#windowMs = windowMs;
  }

  get stats(): WindowAggregatorStats {
    return {
      lateSamples: this.#lateSamples,
      tooLateSamples: this.#tooLateSamples,
      windowsClosed: this.#windowsClosed,
      windowsHeld: this.#windows.size,
    };
  }

  watermarkMs(satelliteId: number): number {
    return this.#windows.watermarkMs(satelliteId);
  }

  /** Adds a frame's non-null samples at its onboard time; nothing is emitted until advance. */
  add(frame: SampleFrame): void {
    const { satelliteId, onboardTimeMs: timeMs, parameterIds, values } = frame;
    const window = this.#windows.windowFor(satelliteId, timeMs);
    if (window === null) {
      this.#addTooLate(frame);
      return;
    }
    const columns = this.#windows.entry(window, COLUMNS);
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (value === null || value === undefined || !Number.isFinite(value)) continue;
      const slot = this.#slotFor(parameterIds[i]!);
      columns.add(slot, value, timeMs);
      if (window.closed) {
        columns.markLate(slot);
        this.#lateSamples++;
      }
    }
  }

  /** Aggregates of the windows the watermarks closed, late re-emissions and corrections. */
  advance(): WindowAggregate[] {
    return this.#emit(this.#windows.advance());
  }

  /** Closes all open windows (of one satellite, or all) regardless of watermark, e.g. at the end of a replay. */
  flush(satelliteId?: number): WindowAggregate[] {
    return this.#emit(this.#windows.flush(satelliteId));
  }

  #slotFor(parameterId: number): number {
    let slot = this.#slotOf[parameterId];
    if (slot === undefined) throw new RangeError(`parameter id ${parameterId} is outside 0..32767`);
    if (slot < 0) {
      slot = this.#parameterIds.length;
      this.#slotOf[parameterId] = slot;
      this.#parameterIds.push(parameterId);
    }
    return slot;
  }

  #emit({ closed, lateUpdates }: WindowAdvance<WindowColumns>): WindowAggregate[] {
    const out = this.#corrections;
    this.#corrections = [];
    for (const { window } of lateUpdates) {
      const columns = window.entries.get(COLUMNS)!;
      for (const slot of columns.lateSlots ?? []) out.push(this.#aggregate(window, columns, slot, true));
      columns.lateSlots = undefined;
    }
    for (const window of closed) {
      this.#windowsClosed++;
      const columns = window.entries.get(COLUMNS);
      if (!columns) continue;
      for (let slot = 0; slot < columns.slots; slot++) if (columns.count(slot) > 0) out.push(this.#aggregate(window, columns, slot, false));
    }
    return out;
  }

  #aggregate(window: EventWindow<WindowColumns>, columns: WindowColumns, slot: number, late: boolean): WindowAggregate {
    return {
      satelliteId: window.satelliteId,
      parameterId: this.#parameterIds[slot]!,
      windowStartMs: window.startMs,
      windowMs: this.#windowMs,
      min: columns.min(slot),
      max: columns.max(slot),
      sum: columns.sum(slot),
      count: columns.count(slot),
      last: columns.last(slot),
      lastTimeMs: columns.lastTimeMs(slot),
      late,
      mode: 'replace',
    };
  }

  #addTooLate(frame: SampleFrame): void {
    const windowStartMs = Math.floor(frame.onboardTimeMs / this.#windowMs) * this.#windowMs;
    frame.values.forEach((value, i) => {
      if (value === null || !Number.isFinite(value)) return;
      this.#tooLateSamples++;
      this.#corrections.push({
        satelliteId: frame.satelliteId,
        parameterId: frame.parameterIds[i]!,
        windowStartMs,
        windowMs: this.#windowMs,
        min: value,
        max: value,
        sum: value,
        count: 1,
        last: value,
        lastTimeMs: frame.onboardTimeMs,
        late: true,
        mode: 'merge',
      });
    });
  }
}
