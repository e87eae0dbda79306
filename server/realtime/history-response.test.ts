import { describe, expect, it } from 'vitest';
import { historyResponseSchema } from './history-response';

const series = {
  parameterId: 2,
  timesMs: [0, 1000, 3000],
  values: [0.5, 0.25, 0.75],
  mins: [0, 0, 0.5],
  maxs: [1, 0.5, 1],
  counts: [10, 10, 4],
  periodMs: 1000,
  gapThresholdMs: 1500,
};
const response = { tier: '1s', bucketMs: 1000, series: [series] };
const issues = (body: unknown) => {
  const result = historyResponseSchema.safeParse(body);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe('Realtime > historyResponseSchema', () => {
  it('accepts a well-formed response as it is', () => {
    expect(historyResponseSchema.parse(response)).toEqual(response);
    expect(issues({ tier: 'raw', bucketMs: null, series: [] })).toEqual([]);
  });

  it('rejects columns of different lengths, times out of order and a min above its max', () => {
    expect(issues({ ...response, series: [{ ...series, counts: [10, 10] }] })).toEqual(['every column of a series has one entry per time']);
    expect(issues({ ...response, series: [{ ...series, timesMs: [0, 3000, 1000] }] })).toEqual(['times increase']);
    expect(issues({ ...response, series: [{ ...series, mins: [2, 0, 0.5] }] })).toEqual(['min ≤ max at every point']);
  });

  it('rejects raw samples with a bucket width, aggregates without one, and unknown fields', () => {
    expect(issues({ ...response, tier: 'raw' })).toEqual(['raw samples come unbucketed, aggregates with their bucket width']);
    expect(issues({ ...response, bucketMs: null })).toEqual(['raw samples come unbucketed, aggregates with their bucket width']);
    expect(issues({ ...response, extra: 1 }).length).toBe(1);
  });
});
