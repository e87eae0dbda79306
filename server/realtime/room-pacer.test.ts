import { describe, expect, it } from 'vitest';
import { RoomPacer } from './room-pacer';

const takes = (pacer: RoomPacer, room: string, times: readonly number[]) => times.map((t) => pacer.take(room, t));

describe('Realtime > RoomPacer', () => {
  it('lets a quiet room send its burst at once, then one frame per interval', () => {
    const pacer = new RoomPacer({ intervalMs: 128, burst: 4 }); // powers of two keep the token arithmetic exact
    expect(takes(pacer, '103:thermal', [0, 0, 0, 0, 0])).toEqual([true, true, true, true, false]);
    expect(takes(pacer, '103:thermal', [64, 128, 129, 255, 256])).toEqual([false, true, false, false, true]);
  });

  it('refills over time up to the burst and no further', () => {
    const pacer = new RoomPacer({ intervalMs: 100, burst: 3 });
    expect(takes(pacer, 'r', [0, 0, 0, 0])).toEqual([true, true, true, false]);
    // Ten seconds quiet give back three frames, not a hundred.
    expect(takes(pacer, 'r', [10_000, 10_000, 10_000, 10_000])).toEqual([true, true, true, false]);
  });

  it('keeps a steady 10 Hz stream flowing whatever its jitter', () => {
    const pacer = new RoomPacer({ intervalMs: 100, burst: 4 });
    const arrivals = Array.from({ length: 100 }, (_, i) => i * 100 + (i % 2 === 0 ? 40 : -40));
    expect(takes(pacer, '101:attitude', arrivals).every(Boolean)).toBe(true);
  });

  it('holds a flood to one frame per interval after the burst', () => {
    const pacer = new RoomPacer({ intervalMs: 128, burst: 2 });
    const arrivals = Array.from({ length: 128 }, (_, i) => i * 8); // a packet every 8 ms, 0 … 1016 ms
    const allowed = arrivals.filter((t) => pacer.take('dump', t));
    expect(allowed).toEqual([0, 8, 128, 256, 384, 512, 640, 768, 896]); // the burst, then one per 128 ms
  });

  it('paces each room on its own', () => {
    const pacer = new RoomPacer({ intervalMs: 128, burst: 1 });
    expect([pacer.take('a', 0), pacer.take('b', 0), pacer.take('a', 64), pacer.take('b', 128)]).toEqual([true, true, false, true]);
  });

  it('refuses settings that cannot pace', () => {
    expect(() => new RoomPacer({ intervalMs: 0, burst: 1 })).toThrow(/intervalMs/);
    expect(() => new RoomPacer({ intervalMs: 100, burst: 0 })).toThrow(/burst/);
    expect(() => new RoomPacer({ intervalMs: 100, burst: 1.5 })).toThrow(/burst/);
  });
});
