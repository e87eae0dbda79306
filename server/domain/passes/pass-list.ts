/**
 * The passes page's list: passes reported by the ground stations (AOS/LOS
 * events) merged with the orbit predictions, so that a window the stations
 * said nothing about — before the archive started, or still to come — still
 * lists its passes. Pure: the clock is passed in.
 *
 * A prediction is replaced by the recorded pass of the same satellite and
 * station that overlaps it (normally the same pass id: the stations schedule
 * their events from the same predictions). A recorded pass without its LOS
 * event is under way, ending at the LOS predicted at AOS.
 *
 * @example
 *   listPasses({ recorded, predicted, nowMs: Date.now() });
 *   // [{ passId, satelliteId, station, aosMs, losMs, durationMs, maxElevationDeg, status: 'past', source: 'recorded' }, ...]
 */
import type { PredictedPass } from '../orbit/pass-predictor';

export type PassStatus = 'past' | 'in-progress' | 'upcoming';
export type PassSource = 'recorded' | 'predicted';

export interface RecordedPassInput {
  readonly passId: string;
  readonly satelliteId: number;
  readonly station: string;
  readonly aosMs: number;
  readonly losMs: number | null;
  readonly predictedLosMs: number | null;
  readonly maxElevationDeg: number | null;
}

export interface PassSummary {
  readonly passId: string;
  readonly satelliteId: number;
  readonly station: string;
  readonly aosMs: number;
  readonly losMs: number;
  readonly durationMs: number;
  /** From the LOS event, else the prediction; null when neither knows it. */
  readonly maxElevationDeg: number | null;
  readonly status: PassStatus;
  readonly source: PassSource;
}

function statusAt(aosMs: number, losMs: number, nowMs: number): PassStatus {
  if (aosMs > nowMs) return 'upcoming';
  return losMs > nowMs ? 'in-progress' : 'past';
}

export function listPasses({ recorded, predicted, nowMs }: { recorded: readonly RecordedPassInput[]; predicted: readonly PredictedPass[]; nowMs: number }): PassSummary[] {
  const out: PassSummary[] = [];
  const matched = new Set<PredictedPass>();
  for (const r of recorded) {
    const prediction = predicted.find(
      (p) => p.passId === r.passId || (p.satelliteId === r.satelliteId && p.station === r.station && p.aosMs < (r.losMs ?? r.predictedLosMs ?? r.aosMs) && p.losMs > r.aosMs),
    );
    if (prediction) matched.add(prediction);
    const losMs = r.losMs ?? r.predictedLosMs ?? prediction?.losMs ?? r.aosMs;
    out.push({
      passId: r.passId,
      satelliteId: r.satelliteId,
      station: r.station,
      aosMs: r.aosMs,
      losMs,
      durationMs: losMs - r.aosMs,
      maxElevationDeg: r.maxElevationDeg ?? prediction?.maxElevationDeg ?? null,
      status: r.losMs === null ? (r.aosMs > nowMs ? 'upcoming' : 'in-progress') : statusAt(r.aosMs, r.losMs, nowMs),
      source: 'recorded',
    });
  }
  for (const p of predicted) {
    if (matched.has(p)) continue;
    out.push({
      passId: p.passId,
      satelliteId: p.satelliteId,
      station: p.station,
      aosMs: p.aosMs,
      losMs: p.losMs,
      durationMs: p.durationMs,
      maxElevationDeg: p.maxElevationDeg,
      status: statusAt(p.aosMs, p.losMs, nowMs),
      source: 'predicted',
    });
  }
  return out.sort((a, b) => a.aosMs - b.aosMs || a.satelliteId - b.satelliteId || a.station.localeCompare(b.station));
}

/**
 * Silence that counts as a gap in a pass, ms: five periods of the fastest
 * packet (10 Hz attitude → 500 ms), so one or two lost packets are not
 * reported but a dropout is.
 */
export function passGapThresholdMs(layouts: ReadonlyArray<{ readonly rateHz: number }>): number {
  const fastestHz = Math.max(...layouts.map((l) => l.rateHz));
  return Math.round((5 * 1000) / fastestHz);
}
