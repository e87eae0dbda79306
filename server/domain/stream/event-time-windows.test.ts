import { describe, expect, it } from 'vitest';
import { EventTimeWindows, type WindowAdvance } from './event-time-windows';

class Counter {
  n = 0;
}

function windows(allowedLatenessMs = 2_000, closedRetentionMs = 5_000) {
  return new EventTimeWindows({ windowMs: 1_000, allowedLatenessMs, closedRetentionMs }, () => new Counter());
}

function add(w: EventTimeWindows<Counter>, satelliteId: number, timeMs: number, key = 1): 'ok' | 'too-late' {
  const window = w.windowFor(satelliteId, timeMs);
  if (!window) return 'too-late';
  w.entry(window, key).n++;
  return 'ok';
}

const summary = ({ closed, lateUpdates }: WindowAdvance<Counter>) => ({
  closed: closed.map((w) => `${w.satelliteId}@${w.startMs}:${[...w.entries].map(([k, a]) => `${k}=${a.n}`).join(',')}`),
  late: lateUpdates.map((u) => `${u.window.satelliteId}@${u.window.startMs}:${u.keys.join(',')}`),
});

describe('Stream > EventTimeWindows', () => {
  describe('#advance', () => {
    it('closes a window once the satellite watermark (newest − lateness) reaches its end', () => {
      const w = windows();
      add(w, 101, 100);
      add(w, 101, 900, 2);
      add(w, 101, 2_999);
      expect(w.watermarkMs(101)).toBe(999);
      expect(summary(w.advance())).toEqual({ closed: [], late: [] });
      add(w, 101, 3_000);
      expect(summary(w.advance())).toEqual({ closed: ['101@0:1=1,2=1'], late: [] });
      expect(summary(w.advance())).toEqual({ closed: [], late: [] });
    });

    it('keeps one watermark per satellite, so a quiet satellite does not hold back the others', () => {
      const w = windows();
      add(w, 101, 500);
      add(w, 102, 500);
      add(w, 102, 10_000);
      expect(summary(w.advance()).closed).toEqual(['102@0:1=1']);
      expect(w.watermarkMs(101)).toBe(-1_500);
      expect(w.watermarkMs(103)).toBe(-Infinity);
    });

    it('updates a retained closed window with late data and reports the keys once', () => {
      const w = windows();
      add(w, 101, 500);
      add(w, 101, 4_000);
      expect(summary(w.advance()).closed).toEqual(['101@0:1=1']);
      add(w, 101, 700, 1);
      add(w, 101, 800, 3);
      add(w, 101, 900, 1);
      expect(summary(w.advance())).toEqual({ closed: [], late: ['101@0:1,3'] });
      expect(summary(w.advance())).toEqual({ closed: [], late: [] });
    });

    it('opens an already-closed window for late data that had none, and calls data past retention too late', () => {
      const w = windows(2_000, 5_000);
      add(w, 101, 9_000);
      w.advance(); // closed through 7 000: retained back to windows ending after 2 000
      expect(add(w, 101, 2_500)).toBe('ok');
      expect(add(w, 101, 1_999)).toBe('too-late');
      expect(summary(w.advance()).late).toEqual(['101@2000:1']);
    });

    it('does not call a sample late when its window was not yet emitted, however far the maximum moved', () => {
      const w = windows();
      add(w, 101, 100);
      add(w, 101, 60_000);
      add(w, 101, 1_500); // window [1000, 2000) behind the watermark but never closed
      expect(summary(w.advance())).toEqual({ closed: ['101@0:1=1', '101@1000:1=1'], late: [] });
    });

    it('drops closed windows once retention has passed, bounding memory', () => {
      const w = windows(0, 2_000);
      for (let t = 0; t < 100_000; t += 100) add(w, 101, t);
      w.advance();
      // Open: [99 000, 100 000) closes at 100 000; retained: windows ending after 97 900.
      expect(w.size).toBe(3);
    });
  });

  describe('#flush', () => {
    it('closes every open window of the satellite asked for, whatever the watermark', () => {
      const w = windows();
      add(w, 101, 500);
      add(w, 101, 1_500);
      add(w, 102, 500);
      expect(summary(w.flush(101)).closed).toEqual(['101@0:1=1', '101@1000:1=1']);
      expect(summary(w.flush()).closed).toEqual(['102@0:1=1']);
      expect(add(w, 101, 1_200)).toBe('ok');
      expect(summary(w.advance()).late).toEqual(['101@1000:1']);
    });
  });

  it('rejects a window length that is not a positive integer', () => {
    expect(() => new EventTimeWindows({ windowMs: 0.5, allowedLatenessMs: 0, closedRetentionMs: 0 }, () => 0)).toThrow(
      'windowMs must be a positive integer, got 0.5',
    );
  });
});
