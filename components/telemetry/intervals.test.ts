import { describe, expect, it } from 'vitest';
import { SeriesBuffer } from './series-buffer';
import { intervalsWhereSet } from './intervals';

const bufferOf = (samples: [number, number | null][]) => {
  const b = new SeriesBuffer(32);
  for (const [t, v] of samples) b.push(t, v);
  return b;
};

describe('Telemetry > intervalsWhereSet', () => {
  it('finds each stretch from the first set sample to the first clear one', () => {
    const b = bufferOf([[1000, 0], [2000, 1], [3000, 1], [4000, 0], [5000, 0], [6000, 1], [7000, 0]]);
    expect(intervalsWhereSet(b, 0, 10_000)).toEqual([
      [2000, 4000],
      [6000, 7000],
    ]);
  });

  it('clips to the window, including a stretch that began before it', () => {
    const b = bufferOf([[1000, 1], [2000, 1], [3000, 0], [4000, 1], [5000, 0]]);
    expect(intervalsWhereSet(b, 1500, 4500)).toEqual([
      [1500, 3000],
      [4000, 4500],
    ]);
  });

  it('ends a stretch still set at the newest sample there, and treats null as clear', () => {
    expect(intervalsWhereSet(bufferOf([[1000, 0], [2000, 1], [3000, 1]]), 0, 10_000)).toEqual([[2000, 3000]]);
    expect(intervalsWhereSet(bufferOf([[1000, 1], [2000, null], [3000, 0]]), 0, 10_000)).toEqual([[1000, 2000]]);
    expect(intervalsWhereSet(bufferOf([]), 0, 10_000)).toEqual([]);
  });
});
