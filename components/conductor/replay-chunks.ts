/**
 * Which stretches of full-rate data a FIXED window needs at its cursor: the
 * chunk holding the cursor and, while playing, the next one, prefetched so
 * playback crosses into it without waiting. Chunks are aligned to the
 * window's start and sized to the playback speed (one to ten minutes of
 * recorded time, at most ten seconds of real time at 60×), so at every
 * speed a chunk takes several seconds to play and a request per chunk is cheap.
 *
 * @example
 *   detailChunks({ ...paused window 12:00–12:10 at speed 1 }, cursor 12:01:30)
 *   // → [{ fromMs: 12:01:00, toMs: 12:02:00 }]
 */
import type { FixedState, PlaybackSpeed } from './conductor';

export const CHUNK_MS: Record<PlaybackSpeed, number> = { 1: 60_000, 10: 300_000, 60: 600_000 };

export interface TimeSpan {
  readonly fromMs: number;
  readonly toMs: number;
}

export function detailChunks(state: FixedState, cursorMs: number): TimeSpan[] {
  const size = CHUNK_MS[state.speed];
  const chunk = (index: number): TimeSpan | undefined => {
    const fromMs = state.fromMs + index * size;
    return fromMs < state.toMs ? { fromMs, toMs: Math.min(state.toMs, fromMs + size) } : undefined;
  };
  const index = Math.max(0, Math.floor((Math.min(cursorMs, state.toMs - 1) - state.fromMs) / size));
  const chunks = [chunk(index)!];
  const next = state.playing ? chunk(index + 1) : undefined;
  if (next) chunks.push(next);
  return chunks;
}
