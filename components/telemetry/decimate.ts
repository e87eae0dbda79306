/**
 * Thins aligned chart columns to what a chart of `widthPx` pixels can show,
 * keeping every series' minimum and maximum of each pixel column in the
 * order they occurred (so a one-sample spike is still drawn, at its pixel)
 * and keeping gaps as gaps. A 10-minute window of 10 Hz data is 6,000 rows
 * per chart; at 600 px it becomes at most 1,800, whatever the rate, so the
 * cost of a redraw follows the chart's width, not the data's rate.
 *
 * Rows go in unchanged when there are no more than DENSITY rows per pixel.
 *
 * @example
 *   decimateColumns(alignSeries(buffers, window), window.fromMs, window.toMs, 600);
 */
import type { AlignedColumns } from './align-series';

/** Rows per pixel column up to which nothing is thinned: up to 3 rows are kept per column anyway. */
const DENSITY = 4;

export function decimateColumns(columns: AlignedColumns, fromMs: number, toMs: number, widthPx: number): AlignedColumns {
  const xs = columns[0];
  const width = Math.max(1, Math.floor(widthPx));
  if (xs.length <= width * DENSITY || !(toMs > fromMs)) return columns;
  const k = columns.length - 1;
  const bucketMs = (toMs - fromMs) / width;
  const outX: number[] = [];
  const outY: (number | null | undefined)[][] = Array.from({ length: k }, () => []);

  const minV = new Float64Array(k);
  const maxV = new Float64Array(k);
  const minI = new Int32Array(k);
  const maxI = new Int32Array(k);
  const hasValue = new Uint8Array(k);
  const hasNull = new Uint8Array(k);

  let row = 0;
  while (row < xs.length) {
    const bucket = Math.min(width - 1, Math.max(0, Math.floor((xs[row]! - fromMs) / bucketMs)));
    const bucketEndMs = bucket === width - 1 ? Infinity : fromMs + (bucket + 1) * bucketMs;
    const first = row;
    hasValue.fill(0);
    hasNull.fill(0);
    for (; row < xs.length && xs[row]! < bucketEndMs; row++) {
      for (let s = 0; s < k; s++) {
        const v = columns[s + 1]![row];
        if (v === null) hasNull[s] = 1;
        else if (v !== undefined) {
          if (!hasValue[s] || v < minV[s]!) (minV[s] = v), (minI[s] = row);
          if (!hasValue[s] || v > maxV[s]!) (maxV[s] = v), (maxI[s] = row);
          hasValue[s] = 1;
        }
      }
    }
    const last = row - 1;
    if (last - first < 3) {
      // Three rows or fewer: keep them as they are.
      for (let r = first; r <= last; r++) {
        outX.push(xs[r]!);
        for (let s = 0; s < k; s++) outY[s]!.push(columns[s + 1]![r]);
      }
      continue;
    }
    // Up to three rows at the bucket's first, middle and last times: the earlier extreme, a break, the later extreme.
    let anyNull = false;
    for (let s = 0; s < k; s++) if (hasNull[s]) anyNull = true;
    outX.push(xs[first]!);
    for (let s = 0; s < k; s++) outY[s]!.push(hasValue[s] ? (minI[s]! <= maxI[s]! ? minV[s]! : maxV[s]!) : hasNull[s] ? null : undefined);
    if (anyNull) {
      outX.push((xs[first]! + xs[last]!) / 2);
      for (let s = 0; s < k; s++) outY[s]!.push(hasNull[s] ? null : undefined);
    }
    outX.push(xs[last]!);
    for (let s = 0; s < k; s++) outY[s]!.push(hasValue[s] ? (minI[s]! <= maxI[s]! ? maxV[s]! : minV[s]!) : hasNull[s] ? null : undefined);
  }
  return [outX, ...outY];
}
