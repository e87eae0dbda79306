/**
 * The attitudes each ADCS mode aims for, as body→ECI quaternions.
 *
 * Body axes: +Z is the payload boresight (points at the ground in NADIR and
 * TARGET), −Z carries the solar array roots, +X is along track when nadir
 * pointing. In SUN_POINTING the Sun is held at SUN_VECTOR_BODY rather than on
 * −Z: the offset keeps the star tracker (on +X/+Y) out of its Sun exclusion
 * cone, and spreads illumination over the +X and +Y side panels.
 *
 * @example
 *   nadirAttitude(positionKm, velocityKmS); // rotates body +Z onto −r̂
 */
import { fromTwoVectors, type Quaternion } from './quaternion';
import { cross, scale, sub, unit, vec, type Vec3 } from '../domain/orbit/vector3';

const PLUS_Y = vec(0, 1, 0);
const PLUS_Z = vec(0, 0, 1);
const CELESTIAL_NORTH = vec(0, 0, 1);

/** Sun direction held in SUN_POINTING, body frame. */
export const SUN_VECTOR_BODY: Vec3 = unit(vec(0.3, 0.2, -1));

/** +Z to nadir, +Y to the negative orbit normal (local-vertical/local-horizontal frame). */
export function nadirAttitude(positionKm: Vec3, velocityKmS: Vec3): Quaternion {
  const orbitNormal = cross(positionKm, velocityKmS);
  return fromTwoVectors(PLUS_Z, PLUS_Y, scale(positionKm, -1), scale(orbitNormal, -1));
}

/**
 * SUN_VECTOR_BODY to the Sun, +Y towards celestial north: an inertial hold.
 * The Sun's declination never exceeds 23.5°, so the two references are never
 * close to parallel and the attitude never flips.
 */
export function sunPointingAttitude(sunDirection: Vec3): Quaternion {
  return fromTwoVectors(SUN_VECTOR_BODY, PLUS_Y, sunDirection, CELESTIAL_NORTH);
}

/** +Z to the target, +Y to the negative orbit normal. */
export function targetAttitude(targetKm: Vec3, positionKm: Vec3, velocityKmS: Vec3): Quaternion {
  const orbitNormal = cross(positionKm, velocityKmS);
  return fromTwoVectors(PLUS_Z, PLUS_Y, sub(targetKm, positionKm), scale(orbitNormal, -1));
}
