'use client';
/**
 * The console's one clock: the browser time, re-read every `tickMs`. Panels
 * render ages and chart windows from it and never run clocks of their own.
 * Null during server rendering and the first client render, so server and
 * client HTML agree (times differ between the two).
 */
import { useEffect, useState } from 'react';

export interface LiveClock {
  /** Browser time at the last tick, epoch ms. */
  readonly nowMs: number;
  /** Browser time when the page opened, epoch ms: anchors the history window. */
  readonly openedAtMs: number;
}

export function useLiveClock(tickMs = 250): LiveClock | null {
  const [clock, setClock] = useState<LiveClock | null>(null);
  useEffect(() => {
    const openedAtMs = Date.now();
    const tick = () => setClock({ nowMs: Date.now(), openedAtMs });
    tick();
    const timer = setInterval(tick, tickMs);
    return () => clearInterval(timer);
  }, [tickMs]);
  return clock;
}
