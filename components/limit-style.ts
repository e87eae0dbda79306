/**
 * Tailwind classes for limit states and freshness, in one place so the
 * table, the grid and the header colour the same state the same way.
 */
import type { LimitState } from './telemetry/limit-state';
import type { Freshness } from './telemetry/format';

export const LIMIT_TEXT_CLASS: Readonly<Record<LimitState, string>> = {
  nominal: 'text-slate-100',
  warning: 'text-amber-300 font-semibold',
  critical: 'text-red-400 font-bold',
  unknown: 'text-slate-500',
};

export const LIMIT_RING_CLASS: Readonly<Record<LimitState, string>> = {
  nominal: '',
  warning: 'ring-2 ring-amber-300',
  critical: 'ring-2 ring-red-500 animate-pulse',
  unknown: 'opacity-40',
};

export const FRESHNESS_TEXT_CLASS: Readonly<Record<Freshness, string>> = {
  live: 'text-emerald-400',
  stale: 'text-amber-400',
  none: 'text-slate-500',
};
