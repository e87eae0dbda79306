'use client';
/**
 * The console's one time conductor: a provider that owns LIVE or FIXED mode,
 * the fixed window, the cursor and playback, mirrored in the URL (`from`,
 * `to`, `at`) so a link opens the same moment of history. Everything that
 * shows time — panels, the heat grid, the attitude view, the scrub bar —
 * reads it from here and from nowhere else.
 *
 * @example
 *   /satellites/101?from=2026-11-25T12:00:00Z&to=2026-11-25T12:10:00Z  → that pass, paused at its start
 */
import { createContext, use, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import {
  LIVE,
  conductorFromUrl,
  conductorToUrl,
  fixedWindow,
  pause as pauseState,
  play as playState,
  seek as seekState,
  step as stepState,
  stepSizeMs,
  type ConductorState,
  type PlaybackSpeed,
} from './conductor';

export interface TimeConductor {
  readonly state: ConductorState;
  goLive(): void;
  /** Opens a fixed window, paused, with the cursor at `cursorMs` (its start when absent). */
  showWindow(fromMs: number, toMs: number, cursorMs?: number): void;
  play(speed: PlaybackSpeed): void;
  pause(): void;
  seek(cursorMs: number): void;
  /** One step forward (1) or back (-1), a hundredth of the window; pauses playback. */
  step(direction: 1 | -1): void;
}

const TimeConductorContext = createContext<TimeConductor | null>(null);

export function TimeConductorProvider({ children }: { children: ReactNode }) {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const [state, setState] = useState<ConductorState>(() => conductorFromUrl(search));
  const stateRef = useRef(state);
  stateRef.current = state;

  // The URL changed from outside (a link to another window): follow it. URLs this provider wrote are
  // remembered, since the router applies them later and possibly after a newer change of state.
  const urlKey = keyOf(search);
  const written = useRef(new Set([urlKey]));
  useEffect(() => {
    if (written.current.has(urlKey)) return;
    written.current = new Set([urlKey]);
    setState(conductorFromUrl(new URLSearchParams(window.location.search)));
  }, [urlKey]);

  const commit = useCallback(
    (next: ConductorState) => {
      stateRef.current = next;
      setState(next);
      const params = conductorToUrl(next, new URLSearchParams(window.location.search), Date.now());
      written.current.add(keyOf(params));
      const query = params.toString();
      router.replace(`${pathname}${query ? `?${query}` : ''}`, { scroll: false });
    },
    [router, pathname],
  );

  const conductor = useMemo<TimeConductor>(() => {
    const withFixed = (change: (s: Extract<ConductorState, { mode: 'fixed' }>, nowMs: number) => ConductorState) => () => {
      const current = stateRef.current;
      if (current.mode === 'fixed') commit(change(current, Date.now()));
    };
    return {
      state,
      goLive: () => commit(LIVE),
      showWindow: (fromMs, toMs, cursorMs) => commit(fixedWindow(fromMs, toMs, cursorMs)),
      play: (speed) => withFixed((s, now) => playState(s, speed, now))(),
      pause: withFixed((s, now) => pauseState(s, now)),
      seek: (cursorMs) => withFixed((s, now) => seekState(s, cursorMs, now))(),
      step: (direction) => withFixed((s, now) => stepState(s, direction * stepSizeMs(s), now))(),
    };
  }, [state, commit]);

  return <TimeConductorContext value={conductor}>{children}</TimeConductorContext>;
}

const keyOf = (search: { get(name: string): string | null }) => ['from', 'to', 'at'].map((k) => search.get(k) ?? '').join('|');

export function useTimeConductor(): TimeConductor {
  const conductor = use(TimeConductorContext);
  if (!conductor) throw new Error('useTimeConductor must be used inside a TimeConductorProvider');
  return conductor;
}
