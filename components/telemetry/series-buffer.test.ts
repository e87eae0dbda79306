import { describe, expect, it } from 'vitest';
import { SeriesBuffer } from './series-buffer';

const contents = (b: SeriesBuffer) => Array.from({ length: b.length }, (_, i) => [b.timeAt(i), b.valueAt(i)]);

describe('Telemetry > SeriesBuffer', () => {
  describe('#push', () => {
    it('keeps the newest `capacity` samples in time order across compactions', () => {
      const b = new SeriesBuffer(3);
      for (let t = 1; t <= 10; t++) b.push(t * 100, t);
      expect(contents(b)).toEqual([
        [800, 8],
        [900, 9],
        [1000, 10],
      ]);
    });

    it('stores null as a gap value and reads it back as null', () => {
      const b = new SeriesBuffer(4);
      b.push(1000, 1.5);
      b.push(2000, null);
      expect(contents(b)).toEqual([
        [1000, 1.5],
        [2000, null],
      ]);
    });

    it('inserts a late sample in its place and drops one older than a full buffer holds', () => {
      const b = new SeriesBuffer(3);
      b.push(100, 1);
      b.push(300, 3);
      b.push(200, 2);
      expect(contents(b)).toEqual([
        [100, 1],
        [200, 2],
        [300, 3],
      ]);
      b.push(50, 0);
      b.push(250, 2.5);
      expect(contents(b)).toEqual([
        [200, 2],
        [250, 2.5],
        [300, 3],
      ]);
    });
  });

  describe('#prependOlder', () => {
    it('adds only history older than the first live sample, keeping the newest that fit', () => {
      const b = new SeriesBuffer(4);
      b.push(500, 5);
      b.push(600, 6);
      b.prependOlder([100, 200, 300, 400, 500, 600], [1, 2, 3, 4, 5, 6]);
      expect(contents(b)).toEqual([
        [300, 3],
        [400, 4],
        [500, 5],
        [600, 6],
      ]);
      b.prependOlder([100, 200, 300, 400], [1, 2, 3, 4]); // the same history again: nothing to add
      expect(b.length).toBe(4);
      expect(b.firstTimeMs).toBe(300);
    });
  });

  describe('#lowerBound / #upperBound', () => {
    it('finds the window edges by time', () => {
      const b = new SeriesBuffer(8);
      for (const t of [100, 200, 200, 300]) b.push(t, 0);
      expect([b.lowerBound(200), b.upperBound(200), b.lowerBound(50), b.upperBound(400)]).toEqual([1, 3, 0, 4]);
    });
  });

  describe('#merge', () => {
    it('fills a hole between held samples, skipping times already held, and is idempotent', () => {
      const b = new SeriesBuffer(10);
      for (const t of [100, 200, 600, 700]) b.push(t, t / 100);
      b.merge([200, 300, 400, 500, 600], [99, 3, null, 5, 99]);
      const once = contents(b);
      expect(once).toEqual([
        [100, 1],
        [200, 2],
        [300, 3],
        [400, null],
        [500, 5],
        [600, 6],
        [700, 7],
      ]);
      b.merge([200, 300, 400, 500, 600], [99, 3, null, 5, 99]);
      expect(contents(b)).toEqual(once);
    });

    it('keeps the newest `capacity` samples when the merge overflows, and appends after the newest', () => {
      const b = new SeriesBuffer(4);
      b.push(300, 3);
      b.push(400, 4);
      b.merge([100, 200, 500, 600], [1, 2, 5, 6]);
      expect(contents(b)).toEqual([
        [300, 3],
        [400, 4],
        [500, 5],
        [600, 6],
      ]);
      b.push(700, 7);
      expect(contents(b).at(-1)).toEqual([700, 7]);
    });

    it('behaves as prependOlder for history entirely older than what is held', () => {
      const b = new SeriesBuffer(4);
      b.push(500, 5);
      b.merge([100, 200], [1, 2]);
      expect(contents(b)).toEqual([
        [100, 1],
        [200, 2],
        [500, 5],
      ]);
    });
  });
});
