/**
 * The longest stretch of a window without a sample, edges included: from the
 * window's start to the first sample, between samples, and from the last
 * sample to the window's end. A window with no sample at all is one gap.
 *
 * @example
 *   // samples at 1000, 1100, 4100 in [1000, 4200]
 *   largestGapMs(buffer, 1000, 4200); // 3000
 */
import type { SeriesBuffer } from './series-buffer';

export function largestGapMs(buffer: SeriesBuffer, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return 0;
  const first = buffer.lowerBound(fromMs);
  const end = buffer.upperBound(toMs);
  let previousMs = fromMs;
  let largest = 0;
  for (let i = first; i < end; i++) {
    const t = buffer.timeAt(i);
    largest = Math.max(largest, t - previousMs);
    previousMs = t;
  }
  return Math.max(largest, toMs - previousMs);
}

/**
 * Every stretch of a window longer than `minGapMs` without a sample, edges
 * included: the holes a timeline marks as no data.
 *
 * @example
 *   // samples at 1000, 1100, 4100 in [0, 5000], minGapMs 500
 *   gapsLongerThan(buffer, 0, 5000, 500); // [[0, 1000], [1100, 4100], [4100, 5000]]
 */
export function gapsLongerThan(buffer: SeriesBuffer, fromMs: number, toMs: number, minGapMs: number): [number, number][] {
  const gaps: [number, number][] = [];
  if (toMs <= fromMs) return gaps;
  const first = buffer.lowerBound(fromMs);
  const end = buffer.upperBound(toMs);
  let previousMs = fromMs;
  for (let i = first; i < end; i++) {
    const t = buffer.timeAt(i);
    if (t - previousMs > minGapMs) gaps.push([previousMs, t]);
    previousMs = t;
  }
  if (toMs - previousMs > minGapMs) gaps.push([previousMs, toMs]);
  return gaps;
}
