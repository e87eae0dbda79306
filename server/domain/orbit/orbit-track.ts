/**
 * One satellite's orbit from its two-line element set, propagated with SGP4
 * (satellite.js) once per second of simulated time and interpolated linearly
 * in between: at 550 km the chord error over one second is about 1 m, while a
 * 10 Hz attitude loop would otherwise cost ten SGP4 calls per simulated second.
 *
 * @example
 *   const track = new OrbitTrack(fleet.satellites[0]!.tle);
 *   const { positionKm, velocityKmS } = track.stateAt(Date.UTC(2026, 10, 25));
 */
import { eciToEcf, gstime, propagate, twoline2satrec, type SatRec } from 'satellite.js';
import { MissionControlError } from '../../errors';
import { julianDate } from './sun-ephemeris';
import { lerp, type Vec3 } from './vector3';

/** SGP4 could not produce a state (bad elements, or a decayed orbit). */
export class OrbitPropagationError extends MissionControlError {
  readonly timeMs: number;
  constructor(message: string, timeMs: number) {
    super(message);
    this.timeMs = timeMs;
  }
}

export interface OrbitState {
  /** TEME position, km. */
  readonly positionKm: Vec3;
  /** TEME velocity, km/s. */
  readonly velocityKmS: Vec3;
}

/** Grid of exact SGP4 samples the interpolation runs between, ms. */
export const ORBIT_SAMPLE_INTERVAL_MS = 1000;

export class OrbitTrack {
  readonly #satrec: SatRec;
  #earlierMs = Number.NaN;
  #earlier: OrbitState | undefined;
  #laterMs = Number.NaN;
  #later: OrbitState | undefined;

  constructor(tle: readonly [string, string]) {
    this.#satrec = twoline2satrec(tle[0], tle[1]);
    if (this.#satrec.error !== 0) {
      throw new OrbitPropagationError(`two-line elements rejected by SGP4 (error ${this.#satrec.error})`, Number.NaN);
    }
  }

  /** Exact SGP4 state; use for sparse queries such as pass prediction. */
  propagate(timeMs: number): OrbitState {
    const result = propagate(this.#satrec, new Date(timeMs));
    if (!result) throw new OrbitPropagationError(`SGP4 failed (error ${this.#satrec.error})`, timeMs);
    return { positionKm: result.position, velocityKmS: result.velocity };
  }

  /** State interpolated between one-second SGP4 samples; cheap for increasing times. */
  stateAt(timeMs: number): OrbitState {
    const earlierMs = Math.floor(timeMs / ORBIT_SAMPLE_INTERVAL_MS) * ORBIT_SAMPLE_INTERVAL_MS;
    if (earlierMs !== this.#earlierMs) {
      if (earlierMs === this.#laterMs && this.#later) {
        this.#earlier = this.#later;
      } else {
        this.#earlier = this.propagate(earlierMs);
      }
      this.#earlierMs = earlierMs;
      this.#laterMs = earlierMs + ORBIT_SAMPLE_INTERVAL_MS;
      this.#later = this.propagate(this.#laterMs);
    }
    const f = (timeMs - earlierMs) / ORBIT_SAMPLE_INTERVAL_MS;
    if (f === 0) return this.#earlier!;
    return {
      positionKm: lerp(this.#earlier!.positionKm, this.#later!.positionKm, f),
      velocityKmS: lerp(this.#earlier!.velocityKmS, this.#later!.velocityKmS, f),
    };
  }
}

/** Greenwich mean sidereal time, radians. */
export function gmstAt(timeMs: number): number {
  return gstime(julianDate(timeMs));
}

/** Earth-fixed position of an inertial one. */
export function toEarthFixed(positionKm: Vec3, timeMs: number): Vec3 {
  return eciToEcf(positionKm, gmstAt(timeMs));
}
