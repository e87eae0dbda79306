import { describe, expect, it } from 'vitest';
import { collectSeries, unpackFloat8, type SeriesColumnsRow } from './series-rows';

/** Big-endian IEEE doubles end to end, as float8send concatenated by string_agg. */
function packed(values: readonly number[]): Buffer {
  const bytes = Buffer.alloc(values.length * 8);
  values.forEach((v, i) => bytes.writeDoubleBE(v, i * 8));
  return bytes;
}

function row(parameterId: number, times: number[], values: number[], mins = values, maxs = values, counts = values.map(() => 1)): SeriesColumnsRow {
  return { parameter_id: parameterId, times_ms: packed(times), values_: packed(values), mins: packed(mins), maxs: packed(maxs), counts: packed(counts) };
}

describe('Database > series columns', () => {
  it('unpacks float8send bytes exactly, including sub-millisecond times and negative values', () => {
    // 0x3ff8... is 1.5; the other bytes are written independently by Buffer.writeDoubleBE.
    expect(unpackFloat8(Buffer.from('3ff8000000000000', 'hex'))).toEqual([1.5]);
    expect(unpackFloat8(packed([1_767_243_600_100.006, -0.1, 85.25]))).toEqual([1_767_243_600_100.006, -0.1, 85.25]);
    expect(unpackFloat8(Buffer.alloc(0))).toEqual([]);
  });

  it('refuses a column whose length is not whole float8 values', () => {
    expect(() => unpackFloat8(Buffer.alloc(12))).toThrow(new RangeError('a packed float8 column has a multiple of 8 bytes, got 12'));
  });

  it('returns one series per requested parameter in request order, empty columns for one without data', () => {
    const series = collectSeries([3, 9, 2], [row(2, [1000, 2000], [1, 2], [0.5, 1.5], [1.5, 2.5], [10, 10]), row(3, [1000], [7])]);
    expect(series).toEqual([
      { parameterId: 3, timesMs: [1000], values: [7], mins: [7], maxs: [7], counts: [1] },
      { parameterId: 9, timesMs: [], values: [], mins: [], maxs: [], counts: [] },
      { parameterId: 2, timesMs: [1000, 2000], values: [1, 2], mins: [0.5, 1.5], maxs: [1.5, 2.5], counts: [10, 10] },
    ]);
  });

  it('puts a series that arrived out of time order back in order, every column alike', () => {
    const [series] = collectSeries([4], [row(4, [3000, 1000, 2000], [30, 10, 20], [29, 9, 19], [31, 11, 21], [3, 1, 2])]);
    expect(series).toEqual({ parameterId: 4, timesMs: [1000, 2000, 3000], values: [10, 20, 30], mins: [9, 19, 29], maxs: [11, 21, 31], counts: [1, 2, 3] });
  });
});
