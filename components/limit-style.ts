/**
 * Tailwind classes for limit states and freshness, in one place so the
 * table, the grid and the header colour the same state the same way.
 */
import type { LimitState } from './telemetry/limit-state';
import type { Freshness } from './telemetry/format';
import type { ValueState } from './telemetry/value-state';

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

/** Freshness of a value, layered over its limit colour: stale and gap values fade so nobody reads them as current. */
export const VALUE_STATE_CLASS: Readonly<Record<ValueState, string>> = {
  live: '',
  late: 'italic',
  stale: 'opacity-60 underline decoration-dotted decoration-amber-400',
  gap: 'opacity-40 line-through decoration-slate-500',
  none: 'opacity-40',
};

/** A short mark after the value for states colour alone would not tell (and colour-blind operators). */
export const VALUE_STATE_MARK: Readonly<Record<ValueState, string>> = {
  live: '',
  late: 'L',
  stale: 'S',
  gap: 'G',
  none: '',
};
