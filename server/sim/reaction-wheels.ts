/**
 * Four reaction wheels in the classic pyramid: spin axes 54.74° from body +Z
 * (so the array is equally strong about every body axis) at azimuths 45°,
 * 135°, 225° and 315°. Wheel momenta come from the body-frame momentum the
 * wheels must hold through the minimum-norm pseudo-inverse (here ¾·Aᵀ, since
 * A·Aᵀ = 4/3·I), plus a bias along the array's null space (+, −, +, −), which
 * adds no net momentum but keeps every wheel away from the zero-speed
 * crossing where friction makes control rough.
 *
 * @example
 *   const wheels = new ReactionWheelArray();
 *   wheels.speedsRpm({ x: 0, y: 0, z: 0 }); // [1000, -1000, 1000, -1000]
 */
import type { Vec3 } from '../domain/orbit/vector3';

/** Rotor inertia about its spin axis, kg·m² (a 0.1 N·m·s class smallsat wheel). */
export const WHEEL_INERTIA_KG_M2 = 1.5e-4;
/** Null-space bias speed, rpm. */
export const WHEEL_BIAS_RPM = 1000;
/** Hardware speed limit, rpm; the controller never commands beyond it. */
export const WHEEL_MAX_RPM = 6000;

const CANT_RAD = Math.acos(1 / Math.sqrt(3));
const RAD_S_PER_RPM = (2 * Math.PI) / 60;
const NULL_SPACE = [1, -1, 1, -1] as const;

export const WHEEL_AXES: readonly Vec3[] = [45, 135, 225, 315].map((azimuthDeg) => {
  const azimuth = (azimuthDeg * Math.PI) / 180;
  return { x: Math.sin(CANT_RAD) * Math.cos(azimuth), y: Math.sin(CANT_RAD) * Math.sin(azimuth), z: Math.cos(CANT_RAD) };
});

export class ReactionWheelArray {
  readonly biasRpm: number;

  constructor({ biasRpm = WHEEL_BIAS_RPM }: { biasRpm?: number } = {}) {
    this.biasRpm = biasRpm;
  }

  /** Speed of each wheel when the array holds `momentumBody` (N·m·s, body frame), clamped to ±WHEEL_MAX_RPM. */
  speedsRpm(momentumBody: Vec3): [number, number, number, number] {
    const speeds = WHEEL_AXES.map((axis, i) => {
      const momentum = 0.75 * (axis.x * momentumBody.x + axis.y * momentumBody.y + axis.z * momentumBody.z);
      const rpm = momentum / WHEEL_INERTIA_KG_M2 / RAD_S_PER_RPM + NULL_SPACE[i]! * this.biasRpm;
      return Math.max(-WHEEL_MAX_RPM, Math.min(WHEEL_MAX_RPM, rpm));
    });
    return speeds as [number, number, number, number];
  }
}
