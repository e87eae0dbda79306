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
});
