import { describe, expect, it } from 'vitest';
import { LatencyHistogram, MAX_TRACKED_LATENCY_MS } from './latency-histogram';

describe('Bench > LatencyHistogram', () => {
  describe('#percentile', () => {
    it('returns the nearest-rank latency', () => {
      const h = new LatencyHistogram();
      for (const ms of [5, 7, 7, 40]) h.record(ms);
      expect([h.percentile(25), h.percentile(50), h.percentile(75), h.percentile(99), h.percentile(100)]).toEqual([5, 7, 7, 40, 40]);
      expect(h.count).toBe(4);
      expect(h.maxMs).toBe(40);
    });

    it('puts p99 of 100 latencies 1..100 ms at 99 ms', () => {
      const h = new LatencyHistogram();
      for (let ms = 100; ms >= 1; ms--) h.record(ms);
      expect(h.percentile(50)).toBe(50);
      expect(h.percentile(99)).toBe(99);
    });

    it('is NaN when nothing was recorded', () => {
      const h = new LatencyHistogram();
      expect(h.percentile(50)).toBeNaN();
      expect(h.maxMs).toBeNaN();
    });

    it('refuses a percentile outside (0, 100]', () => {
      expect(() => new LatencyHistogram().percentile(0)).toThrow('p must be in (0, 100], got 0');
    });
  });

  describe('#record', () => {
    it('counts weighted, negative and overflowing latencies', () => {
      const h = new LatencyHistogram();
      h.record(-3);
      h.record(12, 3);
      h.record(MAX_TRACKED_LATENCY_MS + 5000);
      expect(h.count).toBe(5);
      expect(h.negative).toBe(1);
      expect(h.maxMs).toBe(MAX_TRACKED_LATENCY_MS + 5000);
      expect(h.toSparse()).toEqual([
        [0, 1],
        [12, 3],
        [MAX_TRACKED_LATENCY_MS, 1],
      ]);
    });
  });

  describe('#merge and JSON', () => {
    it('keeps every bin, the maximum and the negatives across a round trip', () => {
      const a = new LatencyHistogram();
      a.record(10);
      a.record(-1);
      const b = new LatencyHistogram();
      b.record(10);
      b.record(250);
      const merged = LatencyHistogram.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
      merged.merge(LatencyHistogram.fromJSON(b.toJSON()));
      expect(merged.toSparse()).toEqual([
        [0, 1],
        [10, 2],
        [250, 1],
      ]);
      expect(merged.count).toBe(4);
      expect(merged.negative).toBe(1);
      expect(merged.maxMs).toBe(250);
    });
  });
});
