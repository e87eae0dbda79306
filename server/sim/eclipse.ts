/**
 * Earth shadow with the cylindrical model (Vallado, "Fundamentals of
 * Astrodynamics and Applications", 4th ed., §5.3): a satellite is in eclipse
 * when it is on the night side and closer to the Earth–Sun line than one Earth
 * radius. Ignoring the penumbra shifts entry and exit by ~10 s at 550 km,
 * which the power and thermal models cannot resolve anyway.
 *
 * @example
 *   isInEarthShadow({ x: -7000, y: 0, z: 0 }, { x: 1, y: 0, z: 0 }); // true
 */
import { dot, type Vec3 } from '../domain/orbit/vector3';

/** WGS-84 equatorial radius, km. */
export const EARTH_RADIUS_KM = 6378.137;

/**
 * @param positionKm satellite position, ECI km
 * @param sunDirection unit vector to the Sun in the same frame
 */
export function isInEarthShadow(positionKm: Vec3, sunDirection: Vec3): boolean {
  const along = dot(positionKm, sunDirection);
  if (along >= 0) return false;
  const perpendicularSq = dot(positionKm, positionKm) - along * along;
  return perpendicularSq < EARTH_RADIUS_KM * EARTH_RADIUS_KM;
}
