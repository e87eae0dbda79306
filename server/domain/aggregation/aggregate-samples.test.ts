import { describe, expect, it } from 'vitest';
import { aggregateSamples } from './aggregate-samples';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const sample = (timeMs: number, value: number, parameterId = 2, satelliteId = 101) => ({ timeMs, satelliteId, parameterId, value });

describe('Aggregation > aggregateSamples', () => {
  it('folds one second of one parameter into min, max, sum, count and last', () => {
    const result = aggregateSamples([sample(T0 + 100, 3.5), sample(T0 + 900, -1.25), sample(T0 + 400, 10), sample(T0 + 999.999, 2)]);
    expect(result).toEqual([
      { bucketStartMs: T0, satelliteId: 101, parameterId: 2, min: -1.25, max: 10, sum: 14.25, count: 4, last: 2, lastTimeMs: T0 + 999.999 },
    ]);
  });

  it('takes last from the greatest time, not from input order', () => {
    const [bucket] = aggregateSamples([sample(T0 + 700, 7), sample(T0 + 200, 2), sample(T0 + 500, 5)]);
    expect(bucket).toMatchObject({ last: 7, lastTimeMs: T0 + 700 });
  });

  it('on equal times takes the later sample in input order', () => {
    const [bucket] = aggregateSamples([sample(T0 + 300, 1), sample(T0 + 300, 9)]);
    expect(bucket).toMatchObject({ last: 9, lastTimeMs: T0 + 300, count: 2 });
  });

  it('starts a new bucket exactly on the second boundary', () => {
    const result = aggregateSamples([sample(T0 + 999, 1), sample(T0 + 1000, 2), sample(T0 + 2500, 4)]);
    expect(result.map((b) => [b.bucketStartMs - T0, b.count, b.sum])).toEqual([
      [0, 1, 1],
      [1000, 1, 2],
      [2000, 1, 4],
    ]);
  });

  it('keeps satellites and parameters apart and orders by satellite, parameter, bucket', () => {
    const result = aggregateSamples([
      sample(T0 + 1500, 30, 5, 102),
      sample(T0 + 100, 10, 5, 101),
      sample(T0 + 200, 20, 3, 102),
      sample(T0 + 1100, 11, 5, 101),
      sample(T0 + 300, 12, 5, 101),
    ]);
    expect(result.map((b) => [b.satelliteId, b.parameterId, b.bucketStartMs - T0, b.min, b.max, b.sum, b.count])).toEqual([
      [101, 5, 0, 10, 12, 22, 2],
      [101, 5, 1000, 11, 11, 11, 1],
      [102, 3, 0, 20, 20, 20, 1],
      [102, 5, 1000, 30, 30, 30, 1],
    ]);
  });

  it('buckets times before the epoch downwards', () => {
    const [bucket] = aggregateSamples([sample(-1, 4)]);
    expect(bucket).toMatchObject({ bucketStartMs: -1000, lastTimeMs: -1 });
  });

  it('honours another bucket width', () => {
    const result = aggregateSamples([sample(T0 + 4_999, 1), sample(T0 + 5_000, 2), sample(T0 + 9_999, 3)], 5_000);
    expect(result.map((b) => [b.bucketStartMs - T0, b.min, b.max, b.sum, b.count, b.last])).toEqual([
      [0, 1, 1, 1, 1, 1],
      [5000, 2, 3, 5, 2, 3],
    ]);
  });

  it('leaves out non-finite values so a NaN cannot poison the stored sum', () => {
    const result = aggregateSamples([sample(T0, Number.NaN), sample(T0 + 10, 2), sample(T0 + 20, Number.POSITIVE_INFINITY), sample(Number.NaN, 5)]);
    expect(result).toEqual([{ bucketStartMs: T0, satelliteId: 101, parameterId: 2, min: 2, max: 2, sum: 2, count: 1, last: 2, lastTimeMs: T0 + 10 }]);
  });

  it('returns nothing for no samples', () => {
    expect(aggregateSamples([])).toEqual([]);
  });

  it('rejects a bucket width that is not a positive integer', () => {
    expect(() => aggregateSamples([], 0)).toThrow(new RangeError('bucketMs must be a positive integer, got 0'));
    expect(() => aggregateSamples([], 2.5)).toThrow(RangeError);
  });
});
