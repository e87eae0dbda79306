import { describe, expect, it } from 'vitest';
import { fixedWindow, play } from './conductor';
import { CHUNK_MS, detailChunks } from './replay-chunks';

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);

describe('replay chunks', () => {
  it('holds the chunk under a paused cursor, aligned to the window start', () => {
    const paused = fixedWindow(T0, T0 + 600_000);
    expect(detailChunks(paused, T0 + 90_000)).toEqual([{ fromMs: T0 + 60_000, toMs: T0 + 120_000 }]);
    expect(detailChunks(paused, T0)).toEqual([{ fromMs: T0, toMs: T0 + 60_000 }]);
    // The window's end belongs to the last chunk, which the window cuts short.
    expect(detailChunks(fixedWindow(T0, T0 + 150_000), T0 + 150_000)).toEqual([{ fromMs: T0 + 120_000, toMs: T0 + 150_000 }]);
  });

  it('prefetches the next chunk while playing, sized to the speed, and none past the window', () => {
    for (const speed of [1, 10, 60] as const) {
      const playing = play(fixedWindow(T0, T0 + 86_400_000), speed, 0);
      const size = CHUNK_MS[speed];
      expect(detailChunks(playing, T0 + size + 1)).toEqual([
        { fromMs: T0 + size, toMs: T0 + 2 * size },
        { fromMs: T0 + 2 * size, toMs: T0 + 3 * size },
      ]);
    }
    const nearEnd = play(fixedWindow(T0, T0 + 100_000), 1, 0);
    expect(detailChunks(nearEnd, T0 + 70_000)).toEqual([{ fromMs: T0 + 60_000, toMs: T0 + 100_000 }]);
  });
});
