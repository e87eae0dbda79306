'use client';
/**
 * The history cursor every chart draws as a vertical line, epoch ms; null in
 * LIVE mode. A context rather than a prop, so the panels between the console
 * and its charts need not pass it on.
 */
import { createContext, use } from 'react';

export const ChartCursorContext = createContext<number | null>(null);

export function useChartCursor(): number | null {
  return use(ChartCursorContext);
}
