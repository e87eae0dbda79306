'use client';
/**
 * Lineage in HISTORY: a value shown at the cursor can be asked where it came
 * from. The console provides `inspect` through this context while a fixed
 * window is shown; LatestValue offers it on click. Null in LIVE mode.
 */
import { createContext, use } from 'react';

export interface LineageTarget {
  readonly parameterId: number;
  /** Onboard time of the sample shown, epoch ms. */
  readonly timeMs: number;
}

export const LineageContext = createContext<((target: LineageTarget) => void) | null>(null);

export function useLineageInspector(): ((target: LineageTarget) => void) | null {
  return use(LineageContext);
}
