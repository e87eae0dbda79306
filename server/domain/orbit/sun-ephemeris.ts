/**
 * Low-precision solar ephemeris from the Astronomical Almanac (section C,
 * "Low precision formulas for the Sun"): about 0.01° between 1950 and 2050,
 * far better than the attitude, power and thermal models need.
 *
 * The result is in the mean equator and equinox of date. SGP4 positions are in
 * TEME, which differs from it by the equation of the equinoxes (< 0.005°), so
 * the two are used together without conversion.
 *
 * @example
 *   const s = sunDirectionEci(Date.UTC(2026, 5, 21, 8, 24));
 *   Math.asin(s.z) * 180 / Math.PI; // ≈ 23.44, the June solstice declination
 */
import type { Vec3 } from './vector3';

const DEG = Math.PI / 180;
/** Julian date of the Unix epoch, 1970-01-01T00:00:00Z. */
const UNIX_EPOCH_JD = 2440587.5;
const J2000_JD = 2451545.0;

/** Julian date (UTC) of an epoch-milliseconds time. */
export function julianDate(timeMs: number): number {
  return timeMs / 86_400_000 + UNIX_EPOCH_JD;
}

export interface SunPosition {
  /** Unit vector from the Earth's centre to the Sun, equatorial frame of date. */
  readonly direction: Vec3;
  /** Earth–Sun distance, astronomical units. */
  readonly distanceAu: number;
}

export function sunPosition(timeMs: number): SunPosition {
  const n = julianDate(timeMs) - J2000_JD;
  const meanLongitude = (280.46 + 0.9856474 * n) * DEG;
  const meanAnomaly = (357.528 + 0.9856003 * n) * DEG;
  const eclipticLongitude = meanLongitude + (1.915 * Math.sin(meanAnomaly) + 0.02 * Math.sin(2 * meanAnomaly)) * DEG;
  const obliquity = (23.439 - 0.0000004 * n) * DEG;
  const cosLon = Math.cos(eclipticLongitude);
  const sinLon = Math.sin(eclipticLongitude);
  return {
    direction: { x: cosLon, y: Math.cos(obliquity) * sinLon, z: Math.sin(obliquity) * sinLon },
    distanceAu: 1.00014 - 0.01671 * Math.cos(meanAnomaly) - 0.00014 * Math.cos(2 * meanAnomaly),
  };
}

/** Unit vector towards the Sun, equatorial frame of date. */
export function sunDirectionEci(timeMs: number): Vec3 {
  return sunPosition(timeMs).direction;
}

/** Solar constant at 1 AU, W/m² (Kopp & Lean 2011, TSI at solar minimum). */
export const SOLAR_CONSTANT_W_M2 = 1361;

/** Solar flux at the Earth's distance on that day, W/m². */
export function solarFluxWm2(timeMs: number): number {
  const d = sunPosition(timeMs).distanceAu;
  return SOLAR_CONSTANT_W_M2 / (d * d);
}
