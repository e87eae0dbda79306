import { describe, expect, it } from 'vitest';
import { DedupeWindow, packetDedupeKey } from './dedupe-window';

describe('Stream > DedupeWindow', () => {
  describe('#isDuplicate', () => {
    it('reports a key seen within the window and remembers every key', () => {
      const window = new DedupeWindow({ windowMs: 10_000, maxEntries: 100 });
      expect(window.isDuplicate('a', 1_000)).toBe(false);
      expect(window.isDuplicate('b', 1_100)).toBe(false);
      expect(window.isDuplicate('a', 3_000)).toBe(true);
      expect(window.isDuplicate('b', 11_100)).toBe(true); // exactly windowMs after: still inside
      expect(window.size).toBe(1); // 'a' (at 1 000) is 10 100 ms behind the newest and gone
      expect(window.evicted).toBe(1);
    });

    it('forgets keys more than windowMs of event time behind the newest seen', () => {
      const window = new DedupeWindow({ windowMs: 10_000, maxEntries: 100 });
      window.isDuplicate('a', 1_000);
      window.isDuplicate('b', 5_000);
      window.isDuplicate('c', 11_001); // 'a' is now 10 001 ms behind
      expect(window.size).toBe(2);
      expect(window.evicted).toBe(1);
      expect(window.isDuplicate('a', 11_002)).toBe(false);
      expect(window.isDuplicate('b', 11_003)).toBe(true);
    });

    it('never holds more than maxEntries, forgetting the oldest first', () => {
      const window = new DedupeWindow({ windowMs: 1e9, maxEntries: 3 });
      for (const [key, t] of [['a', 1], ['b', 2], ['c', 3], ['d', 4]] as const) window.isDuplicate(key, t);
      expect(window.size).toBe(3);
      expect(window.evicted).toBe(1);
      expect(window.isDuplicate('d', 5)).toBe(true);
      expect(window.isDuplicate('b', 5)).toBe(true);
      expect(window.isDuplicate('a', 5)).toBe(false); // forgotten, so remembered again now, evicting 'b'
      expect(window.isDuplicate('b', 6)).toBe(false);
      expect(window.evicted).toBe(3);
    });

    it('judges out-of-order times by age, not by position in the ring', () => {
      const window = new DedupeWindow({ windowMs: 1_000, maxEntries: 100 });
      window.isDuplicate('new', 5_000);
      window.isDuplicate('old', 3_000); // already 2 s behind the newest, behind a head that is not yet expired
      expect(window.isDuplicate('old', 5_100)).toBe(false);
      expect(window.evicted).toBe(1);
      expect(window.size).toBe(2);
      // The stale slot of 'old' is released later without forgetting the fresh one.
      expect(window.isDuplicate('x', 6_050)).toBe(false);
      expect(window.isDuplicate('old', 6_060)).toBe(true);
    });

    it('keeps a duplicate at its first time, so copies cannot keep a key alive', () => {
      const window = new DedupeWindow({ windowMs: 1_000, maxEntries: 100 });
      window.isDuplicate('a', 0);
      expect(window.isDuplicate('a', 900)).toBe(true);
      expect(window.isDuplicate('a', 1_500)).toBe(false);
    });

    it('stays bounded and exact over a long stream with retransmits', () => {
      const window = new DedupeWindow({ windowMs: 2_000, maxEntries: 50 });
      let duplicates = 0;
      for (let i = 0; i < 10_000; i++) {
        if (window.isDuplicate(i, i * 100)) duplicates++;
        if (i % 10 === 0 && window.isDuplicate(i, i * 100 + 500)) duplicates++; // retransmit 0.5 s later
      }
      expect(duplicates).toBe(1_000);
      expect(window.size).toBe(21); // keys of the last 2 s of event time: 20 intervals of 100 ms, both ends
      expect(window.evicted).toBe(10_000 - 21);
    });
  });

  it('rejects options that cannot bound memory', () => {
    expect(() => new DedupeWindow({ windowMs: 0, maxEntries: 10 })).toThrow('windowMs must be a positive number, got 0');
    expect(() => new DedupeWindow({ windowMs: 1000, maxEntries: 1.5 })).toThrow('maxEntries must be a positive integer, got 1.5');
  });

  it('keys a packet by satellite, APID, sequence count and onboard time as received', () => {
    expect(packetDedupeKey(101, 256, 7, 1795608000100.006)).toBe('101:256:7:1795608000100.006');
  });
});
