/**
 * The time conductor's state: the console either follows LIVE data, or shows
 * a FIXED window [from, to] with a cursor inside it that can be moved
 * (scrubbed, stepped) or played at 1×, 10× or 60× real time. Every panel of
 * the console follows this one state; it is pure data plus transitions, so
 * the provider, the URL and the tests all share it.
 *
 * Playback is anchored, not ticked: the cursor is computed from the real time
 * elapsed since play started, so a slow render never slows the replay down.
 *
 * @example
 *   let s = fixedWindow(0, 600_000);          // cursor at the window's start, paused
 *   s = play(s, 10, 1_000);                   // at real time 1000 ms
 *   cursorAt(s, 3_000);                       // → 20_000: two real seconds at 10×
 */

export const PLAYBACK_SPEEDS = [1, 10, 60] as const;
export type PlaybackSpeed = (typeof PLAYBACK_SPEEDS)[number];

/** Longest window the conductor accepts: what the archive is sized to keep (the history route's limit). */
export const MAX_FIXED_WINDOW_MS = 31 * 24 * 60 * 60 * 1000;

export interface LiveState {
  readonly mode: 'live';
}

export interface FixedState {
  readonly mode: 'fixed';
  /** Window, epoch ms. */
  readonly fromMs: number;
  readonly toMs: number;
  /** Cursor when paused, or where playback started (at `playStartedAtMs`). */
  readonly cursorMs: number;
  readonly playing: boolean;
  readonly speed: PlaybackSpeed;
  /** Real (browser) time playback started from `cursorMs`; null when paused. */
  readonly playStartedAtMs: number | null;
}

export type ConductorState = LiveState | FixedState;

export const LIVE: LiveState = { mode: 'live' };

/** A paused fixed window with the cursor at `cursorMs` (default: the start, ready to replay). */
export function fixedWindow(fromMs: number, toMs: number, cursorMs: number = fromMs): FixedState {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || !(fromMs < toMs)) throw new RangeError(`the window must have from < to, got ${fromMs}..${toMs}`);
  if (toMs - fromMs > MAX_FIXED_WINDOW_MS) throw new RangeError('the window must not exceed 31 days');
  return { mode: 'fixed', fromMs, toMs, cursorMs: clamp(cursorMs, fromMs, toMs), playing: false, speed: 1, playStartedAtMs: null };
}

/** Where the cursor is at real time `realNowMs`: moving while playing, stopping at the window's end. */
export function cursorAt(state: FixedState, realNowMs: number): number {
  if (!state.playing || state.playStartedAtMs === null) return state.cursorMs;
  return clamp(state.cursorMs + Math.max(0, realNowMs - state.playStartedAtMs) * state.speed, state.fromMs, state.toMs);
}

/** Playback has reached the window's end (the provider pauses it there). */
export function playbackEnded(state: FixedState, realNowMs: number): boolean {
  return state.playing && cursorAt(state, realNowMs) >= state.toMs;
}

/** Starts (or changes the speed of) playback from the current cursor; from the end it starts over. */
export function play(state: FixedState, speed: PlaybackSpeed, realNowMs: number): FixedState {
  const at = cursorAt(state, realNowMs);
  return { ...state, cursorMs: at >= state.toMs ? state.fromMs : at, playing: true, speed, playStartedAtMs: realNowMs };
}

export function pause(state: FixedState, realNowMs: number): FixedState {
  return { ...state, cursorMs: cursorAt(state, realNowMs), playing: false, playStartedAtMs: null };
}

/** Moves the cursor to `cursorMs` (clamped to the window); playback, if on, continues from there. */
export function seek(state: FixedState, cursorMs: number, realNowMs: number): FixedState {
  return { ...state, cursorMs: clamp(cursorMs, state.fromMs, state.toMs), playStartedAtMs: state.playing ? realNowMs : null };
}

/** Moves the cursor by `deltaMs` from where it is now, pausing playback: a frame-by-frame step. */
export function step(state: FixedState, deltaMs: number, realNowMs: number): FixedState {
  return seek(pause(state, realNowMs), cursorAt(state, realNowMs) + deltaMs, realNowMs);
}

/** A step that suits the window: a hundredth of it, rounded to a whole second (at least one second). */
export function stepSizeMs(state: FixedState): number {
  return Math.max(1000, Math.round((state.toMs - state.fromMs) / 100 / 1000) * 1000);
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Reads an epoch time from the URL: epoch milliseconds or an ISO-8601 date-time. */
export function parseUrlTime(text: string | null): number | undefined {
  if (text === null || text === '') return undefined;
  if (/^\d{1,15}$/.test(text)) return Number(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * The conductor a URL asks for: `from` and `to` (ISO-8601 or epoch ms) open
 * that fixed window, `at` puts the cursor there; anything else (or an
 * invalid window) is LIVE.
 */
export function conductorFromUrl(search: URLSearchParams): ConductorState {
  const fromMs = parseUrlTime(search.get('from'));
  const toMs = parseUrlTime(search.get('to'));
  if (fromMs === undefined || toMs === undefined || !(fromMs < toMs) || toMs - fromMs > MAX_FIXED_WINDOW_MS) return LIVE;
  return fixedWindow(fromMs, toMs, parseUrlTime(search.get('at')) ?? fromMs);
}

/** Writes the conductor into URL parameters (ISO-8601, readable in a shared link); LIVE removes them. */
export function conductorToUrl(state: ConductorState, search: URLSearchParams, realNowMs: number): URLSearchParams {
  const params = new URLSearchParams(search.toString());
  params.delete('from');
  params.delete('to');
  params.delete('at');
  if (state.mode === 'fixed') {
    params.set('from', new Date(state.fromMs).toISOString());
    params.set('to', new Date(state.toMs).toISOString());
    const at = cursorAt(state, realNowMs);
    if (at !== state.fromMs) params.set('at', new Date(Math.round(at)).toISOString());
  }
  return params;
}
