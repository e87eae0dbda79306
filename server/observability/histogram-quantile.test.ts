import { describe, expect, it } from 'vitest';
import { estimateQuantile } from './histogram-quantile';

// 100 observations: 40 ≤ 10 ms, 40 in (10, 25] ms, 15 in (25, 50] ms, 4 in (50, 100] ms, 1 above 100 ms.
const buckets = [
  { le: 0.01, count: 40 },
  { le: 0.025, count: 80 },
  { le: 0.05, count: 95 },
  { le: 0.1, count: 99 },
  { le: Infinity, count: 100 },
];

describe('Observability > estimateQuantile', () => {
  it('interpolates inside the bucket holding the rank, from 0 in the first bucket', () => {
    expect(estimateQuantile(buckets, 0.2)).toBeCloseTo(0.005, 12);
    expect(estimateQuantile(buckets, 0.5)).toBeCloseTo(0.01375, 12);
    expect(estimateQuantile(buckets, 0.95)).toBeCloseTo(0.05, 12);
    expect(estimateQuantile(buckets, 0.99)).toBeCloseTo(0.1, 12);
  });

  it('reports the highest finite bound for a rank in the +Inf bucket', () => {
    expect(estimateQuantile(buckets, 0.995)).toBe(0.1);
    expect(estimateQuantile([{ le: 1, count: 0 }, { le: Infinity, count: 3 }], 0.5)).toBe(1);
  });

  it('skips empty buckets rather than landing on their bound', () => {
    expect(estimateQuantile([{ le: 1, count: 0 }, { le: 2, count: 0 }, { le: 4, count: 2 }, { le: Infinity, count: 2 }], 0)).toBe(2);
    expect(estimateQuantile([{ le: 1, count: 0 }, { le: 2, count: 0 }, { le: 4, count: 2 }, { le: Infinity, count: 2 }], 0.5)).toBe(3);
  });

  it('is null without observations and refuses a quantile outside [0, 1]', () => {
    expect(estimateQuantile([{ le: 1, count: 0 }, { le: Infinity, count: 0 }], 0.5)).toBeNull();
    expect(estimateQuantile([], 0.5)).toBeNull();
    expect(() => estimateQuantile(buckets, 1.5)).toThrow(new RangeError('quantile must be within [0, 1], got 1.5'));
  });
});
