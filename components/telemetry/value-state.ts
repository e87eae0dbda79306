/**
 * How trustworthy a displayed value is right now, from its age against the
 * rate its packet is expected at. Every value on the console carries one of:
 *
 * - live:  updated within its expected period (plus jitter allowance);
 * - late:  current, but it reached the ground late (recorded onboard and
 *          dumped, held in transit, or older than a value already shown);
 * - stale: missed at least one expected update — look twice before acting;
 * - gap:   missed enough updates that the plot breaks the line (loss of
 *          signal, a dead link): the number shown is history, not state;
 * - none:  never received.
 *
 * Limit state (warning/critical) is a separate axis: a stale value can still
 * be critical, and the console shows both.
 *
 * @example
 *   valueStateOf({ onboardTimeMs: 9_000, late: false, receivedAtMs: 9_100 }, { periodMs: 1000, nowMs: 10_000 }); // 'live'
 *   valueStateOf({ onboardTimeMs: 6_000, late: false, receivedAtMs: 6_100 }, { periodMs: 1000, nowMs: 10_000 }); // 'stale'
 */

export type ValueState = 'live' | 'late' | 'stale' | 'gap' | 'none';

export interface StateInput {
  /** Onboard time of the value shown, epoch ms. */
  readonly onboardTimeMs: number;
  readonly late: boolean;
  /** Browser time the value was received, epoch ms. */
  readonly receivedAtMs: number;
}

export interface StateContext {
  /** Expected time between two samples of the parameter, ms (100 for a 10 Hz packet). */
  readonly periodMs: number;
  readonly nowMs: number;
}

/**
 * Allowance for transport delay, coalescing and clock offset between the
 * spacecraft's time and the browser's, ms. Live frames arrive within ~150 ms
 * of onboard time here; half a second keeps 10 Hz values from flickering.
 */
export const JITTER_ALLOWANCE_MS = 500;

/** Updates missed before a value is stale: one missed packet is already worth a look. */
export const MISSED_FOR_STALE = 1;

/** Updates missed before the value is a gap; matches where plots break the line (see panel-definition). */
export const MISSED_FOR_GAP = 5;

/** Never call a gap under this, ms: plots draw history at 1 s resolution. */
export const MIN_GAP_MS = 3000;

export function staleAfterMs(periodMs: number): number {
  return (MISSED_FOR_STALE + 1) * periodMs + JITTER_ALLOWANCE_MS;
}

export function gapAfterMs(periodMs: number): number {
  return Math.max(MIN_GAP_MS, MISSED_FOR_GAP * periodMs + JITTER_ALLOWANCE_MS);
}

/**
 * A late value is old by its onboard time the moment it arrives, so its
 * freshness runs from when it was received: a dump being played back is
 * 'late' while it flows and goes stale when it stops.
 */
export function valueStateOf(value: StateInput | undefined, { periodMs, nowMs }: StateContext): ValueState {
  if (value === undefined) return 'none';
  const ageMs = nowMs - (value.late ? value.receivedAtMs : value.onboardTimeMs);
  if (ageMs > gapAfterMs(periodMs)) return 'gap';
  if (ageMs > staleAfterMs(periodMs)) return 'stale';
  return value.late ? 'late' : 'live';
}
