import { describe, expect, it } from 'vitest';
import type { SampleFrame } from '../sample-frame';
import { windowAggregateSchema } from './window-aggregate';
import { WindowAggregator } from './window-aggregator';

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);

function frame(satelliteId: number, offsetMs: number, values: Record<number, number | null>): SampleFrame {
  return {
    satelliteId,
    subsystem: 'power',
    apid: 272,
    sequenceCount: 0,
    onboardTimeMs: T0 + offsetMs,
    arrivalMs: T0 + offsetMs + 40,
    parameterIds: Object.keys(values).map(Number),
    values: Object.values(values),
  };
}

const window0 = { satelliteId: 101, windowStartMs: T0, windowMs: 1000 };

describe('Stream > WindowAggregator', () => {
  describe('#advance', () => {
    it('emits min/max/sum/count/last per parameter once the watermark passes the window end', () => {
      const aggregator = new WindowAggregator({ allowedLatenessMs: 2000 });
      aggregator.add(frame(101, 100, { 100: 28.4, 101: -1.5 }));
      aggregator.add(frame(101, 900, { 100: 28.1, 101: null }));
      aggregator.add(frame(101, 500, { 100: 28.6, 101: -1.0 }));
      aggregator.add(frame(101, 2_999, { 100: 28.0 }));
      expect(aggregator.advance()).toEqual([]);
      aggregator.add(frame(101, 3_000, { 100: 28.0 }));
      const out = aggregator.advance();
      expect(out).toEqual([
        { ...window0, parameterId: 100, min: 28.1, max: 28.6, sum: 28.4 + 28.1 + 28.6, count: 3, last: 28.1, lastTimeMs: T0 + 900, late: false, mode: 'replace' },
        { ...window0, parameterId: 101, min: -1.5, max: -1.0, sum: -2.5, count: 2, last: -1.0, lastTimeMs: T0 + 500, late: false, mode: 'replace' },
      ]);
      for (const aggregate of out) expect(windowAggregateSchema.parse(aggregate)).toEqual(aggregate);
      expect(aggregator.stats).toEqual({ lateSamples: 0, tooLateSamples: 0, windowsClosed: 1, windowsHeld: 3 });
    });

    it('re-emits a closed window, whole and marked late, when late data updates it', () => {
      const aggregator = new WindowAggregator({ allowedLatenessMs: 2000, closedRetentionMs: 60_000 });
      aggregator.add(frame(101, 100, { 100: 28.4 }));
      aggregator.add(frame(101, 5_000, { 100: 28.0 }));
      expect(aggregator.advance()).toHaveLength(1);
      aggregator.add(frame(101, 700, { 100: 27.5 }));
      aggregator.add(frame(101, 800, { 100: 29.5 }));
      expect(aggregator.advance()).toEqual([
        { ...window0, parameterId: 100, min: 27.5, max: 29.5, sum: 28.4 + 27.5 + 29.5, count: 3, last: 29.5, lastTimeMs: T0 + 800, late: true, mode: 'replace' },
      ]);
      expect(aggregator.stats.lateSamples).toBe(2);
    });

    it('emits a sample older than retention alone, as a late correction to merge', () => {
      const aggregator = new WindowAggregator({ allowedLatenessMs: 2000, closedRetentionMs: 10_000 });
      aggregator.add(frame(101, 100, { 100: 28.4 }));
      aggregator.add(frame(101, 20_000, { 100: 28.0 }));
      aggregator.advance();
      aggregator.add(frame(101, 300, { 100: 30.25, 101: 2.5 }));
      expect(aggregator.advance()).toEqual([
        { ...window0, parameterId: 100, min: 30.25, max: 30.25, sum: 30.25, count: 1, last: 30.25, lastTimeMs: T0 + 300, late: true, mode: 'merge' },
        { ...window0, parameterId: 101, min: 2.5, max: 2.5, sum: 2.5, count: 1, last: 2.5, lastTimeMs: T0 + 300, late: true, mode: 'merge' },
      ]);
      expect(aggregator.stats).toMatchObject({ lateSamples: 0, tooLateSamples: 2 });
    });

    it('holds a bounded number of windows over a long stream', () => {
      const aggregator = new WindowAggregator({ allowedLatenessMs: 2000, closedRetentionMs: 60_000 });
      let emitted = 0;
      for (let ms = 0; ms < 3_600_000; ms += 200) {
        aggregator.add(frame(101, ms, { 100: 28, 101: 1 }));
        if (ms % 10_000 === 0) emitted += aggregator.advance().length;
      }
      emitted += aggregator.advance().length;
      // Watermark 3 597 800: windows up to [3 596 000, 3 597 000) closed, two parameters each.
      expect(emitted).toBe(2 * 3_597);
      // 60 s of closed windows retained, plus the 3 still open.
      expect(aggregator.stats.windowsHeld).toBe(63);
    });
  });

  describe('#flush', () => {
    it('closes open windows regardless of the watermark', () => {
      const aggregator = new WindowAggregator();
      aggregator.add(frame(101, 100, { 100: 28.4 }));
      aggregator.add(frame(102, 1_100, { 100: 27 }));
      expect(aggregator.flush(102).map((a) => [a.satelliteId, a.windowStartMs - T0])).toEqual([[102, 1000]]);
      expect(aggregator.flush().map((a) => [a.satelliteId, a.windowStartMs - T0])).toEqual([[101, 0]]);
      expect(aggregator.flush()).toEqual([]);
    });
  });

  it('defines the telemetry.aggregates payload and rejects an inconsistent one', () => {
    const base = { ...window0, parameterId: 100, min: 1, max: 2, sum: 3, count: 2, last: 2, lastTimeMs: T0 + 5, late: false, mode: 'replace' };
    expect(windowAggregateSchema.safeParse(base).success).toBe(true);
    expect(windowAggregateSchema.safeParse({ ...base, min: 3 }).error?.issues[0]?.message).toBe('min exceeds max');
    expect(windowAggregateSchema.safeParse({ ...base, mode: 'upsert' }).success).toBe(false);
    expect(windowAggregateSchema.safeParse({ ...base, count: 0 }).success).toBe(false);
  });
});
