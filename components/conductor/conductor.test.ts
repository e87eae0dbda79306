import { describe, expect, it } from 'vitest';
import {
  LIVE,
  conductorFromUrl,
  conductorToUrl,
  cursorAt,
  fixedWindow,
  parseUrlTime,
  pause,
  play,
  playbackEnded,
  seek,
  step,
  stepSizeMs,
} from './conductor';

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const TEN_MIN = 600_000;

describe('time conductor', () => {
  it('opens a fixed window paused with the cursor at its start, or where asked, clamped', () => {
    expect(fixedWindow(T0, T0 + TEN_MIN)).toEqual({ mode: 'fixed', fromMs: T0, toMs: T0 + TEN_MIN, cursorMs: T0, playing: false, speed: 1, playStartedAtMs: null });
    expect(fixedWindow(T0, T0 + TEN_MIN, T0 + 5000).cursorMs).toBe(T0 + 5000);
    expect(fixedWindow(T0, T0 + TEN_MIN, T0 - 5000).cursorMs).toBe(T0);
    expect(fixedWindow(T0, T0 + TEN_MIN, T0 + 2 * TEN_MIN).cursorMs).toBe(T0 + TEN_MIN);
    expect(() => fixedWindow(T0, T0)).toThrow(/from < to/);
    expect(() => fixedWindow(T0, T0 + 32 * 86_400_000)).toThrow(/31 days/);
  });

  it('plays at 1×, 10× and 60× real time from where the cursor was', () => {
    const paused = fixedWindow(T0, T0 + TEN_MIN, T0 + 1000);
    for (const speed of [1, 10, 60] as const) {
      const playing = play(paused, speed, 50_000);
      expect(cursorAt(playing, 50_000)).toBe(T0 + 1000);
      expect(cursorAt(playing, 52_000)).toBe(T0 + 1000 + 2000 * speed);
    }
  });

  it('stops at the end of the window and starts over when played from there', () => {
    const playing = play(fixedWindow(T0, T0 + TEN_MIN, T0 + TEN_MIN - 5000), 60, 0);
    expect(cursorAt(playing, 1000)).toBe(T0 + TEN_MIN);
    expect(playbackEnded(playing, 1000)).toBe(true);
    expect(playbackEnded(playing, 10)).toBe(false);
    const ended = pause(playing, 1000);
    expect(ended).toMatchObject({ playing: false, cursorMs: T0 + TEN_MIN, playStartedAtMs: null });
    expect(play(ended, 1, 2000).cursorMs).toBe(T0);
  });

  it('keeps the cursor where it was paused, and changes speed without a jump', () => {
    const playing = play(fixedWindow(T0, T0 + TEN_MIN), 10, 0);
    const paused = pause(playing, 3000);
    expect(paused.cursorMs).toBe(T0 + 30_000);
    expect(cursorAt(paused, 99_000)).toBe(T0 + 30_000);
    const faster = play(playing, 60, 3000);
    expect(cursorAt(faster, 3000)).toBe(T0 + 30_000);
    expect(cursorAt(faster, 4000)).toBe(T0 + 90_000);
  });

  it('seeks within the window, and playback goes on from the new point', () => {
    const playing = play(fixedWindow(T0, T0 + TEN_MIN), 10, 0);
    const moved = seek(playing, T0 + 200_000, 5000);
    expect(cursorAt(moved, 5000)).toBe(T0 + 200_000);
    expect(cursorAt(moved, 6000)).toBe(T0 + 210_000);
    expect(seek(fixedWindow(T0, T0 + TEN_MIN), T0 - 1, 0).cursorMs).toBe(T0);
  });

  it('steps pause playback and move the cursor by the step from where it is', () => {
    const playing = play(fixedWindow(T0, T0 + TEN_MIN), 1, 0);
    const stepped = step(playing, stepSizeMs(playing), 4000);
    expect(stepped).toMatchObject({ playing: false, cursorMs: T0 + 4000 + 6000 });
    expect(step(stepped, -60_000, 4000).cursorMs).toBe(T0);
    expect(stepSizeMs(fixedWindow(T0, T0 + 30_000))).toBe(1000);
    expect(stepSizeMs(fixedWindow(T0, T0 + 86_400_000))).toBe(864_000);
  });

  it('reads times from the URL as epoch ms or ISO-8601 and nothing else', () => {
    expect(parseUrlTime(String(T0))).toBe(T0);
    expect(parseUrlTime('2026-11-25T12:00:00Z')).toBe(T0);
    expect(parseUrlTime('2026-11-25T12:00:00.000Z')).toBe(T0);
    expect(parseUrlTime('yesterday')).toBeUndefined();
    expect(parseUrlTime('2026-11-25')).toBeUndefined();
    expect(parseUrlTime('2026-13-45T99:00:00Z')).toBeUndefined();
    expect(parseUrlTime(null)).toBeUndefined();
  });

  it('restores the conductor from a URL and writes it back', () => {
    const url = new URLSearchParams('focus=thermal&from=2026-11-25T12:00:00.000Z&to=2026-11-25T12:10:00.000Z&at=2026-11-25T12:01:00.000Z');
    const state = conductorFromUrl(url);
    expect(state).toEqual(fixedWindow(T0, T0 + TEN_MIN, T0 + 60_000));
    expect(conductorToUrl(state, url, 0).toString()).toBe(url.toString());
    expect(conductorToUrl(LIVE, url, 0).toString()).toBe('focus=thermal');
    expect(conductorToUrl(fixedWindow(T0, T0 + TEN_MIN), new URLSearchParams(), 0).get('at')).toBeNull();
  });

  it('is LIVE for a URL without a valid window', () => {
    for (const query of ['', 'from=2026-11-25T12:00:00Z', 'from=2026-11-25T12:10:00Z&to=2026-11-25T12:00:00Z', `from=0&to=${40 * 86_400_000}`, 'from=x&to=y']) {
      expect(conductorFromUrl(new URLSearchParams(query))).toBe(LIVE);
    }
  });
});
