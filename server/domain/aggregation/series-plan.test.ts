import { describe, expect, it } from 'vitest';
import {
  HISTORY_WIDTH_PX,
  MAX_POINTS_PER_SERIES,
  REBUCKET_WIDTHS_MS,
  bucketCount,
  bucketStartMs,
  planSeries,
  pointBudget,
  seriesSpacing,
} from './series-plan';

/** 2026-01-01T00:00:00Z: on every bucket boundary up to a day. */
const T0 = Date.UTC(2026, 0, 1);
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const plan = (spanMs: number, { widthPx = 1000, maxSampleRateHz = 10, fromMs = T0 } = {}) =>
  planSeries({ fromMs, toMs: fromMs + spanMs, widthPx, maxSampleRateHz });

describe('Aggregation > pointBudget', () => {
  it('allows two points per pixel, at most 5,000', () => {
    expect(pointBudget(HISTORY_WIDTH_PX.min)).toBe(64);
    expect(pointBudget(1000)).toBe(2000);
    expect(pointBudget(2500)).toBe(MAX_POINTS_PER_SERIES);
    expect(pointBudget(HISTORY_WIDTH_PX.max)).toBe(5000);
  });
});

describe('Aggregation > bucketCount', () => {
  it('counts the epoch-aligned buckets overlapping a window, both ends included', () => {
    expect(bucketCount(500, 1500, 1000)).toBe(2);
    expect(bucketCount(0, 999.999, 1000)).toBe(1);
    expect(bucketCount(0, 1000, 1000)).toBe(2);
    expect(bucketCount(T0, T0, 60_000)).toBe(1);
    expect(bucketCount(T0 - 1, T0, 60_000)).toBe(2);
  });

  it('places a time in the bucket that starts at or before it', () => {
    expect(bucketStartMs(T0 + 59_999.5, MINUTE)).toBe(T0);
    expect(bucketStartMs(T0 + 60_000, MINUTE)).toBe(T0 + MINUTE);
    expect(bucketStartMs(T0 + 7 * MINUTE, 5 * MINUTE)).toBe(T0 + 5 * MINUTE);
  });
});

describe('Aggregation > planSeries', () => {
  it('returns raw samples while a 10 Hz series fits the budget: 3 min 19.9 s at 1000 px', () => {
    expect(plan(MINUTE)).toEqual({ tier: 'raw', bucketMs: null, points: 601 });
    expect(plan(199_900)).toEqual({ tier: 'raw', bucketMs: null, points: 2000 });
    expect(plan(200_000)).toEqual({ tier: '1s', bucketMs: 1000, points: 201 });
  });

  it('keeps raw samples longer for slower parameters: a 1 Hz series fits 33 minutes', () => {
    expect(plan(1_999_000, { maxSampleRateHz: 1 })).toEqual({ tier: 'raw', bucketMs: null, points: 2000 });
    // One second more and 1-second buckets would not fit either: they are paired.
    expect(plan(2_000_000, { maxSampleRateHz: 1 })).toEqual({ tier: '1s', bucketMs: 2000, points: 1001 });
    expect(plan(4_000_000, { maxSampleRateHz: 1 })).toEqual({ tier: '1m', bucketMs: 60_000, points: 67 });
  });

  it('steps to the 1-second tier, then the 1-minute tier, when the finer one would exceed the budget', () => {
    expect(plan(15 * MINUTE)).toEqual({ tier: '1s', bucketMs: 1000, points: 901 });
    // 1,999 s from a second boundary overlaps 2,000 one-second buckets; one more second is too many.
    expect(plan(1_999_000)).toEqual({ tier: '1s', bucketMs: 1000, points: 2000 });
    expect(plan(4_000_000)).toEqual({ tier: '1m', bucketMs: 60_000, points: 67 });
    expect(plan(6 * HOUR)).toEqual({ tier: '1m', bucketMs: 60_000, points: 361 });
    expect(plan(DAY)).toEqual({ tier: '1m', bucketMs: 60_000, points: 1441 });
  });

  it('pairs the 1-second tier into 2-second buckets while it holds at most twice the budget', () => {
    expect(plan(2_000_000)).toEqual({ tier: '1s', bucketMs: 2000, points: 1001 });
    expect(plan(HOUR)).toEqual({ tier: '1s', bucketMs: 2000, points: 1801 });
    // 3,999 s: 4,000 one-second rows read, 2,000 pairs returned; one more second and the minutes take over.
    expect(plan(3_999_000)).toEqual({ tier: '1s', bucketMs: 2000, points: 2000 });
    expect(plan(HOUR, { fromMs: T0 + 1000 })).toEqual({ tier: '1s', bucketMs: 2000, points: 1801 });
    expect(plan(HOUR, { widthPx: 1920 })).toEqual({ tier: '1s', bucketMs: 1000, points: 3601 });
  });

  it('narrows the window a chart can show per tier as the chart narrows', () => {
    expect(plan(MINUTE, { widthPx: 100 })).toEqual({ tier: '1s', bucketMs: 1000, points: 61 });
    expect(plan(HOUR, { widthPx: 100 })).toEqual({ tier: '1m', bucketMs: 60_000, points: 61 });
    expect(plan(DAY, { widthPx: 100 })).toEqual({ tier: '1m', bucketMs: 600_000, points: 145 });
  });

  it('groups the 1-minute tier into round widths when even it exceeds the budget', () => {
    expect(plan(2000 * MINUTE)).toEqual({ tier: '1m', bucketMs: 2 * MINUTE, points: 1001 });
    expect(plan(7 * DAY)).toEqual({ tier: '1m', bucketMs: 10 * MINUTE, points: 1009 });
    expect(plan(30 * DAY)).toEqual({ tier: '1m', bucketMs: 30 * MINUTE, points: 1441 });
    expect(plan(31 * DAY, { widthPx: HISTORY_WIDTH_PX.min })).toEqual({ tier: '1m', bucketMs: 720 * MINUTE, points: 63 });
  });

  it('counts a window that starts inside a bucket with the partial bucket at each end', () => {
    expect(plan(30 * DAY, { fromMs: T0 + 7 * MINUTE })).toEqual({ tier: '1m', bucketMs: 30 * MINUTE, points: 1441 });
    // 30 days less 1 ms is 1,440 half hours from a boundary, 1,441 when cut 7 minutes into one.
    expect(plan(30 * DAY - 1, { widthPx: 720 })).toEqual({ tier: '1m', bucketMs: 30 * MINUTE, points: 1440 });
    expect(plan(30 * DAY - 1, { fromMs: T0 + 7 * MINUTE, widthPx: 720 })).toEqual({ tier: '1m', bucketMs: 60 * MINUTE, points: 721 });
  });

  it('never exceeds the budget, for any window up to 31 days at any allowed width', () => {
    for (const widthPx of [HISTORY_WIDTH_PX.min, 33, 100, 640, 999, 1000, 1920, HISTORY_WIDTH_PX.max]) {
      for (let spanMs = 1; spanMs <= 31 * DAY; spanMs = Math.ceil(spanMs * 1.37) + 7) {
        for (const fromMs of [T0, T0 + 1, T0 + 59_999.5, T0 + 7 * MINUTE + 123]) {
          const p = planSeries({ fromMs, toMs: fromMs + spanMs, widthPx, maxSampleRateHz: 10 });
          expect(p.points).toBeLessThanOrEqual(pointBudget(widthPx));
          if (p.bucketMs !== null) expect(p.points).toBe(bucketCount(fromMs, fromMs + spanMs, p.bucketMs));
        }
      }
    }
  });

  it('falls back to whole minutes beyond the widest round width', () => {
    expect(REBUCKET_WIDTHS_MS.at(-1)).toBe(DAY);
    // Not reachable with the route's bounds (31 days, 32 px); a direct caller may still ask.
    expect(planSeries({ fromMs: T0, toMs: T0 + 400 * DAY, widthPx: 32, maxSampleRateHz: 10 })).toEqual({ tier: '1m', bucketMs: 9143 * MINUTE, points: 64 });
  });

  it('rejects a reversed or non-finite window, a width out of range and a non-positive rate', () => {
    expect(() => plan(-1)).toThrow(RangeError);
    expect(() => planSeries({ fromMs: Number.NaN, toMs: T0, widthPx: 1000, maxSampleRateHz: 10 })).toThrow(RangeError);
    expect(() => plan(MINUTE, { widthPx: 31 })).toThrow('widthPx must be an integer in 32..4096, got 31');
    expect(() => plan(MINUTE, { widthPx: 1000.5 })).toThrow(RangeError);
    expect(() => plan(MINUTE, { maxSampleRateHz: 0 })).toThrow(RangeError);
  });
});

describe('Aggregation > seriesSpacing', () => {
  it('spaces raw samples by their sampling period and aggregates by their bucket, a gap beyond 1.5 periods', () => {
    expect(seriesSpacing({ tier: 'raw', bucketMs: null, points: 601 }, 10)).toEqual({ periodMs: 100, gapThresholdMs: 150 });
    expect(seriesSpacing({ tier: 'raw', bucketMs: null, points: 61 }, 1)).toEqual({ periodMs: 1000, gapThresholdMs: 1500 });
    expect(seriesSpacing({ tier: '1s', bucketMs: 1000, points: 901 }, 10)).toEqual({ periodMs: 1000, gapThresholdMs: 1500 });
    expect(seriesSpacing({ tier: '1m', bucketMs: 900_000, points: 2881 }, 1)).toEqual({ periodMs: 900_000, gapThresholdMs: 1_350_000 });
  });

  it('keeps the sampling period of a parameter slower than the buckets: a 0.1 Hz one fills every tenth second', () => {
    expect(seriesSpacing({ tier: '1s', bucketMs: 1000, points: 901 }, 0.1)).toEqual({ periodMs: 10_000, gapThresholdMs: 15_000 });
  });
});
