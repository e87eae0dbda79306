import { describe, expect, it } from 'vitest';
import { SeriesBuffer } from './series-buffer';
import { gapsLongerThan, largestGapMs } from './series-gaps';

const bufferOf = (times: number[]) => {
  const b = new SeriesBuffer(16);
  for (const t of times) b.push(t, 1);
  return b;
};

describe('Telemetry > largestGapMs', () => {
  it('finds the longest pause between samples inside the window', () => {
    expect(largestGapMs(bufferOf([1000, 1100, 4100, 4200]), 1000, 4200)).toBe(3000);
  });

  it('counts the stretch from the window start to the first sample and from the last sample to the end', () => {
    expect(largestGapMs(bufferOf([2000, 2100]), 500, 2200)).toBe(1500);
    expect(largestGapMs(bufferOf([1000, 1100]), 1000, 6100)).toBe(5000);
  });

  it('ignores samples outside the window and calls an empty window one gap', () => {
    expect(largestGapMs(bufferOf([0, 100, 5000, 5100, 9000]), 5000, 5200)).toBe(100);
    expect(largestGapMs(bufferOf([]), 1000, 3000)).toBe(2000);
    expect(largestGapMs(bufferOf([1000]), 3000, 3000)).toBe(0);
  });
});

describe('gapsLongerThan', () => {
  it('lists every hole longer than the threshold, edges included', () => {
    const buffer = new SeriesBuffer(8);
    for (const t of [1000, 1100, 4100]) buffer.push(t, 1);
    expect(gapsLongerThan(buffer, 0, 5000, 500)).toEqual([[0, 1000], [1100, 4100], [4100, 5000]]);
    expect(gapsLongerThan(buffer, 1000, 4100, 3000)).toEqual([]);
    expect(gapsLongerThan(new SeriesBuffer(1), 0, 5000, 500)).toEqual([[0, 5000]]);
  });
});
