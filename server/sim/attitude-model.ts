/**
 * Attitude determination and control of one spacecraft, reduced to what its
 * telemetry shows: the mode, the commanded attitude, the estimate, body rates
 * and reaction-wheel speeds.
 *
 * Guidance: each step the commanded attitude follows the mode's target
 * attitude exactly (feed-forward) and closes any remaining offset along the
 * eigen-axis with a bang-coast-bang profile: acceleration SLEW_ACCEL_DEG_S2 up
 * to SLEW_RATE_DEG_S, then braking so it arrives without overshoot. While an
 * offset remains the mode is SLEW.
 *
 * Momentum: the spacecraft and its wheels share one angular momentum, fixed
 * in inertial space but for small environmental torques that the magnetorquers
 * bleed off (time constant DESATURATION_S). Whatever the body does not carry
 * (I·ω) the wheels hold, so wheel speeds swing during slews and drift slowly
 * around the orbit as the body turns against the stored momentum.
 *
 * @example
 *   const adcs = new AttitudeModel({ rng, initial: context });
 *   adcs.step(0.1, nextContext);
 *   adcs.mode; // ADCS_MODE.SUN_POINTING
 */
import type { Prng } from './prng';
import { nadirAttitude, sunPointingAttitude, targetAttitude } from './pointing';
import {
  angleBetweenAttitudes,
  conjugate,
  fromRotationVector,
  IDENTITY,
  multiply,
  normalize,
  rotateInverse,
  sameHemisphere,
  toRotationVector,
  type Quaternion,
} from './quaternion';
import { ReactionWheelArray } from './reaction-wheels';
import { add, norm, scale, vec, type Vec3 } from '../domain/orbit/vector3';

/** `attitude.adcs_mode` states, as the mission database enumerates them. */
export const ADCS_MODE = { SAFE: 0, SUN_POINTING: 1, NADIR: 2, TARGET: 3, SLEW: 4 } as const;
export type AdcsMode = (typeof ADCS_MODE)[keyof typeof ADCS_MODE];

export const SLEW_RATE_DEG_S = 1;
export const SLEW_ACCEL_DEG_S2 = 0.05;
/** Principal moments of inertia of the ~50 kg bus, kg·m². */
export const INERTIA_KG_M2: Vec3 = vec(1.2, 1.4, 0.9);
export const DESATURATION_S = 3 * 3600;
/** Pointing knowledge error (1σ per axis), deg: holding, and during slews. */
const POINTING_ERROR_DEG = { holding: 0.01, slewing: 0.05 } as const;
const POINTING_ERROR_CORRELATION_S = 20;
/** Magnitude of the environmental disturbance torque (gravity gradient, drag, residual dipole), N·m. */
const DISTURBANCE_TORQUE_NM = 2e-6;

const DEG = Math.PI / 180;
/** Largest step of a mode's own target between two control steps that still counts as motion, not a jump. */
const MAX_TARGET_STEP_RAD = 1 * DEG;

export interface AttitudeContext {
  readonly positionKm: Vec3;
  readonly velocityKmS: Vec3;
  readonly sunDirection: Vec3;
  readonly isSunlit: boolean;
  /** ECI position of the imaging target, when one is in reach. */
  readonly targetKm: Vec3 | undefined;
}

export class AttitudeModel {
  readonly #rng: Prng;
  readonly #wheels = new ReactionWheelArray();
  readonly #disturbanceEci: Vec3;
  #mode: AdcsMode;
  /** The mode the spacecraft is heading for (equals #mode unless slewing). */
  #targetMode: AdcsMode;
  #commanded: Quaternion;
  #desired: Quaternion;
  #slewRateRadS = 0;
  #bodyRateRadS: Vec3 = vec(0, 0, 0);
  #momentumEci: Vec3 = vec(0, 0, 0);
  #pointingErrorRad: Vec3 = vec(0, 0, 0);

  constructor({ rng, initial }: { rng: Prng; initial: AttitudeContext }) {
    this.#rng = rng;
    const [mode, desired] = desiredAttitude(initial);
    this.#mode = mode;
    this.#targetMode = mode;
    this.#desired = desired;
    this.#commanded = desired;
    const direction = vec(rng.normal(), rng.normal(), rng.normal());
    this.#disturbanceEci = scale(direction, DISTURBANCE_TORQUE_NM / norm(direction));
  }

  get mode(): AdcsMode {
    return this.#mode;
  }

  get commanded(): Quaternion {
    return this.#commanded;
  }

  /** Estimated attitude: the commanded one seen through a small, slowly wandering knowledge error. */
  get estimated(): Quaternion {
    return normalize(multiply(this.#commanded, fromRotationVector(this.#pointingErrorRad)));
  }

  get bodyRateDegS(): Vec3 {
    return scale(this.#bodyRateRadS, 1 / DEG);
  }

  wheelSpeedsRpm(): [number, number, number, number] {
    const momentumBody = rotateInverse(this.#commanded, this.#momentumEci);
    const bodyMomentum = vec(
      INERTIA_KG_M2.x * this.#bodyRateRadS.x,
      INERTIA_KG_M2.y * this.#bodyRateRadS.y,
      INERTIA_KG_M2.z * this.#bodyRateRadS.z,
    );
    return this.#wheels.speedsRpm(add(momentumBody, scale(bodyMomentum, -1)));
  }

  step(dtS: number, context: AttitudeContext): void {
    const [targetMode, rawDesired] = desiredAttitude(context);
    const desired = sameHemisphere(rawDesired, this.#desired);
    // While the target moves smoothly, the command rides along with it and only the offset
    // left from earlier is slewed out; when the target jumps (a new mode, a new imaging
    // target) the whole way to the new target becomes the offset.
    const jumped = targetMode !== this.#targetMode || angleBetweenAttitudes(desired, this.#desired) > MAX_TARGET_STEP_RAD;
    const offset = toRotationVector(multiply(conjugate(jumped ? desired : this.#desired), this.#commanded));
    const offsetRad = norm(offset);
    let remainingRad = 0;
    if (offsetRad > 0) {
      const accel = SLEW_ACCEL_DEG_S2 * DEG;
      this.#slewRateRadS = Math.min(SLEW_RATE_DEG_S * DEG, this.#slewRateRadS + accel * dtS, Math.sqrt(2 * accel * offsetRad));
      remainingRad = Math.max(0, offsetRad - this.#slewRateRadS * dtS);
    }
    if (remainingRad === 0) this.#slewRateRadS = 0;
    const remaining = remainingRad === 0 ? IDENTITY : fromRotationVector(scale(offset, remainingRad / offsetRad));
    const commanded = sameHemisphere(normalize(multiply(desired, remaining)), this.#commanded);
    // q̇ = ½·q⊗ω: the body rate is the rotation between successive commands, in body axes.
    this.#bodyRateRadS = scale(toRotationVector(multiply(conjugate(this.#commanded), commanded)), 1 / dtS);
    this.#commanded = commanded;
    this.#desired = desired;
    this.#targetMode = targetMode;
    this.#mode = remainingRad > 1e-5 ? ADCS_MODE.SLEW : targetMode;
    this.#momentumEci = add(this.#momentumEci, scale(add(this.#disturbanceEci, scale(this.#momentumEci, -1 / DESATURATION_S)), dtS));
    this.#stepPointingError(dtS);
  }

  /** Ornstein–Uhlenbeck walk: bounded, correlated over tens of seconds like a real estimator's error. */
  #stepPointingError(dtS: number): void {
    const sigma = (this.#mode === ADCS_MODE.SLEW ? POINTING_ERROR_DEG.slewing : POINTING_ERROR_DEG.holding) * DEG;
    const decay = dtS / POINTING_ERROR_CORRELATION_S;
    const kick = sigma * Math.sqrt(2 * decay);
    const e = this.#pointingErrorRad;
    this.#pointingErrorRad = vec(
      e.x * (1 - decay) + kick * this.#rng.normal(),
      e.y * (1 - decay) + kick * this.#rng.normal(),
      e.z * (1 - decay) + kick * this.#rng.normal(),
    );
  }
}

function desiredAttitude(context: AttitudeContext): [AdcsMode, Quaternion] {
  if (context.targetKm) return [ADCS_MODE.TARGET, targetAttitude(context.targetKm, context.positionKm, context.velocityKmS)];
  if (context.isSunlit) return [ADCS_MODE.SUN_POINTING, sunPointingAttitude(context.sunDirection)];
  return [ADCS_MODE.NADIR, nadirAttitude(context.positionKm, context.velocityKmS)];
}
