/**
 * Stretches of a window during which a state parameter was set (non-zero),
 * e.g. eclipse: from the first sample that was set to the first sample that
 * was not, clipped to the window. A stretch still set at the newest sample
 * ends at that sample: what comes after is not known yet.
 *
 * @example
 *   // eclipse samples 0@1000, 1@2000, 1@3000, 0@4000
 *   intervalsWhereSet(buffer, 0, 10_000); // [[2000, 4000]]
 */
import type { SeriesBuffer } from './series-buffer';

export function intervalsWhereSet(buffer: SeriesBuffer, fromMs: number, toMs: number): [number, number][] {
  const out: [number, number][] = [];
  // Start one sample early: a stretch that began before the window shades its start.
  let i = Math.max(0, buffer.lowerBound(fromMs) - 1);
  // …and end one sample late: the sample that clears a stretch may lie past the window.
  const end = Math.min(buffer.length, buffer.upperBound(toMs) + 1);
  let openedMs: number | undefined;
  for (; i < end; i++) {
    const set = (buffer.valueAt(i) ?? 0) !== 0;
    const t = buffer.timeAt(i);
    if (set && openedMs === undefined) openedMs = t;
    else if (!set && openedMs !== undefined) {
      if (t > fromMs && openedMs < toMs) out.push([Math.max(openedMs, fromMs), Math.min(t, toMs)]);
      openedMs = undefined;
    }
  }
  if (openedMs !== undefined && end > 0) {
    const lastMs = buffer.timeAt(end - 1);
    if (lastMs >= fromMs && openedMs <= toMs) out.push([Math.max(openedMs, fromMs), Math.min(lastMs, toMs)]);
  }
  return out;
}
