/**
 * Predicts ground-station passes: the intervals during which a satellite is
 * above a station's elevation mask. Pure and deterministic (no clock): the
 * simulator schedules its AOS/LOS events from it, and the passes page lists
 * upcoming passes with it.
 *
 * The search steps in time by how far the satellite is below the mask,
 * assuming elevation never changes faster than MAX_ELEVATION_RATE_DEG_S (an
 * overhead pass at 550 km peaks near 0.8°/s), so no pass longer than the
 * minimum step can be skipped; crossings are then refined by bisection to 1 ms.
 *
 * @example
 *   const fleet = demoFleet(3);
 *   const passes = predictPasses(fleet.satellites[0]!, fleet.groundStations[0]!,
 *     Date.UTC(2026, 10, 25), Date.UTC(2026, 10, 26));
 *   passes[0]; // { aosMs, losMs, maxElevationDeg: 47.3, ... }
 */
import type { GroundStationInfo, SatelliteInfo } from '../mission/fleet';
import { OrbitTrack } from './orbit-track';
import { StationLook } from './station-look';

export interface PredictedPass {
  readonly satelliteId: number;
  readonly station: string;
  /** `${station}:${satelliteId}:${aosMs}`, the passId ground-station events carry. */
  readonly passId: string;
  /** First millisecond above the mask. */
  readonly aosMs: number;
  /** First millisecond below the mask again. */
  readonly losMs: number;
  readonly durationMs: number;
  readonly maxElevationDeg: number;
  readonly maxElevationMs: number;
  readonly aosAzimuthDeg: number;
  readonly losAzimuthDeg: number;
}

/** Upper bound on the rate of change of elevation for a LEO satellite, deg/s. */
export const MAX_ELEVATION_RATE_DEG_S = 1;
const MIN_STEP_MS = 2_000;
const MAX_STEP_MS = 600_000;
/** How far back a pass already under way at `fromMs` is traced to its AOS. */
const MAX_PASS_MS = 30 * 60_000;

/** Identifier shared by predictions and ground-station events. */
export function passIdOf(station: string, satelliteId: number, aosMs: number): string {
  return `${station}:${satelliteId}:${aosMs}`;
}

/**
 * Passes that overlap [fromMs, toMs), in time order, with their true AOS and
 * LOS even when those fall outside the window.
 */
export function predictPasses(
  satellite: SatelliteInfo,
  station: GroundStationInfo,
  fromMs: number,
  toMs: number,
): PredictedPass[] {
  if (!(toMs >= fromMs)) throw new RangeError(`toMs (${toMs}) must not be before fromMs (${fromMs})`);
  const predictor = new PassPredictor(new StationLook(new OrbitTrack(satellite.tle), station), satellite.id);
  const passes: PredictedPass[] = [];
  const current = predictor.passInProgress(fromMs);
  if (current) passes.push(current);
  let after = current ? current.losMs : fromMs;
  for (;;) {
    const next = predictor.nextPass(after, toMs - after);
    if (!next || next.aosMs >= toMs) break;
    passes.push(next);
    after = next.losMs;
  }
  return passes;
}

/** Pass search over one (satellite, station) pair; reusable as time advances. */
export class PassPredictor {
  readonly #look: StationLook;
  readonly #satelliteId: number;
  readonly #maskDeg: number;

  constructor(look: StationLook, satelliteId: number) {
    this.#look = look;
    this.#satelliteId = satelliteId;
    this.#maskDeg = look.station.minElevationDeg;
  }

  /**
   * The first pass whose AOS is after `afterMs` and within `horizonMs`; a pass
   * already under way at `afterMs` is skipped.
   */
  nextPass(afterMs: number, horizonMs = 2 * 86_400_000): PredictedPass | undefined {
    const endMs = afterMs + horizonMs;
    let t = afterMs;
    let elevation = this.#elevation(t);
    while (elevation >= this.#maskDeg) {
      t += this.#stepMs(elevation);
      if (t > endMs) return undefined;
      elevation = this.#elevation(t);
    }
    for (;;) {
      const step = this.#stepMs(elevation);
      const next = Math.min(t + step, endMs);
      const nextElevation = this.#elevation(next);
      if (nextElevation >= this.#maskDeg) return this.#completePass(this.#crossing(t, next, true));
      if (next >= endMs) return undefined;
      t = next;
      elevation = nextElevation;
    }
  }

  /** The pass the satellite is in at `timeMs`, if it is above the mask then. */
  passInProgress(timeMs: number): PredictedPass | undefined {
    if (this.#elevation(timeMs) < this.#maskDeg) return undefined;
    let t = timeMs;
    while (t > timeMs - MAX_PASS_MS) {
      const earlier = t - MIN_STEP_MS * 5;
      if (this.#elevation(earlier) < this.#maskDeg) return this.#completePass(this.#crossing(earlier, t, true));
      t = earlier;
    }
    return undefined;
  }

  #completePass(aosMs: number): PredictedPass {
    let t = aosMs;
    let elevation = this.#elevation(t);
    for (;;) {
      const next = t + this.#stepMs(elevation);
      const nextElevation = this.#elevation(next);
      if (nextElevation < this.#maskDeg) {
        const losMs = this.#crossing(t, next, false);
        const peak = this.#peak(aosMs, losMs);
        const station = this.#look.station.id;
        return {
          satelliteId: this.#satelliteId,
          station,
          passId: passIdOf(station, this.#satelliteId, aosMs),
          aosMs,
          losMs,
          durationMs: losMs - aosMs,
          maxElevationDeg: peak.elevationDeg,
          maxElevationMs: peak.timeMs,
          aosAzimuthDeg: this.#look.at(aosMs).azimuthDeg,
          losAzimuthDeg: this.#look.at(losMs).azimuthDeg,
        };
      }
      t = next;
      elevation = nextElevation;
    }
  }

  /** Time step that cannot jump over a mask crossing from this elevation. */
  #stepMs(elevationDeg: number): number {
    const marginDeg = Math.abs(elevationDeg - this.#maskDeg);
    return Math.min(MAX_STEP_MS, Math.max(MIN_STEP_MS, Math.floor((marginDeg / MAX_ELEVATION_RATE_DEG_S) * 1000)));
  }

  /** First whole millisecond in (lo, hi] on the far side of the mask; `rising` says which side that is. */
  #crossing(loMs: number, hiMs: number, rising: boolean): number {
    let lo = loMs;
    let hi = hiMs;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      const above = this.#elevation(mid) >= this.#maskDeg;
      if (above === rising) hi = mid;
      else lo = mid;
    }
    return hi;
  }

  /** Culmination by golden-section search; elevation is unimodal within one pass. */
  #peak(aosMs: number, losMs: number): { timeMs: number; elevationDeg: number } {
    const ratio = (Math.sqrt(5) - 1) / 2;
    let a = aosMs;
    let b = losMs;
    let c = b - ratio * (b - a);
    let d = a + ratio * (b - a);
    let fc = this.#elevation(c);
    let fd = this.#elevation(d);
    while (b - a > 100) {
      if (fc > fd) {
        b = d;
        d = c;
        fd = fc;
        c = b - ratio * (b - a);
        fc = this.#elevation(c);
      } else {
        a = c;
        c = d;
        fc = fd;
        d = a + ratio * (b - a);
        fd = this.#elevation(d);
      }
    }
    const timeMs = Math.round((a + b) / 2);
    return { timeMs, elevationDeg: this.#elevation(timeMs) };
  }

  #elevation(timeMs: number): number {
    return this.#look.at(timeMs).elevationDeg;
  }
}
