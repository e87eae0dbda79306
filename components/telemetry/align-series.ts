/**
 * Merges several parameters' series into uPlot's columnar form
 * `[xs, ys1, ys2, …]` over one time window. Parameters from different packets
 * have different timestamps: at an x where a series has no sample its y is
 * `undefined`, which uPlot skips (the line continues); where a series pauses
 * for longer than `gapMs` (loss of signal, a dropped packet run) its rows in
 * the pause are `null`, which uPlot draws as a break, so a pass gap never
 * looks like data.
 * See uPlot demos/missing-data.html for the null/undefined convention.
 *
 * @example
 *   alignSeries([a, b], { fromMs: 0, toMs: 10_000, gapMs: 3000 });
 *   // → [[1000, 1500, 2000], [20, undefined, 21], [undefined, 5, undefined]]
 */
import type { SeriesBuffer } from './series-buffer';

export type AlignedColumns = [number[], ...(number | null | undefined)[][]];

export interface AlignWindow {
  readonly fromMs: number;
  readonly toMs: number;
  /** A pause between two samples of one series longer than this is a gap, ms. */
  readonly gapMs: number;
}

export function alignSeries(buffers: readonly (SeriesBuffer | undefined)[], { fromMs, toMs, gapMs }: AlignWindow): AlignedColumns {
  const k = buffers.length;
  const xs: number[] = [];
  const ys: (number | null | undefined)[][] = buffers.map(() => []);
  const next = new Int32Array(k);
  const end = new Int32Array(k);
  const previousMs = new Float64Array(k).fill(Number.NaN);
  /** Row of each series' previous sample, -1 before its first. */
  const previousRow = new Int32Array(k).fill(-1);
  for (let s = 0; s < k; s++) {
    const b = buffers[s];
    next[s] = b ? b.lowerBound(fromMs) : 0;
    end[s] = b ? b.upperBound(toMs) : 0;
  }

  for (;;) {
    let t = Infinity;
    for (let s = 0; s < k; s++) if (next[s]! < end[s]!) t = Math.min(t, buffers[s]!.timeAt(next[s]!));
    if (t === Infinity) break;

    for (let s = 0; s < k; s++) {
      if (next[s]! >= end[s]! || buffers[s]!.timeAt(next[s]!) !== t) continue;
      if (!(t - previousMs[s]! > gapMs)) continue; // NaN (no previous sample) is not a gap
      // uPlot clips a gap only between the rows next to a run of nulls, so every row
      // inside the pause must be null for this series, not just one. With no row in
      // between, a break row is added halfway (shared by series resuming at t).
      if (previousRow[s]! === xs.length - 1) {
        xs.push((xs[xs.length - 1]! + t) / 2);
        for (let r = 0; r < k; r++) ys[r]!.push(undefined);
      }
      for (let r = previousRow[s]! + 1; r < xs.length; r++) ys[s]![r] = null;
    }

    xs.push(t);
    for (let s = 0; s < k; s++) {
      if (next[s]! < end[s]! && buffers[s]!.timeAt(next[s]!) === t) {
        ys[s]!.push(buffers[s]!.valueAt(next[s]!));
        previousMs[s] = t;
        previousRow[s] = xs.length - 1;
        next[s]!++;
      } else {
        ys[s]!.push(undefined);
      }
    }
  }
  return [xs, ...ys];
}

/**
 * The aligned columns with each series converted for display (in place: the
 * columns were built for this read). Identity conversions cost nothing.
 */
export function inDisplayUnits(columns: AlignedColumns, units: readonly { readonly convert: (value: number) => number }[]): AlignedColumns {
  for (let s = 0; s < units.length; s++) {
    const convert = units[s]!.convert;
    if (convert(1) === 1 && convert(0) === 0) continue;
    const ys = columns[s + 1]!;
    for (let i = 0; i < ys.length; i++) {
      const v = ys[i];
      if (typeof v === 'number') ys[i] = convert(v);
    }
  }
  return columns;
}
