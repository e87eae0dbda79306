'use client';
/**
 * The console's view as URL state, so a reload or a shared link opens the
 * same view: `focus` (one subsystem shown alone), `span` (minutes of live
 * chart window) and `units` (si; engineering when absent). Key u toggles units. Keyboard: 1…9 focus that subsystem, 0 or Escape show all,
 * [ and ] shorten and lengthen the window. Keys typed into form fields are
 * left alone.
 *
 * @example
 *   /satellites/101?focus=thermal&span=30  → the thermal panel alone, 30 minutes of chart
 */
import { useCallback, useEffect } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import type { UnitSystem } from '../telemetry/display-units';

export const SPANS_MIN = [5, 10, 30, 60] as const;
export const DEFAULT_SPAN_MIN = 10;

export interface ConsoleView {
  readonly focus: string | null;
  readonly spanMs: number;
  readonly units: UnitSystem;
  setFocus(subsystem: string | null): void;
  setSpanMin(minutes: number): void;
  setUnits(units: UnitSystem): void;
}

export function useConsoleView(subsystems: readonly string[]): ConsoleView {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const focusParam = search.get('focus');
  const focus = focusParam !== null && subsystems.includes(focusParam) ? focusParam : null;
  const spanParam = Number(search.get('span'));
  const spanMin = (SPANS_MIN as readonly number[]).includes(spanParam) ? spanParam : DEFAULT_SPAN_MIN;
  const units: UnitSystem = search.get('units') === 'si' ? 'si' : 'engineering';

  const update = useCallback(
    (key: string, value: string | null) => {
      const params = new URLSearchParams(search.toString());
      if (value === null) params.delete(key);
      else params.set(key, value);
      const query = params.toString();
      router.replace(`${pathname}${query ? `?${query}` : ''}`, { scroll: false });
    },
    [search, router, pathname],
  );
  const setFocus = useCallback((subsystem: string | null) => update('focus', subsystem), [update]);
  const setSpanMin = useCallback((minutes: number) => update('span', minutes === DEFAULT_SPAN_MIN ? null : String(minutes)), [update]);
  const setUnits = useCallback((next: UnitSystem) => update('units', next === 'si' ? 'si' : null), [update]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      if (event.key === '0' || event.key === 'Escape') setFocus(null);
      else if (/^[1-9]$/.test(event.key)) {
        const subsystem = subsystems[Number(event.key) - 1];
        if (subsystem) setFocus(subsystem);
      } else if (event.key === 'u') {
        setUnits(units === 'si' ? 'engineering' : 'si');
      } else if (event.key === '[' || event.key === ']') {
        const at = SPANS_MIN.indexOf(spanMin as (typeof SPANS_MIN)[number]);
        const next = SPANS_MIN[Math.min(SPANS_MIN.length - 1, Math.max(0, at + (event.key === ']' ? 1 : -1)))]!;
        setSpanMin(next);
      } else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [subsystems, spanMin, units, setFocus, setSpanMin, setUnits]);

  return { focus, spanMs: spanMin * 60_000, units, setFocus, setSpanMin, setUnits };
}
