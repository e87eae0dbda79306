/**
 * Lines up one parameter from several passes on a common x axis of seconds
 * since each pass's AOS, in uPlot's columnar form `[xs, ys1, ys2, …]`: a
 * pass without a sample at some x gets `undefined` there (uPlot joins the
 * line across it), and a silence in a pass longer than its series'
 * gapThresholdMs gets a `null` (uPlot breaks the line), so a dropout never
 * looks like data. Pure.
 *
 * @example
 *   overlayAtAos([
 *     { aosMs: 1000, timesMs: [1000, 2000], values: [5, 6], gapThresholdMs: 1500 },
 *     { aosMs: 9000, timesMs: [9500], values: [7], gapThresholdMs: 1500 },
 *   ]);
 *   // → [[0, 0.5, 1], [5, undefined, 6], [undefined, 7, undefined]]
 */

export interface OverlayInput {
  readonly aosMs: number;
  readonly timesMs: readonly number[];
  readonly values: readonly number[];
  readonly gapThresholdMs: number;
}

export type OverlayColumns = [number[], ...(number | null | undefined)[][]];

export function overlayAtAos(passes: readonly OverlayInput[]): OverlayColumns {
  // Each pass's points as (seconds since AOS, value), with a null point in the middle of every gap.
  const points = passes.map((p) => {
    const out: Array<[number, number | null]> = [];
    for (let i = 0; i < p.timesMs.length; i++) {
      const t = p.timesMs[i]!;
      if (i > 0 && t - p.timesMs[i - 1]! > p.gapThresholdMs) out.push([((t + p.timesMs[i - 1]!) / 2 - p.aosMs) / 1000, null]);
      out.push([(t - p.aosMs) / 1000, p.values[i]!]);
    }
    return out;
  });
  const xs = [...new Set(points.flatMap((ps) => ps.map(([x]) => x)))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const ys = points.map((ps) => {
    const column: (number | null | undefined)[] = new Array(xs.length).fill(undefined);
    for (const [x, y] of ps) column[index.get(x)!] = y;
    return column;
  });
  return [xs, ...ys];
}
