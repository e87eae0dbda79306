import { describe, expect, it } from 'vitest';
import { alignSeries } from './align-series';
import { SeriesBuffer } from './series-buffer';

function buffer(points: [number, number | null][]): SeriesBuffer {
  const b = new SeriesBuffer(16);
  for (const [t, v] of points) b.push(t, v);
  return b;
}

describe('Telemetry > alignSeries', () => {
  it('coalesces equal timestamps into one row and leaves other rows undefined', () => {
    const a = buffer([
      [1000, 20],
      [2000, 21],
    ]);
    const b = buffer([
      [1000, 5],
      [1500, 6],
    ]);
    expect(alignSeries([a, b], { fromMs: 0, toMs: 10_000, gapMs: 3000 })).toEqual([
      [1000, 1500, 2000],
      [20, undefined, 21],
      [5, 6, undefined],
    ]);
  });

  it('breaks the line with a null row where a series pauses longer than gapMs', () => {
    const a = buffer([
      [1000, 1],
      [2000, 2],
      [9000, 3],
      [10_000, null],
    ]);
    expect(alignSeries([a], { fromMs: 0, toMs: 20_000, gapMs: 3000 })).toEqual([
      [1000, 2000, 5500, 9000, 10_000],
      [1, 2, null, 3, null],
    ]);
  });

  it('keeps only samples inside the window, edges included', () => {
    const a = buffer([
      [1000, 1],
      [2000, 2],
      [3000, 3],
      [4000, 4],
    ]);
    expect(alignSeries([a, undefined], { fromMs: 2000, toMs: 3000, gapMs: 5000 })).toEqual([
      [2000, 3000],
      [2, 3],
      [undefined, undefined],
    ]);
  });

  it('nulls every row inside one series\' pause so uPlot breaks its line even where other series have samples', () => {
    const a = buffer([
      [1000, 1],
      [9000, 2],
    ]);
    const b = buffer([
      [1000, 10],
      [4000, 11],
      [6000, 12],
      [9000, 13],
    ]);
    expect(alignSeries([a, b], { fromMs: 0, toMs: 20_000, gapMs: 3000 })).toEqual([
      [1000, 4000, 6000, 9000],
      [1, null, null, 2],
      [10, 11, 12, 13],
    ]);
  });

  it('shares one break row between series resuming together', () => {
    const a = buffer([
      [1000, 1],
      [9000, 2],
    ]);
    const b = buffer([
      [1000, 10],
      [9000, 11],
    ]);
    expect(alignSeries([a, b], { fromMs: 0, toMs: 20_000, gapMs: 3000 })).toEqual([
      [1000, 5000, 9000],
      [1, null, 2],
      [10, null, 11],
    ]);
  });
});
