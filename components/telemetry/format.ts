/**
 * How the console writes values and ages. Pure: the caller passes `now`.
 */

export type Freshness = 'live' | 'stale' | 'none';

/**
 * Older than this, data is stale, ms. The slowest packets come at 1 Hz, so
 * five seconds is several missed packets, not jitter.
 */
export const STALE_AFTER_MS = 5000;

/** Age of a sample with onboard time `onboardTimeMs` at `nowMs`; negative clock skew reads as 0. */
export function ageOf(onboardTimeMs: number | undefined, nowMs: number): number | undefined {
  return onboardTimeMs === undefined ? undefined : Math.max(0, nowMs - onboardTimeMs);
}

export function freshnessOf(ageMs: number | undefined): Freshness {
  if (ageMs === undefined) return 'none';
  return ageMs <= STALE_AFTER_MS ? 'live' : 'stale';
}

/** "0.4 s", "12 s", "3.5 min", "2.0 h", "4.1 d"; "—" when there is no sample. */
export function formatAge(ageMs: number | undefined): string {
  if (ageMs === undefined) return '—';
  const s = ageMs / 1000;
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 60) return `${Math.round(s)} s`;
  if (s < 3600) return `${(s / 60).toFixed(1)} min`;
  if (s < 86_400) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86_400).toFixed(1)} d`;
}

/**
 * A value with precision that suits its magnitude (rpm to whole numbers,
 * quaternions to 4 decimals); integers (enumerations, counters) as they are.
 * The text always parses back as a number.
 */
export function formatValue(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (Number.isInteger(value)) return String(value);
  const magnitude = Math.abs(value);
  const decimals = magnitude >= 1000 ? 0 : magnitude >= 100 ? 1 : magnitude >= 1 ? 2 : 4;
  return value.toFixed(decimals);
}

/** Name of an enumerated value, e.g. 2 → "NADIR"; undefined for a value without one. */
export function stateNameOf(value: number | null | undefined, states: Readonly<Record<string, string>> | null): string | undefined {
  if (value === null || value === undefined || !states) return undefined;
  return states[String(value)];
}
