/**
 * Electrical power system: four solar array wings, the main bus load and the
 * battery (see battery.ts) on a direct-energy-transfer bus.
 *
 * Wings are deployed from the ±X and ±Y edges, their cells canted
 * WING_CANT_DEG from −Z, so each wing's current is I_max·cos(incidence)·S/S₀
 * when lit and zero in eclipse. The shunt regulator only lets through what the
 * load and the battery can take, so near full charge the measured array
 * currents drop with the charge taper, and battery current = array − load
 * holds exactly (positive = charging).
 *
 * @example
 *   const eps = new PowerModel({ socPercent: 80 });
 *   eps.step(0.2, environment);
 *   eps.wingCurrentsA; // [2.29, 1.61, 2.18, 1.72] A sun-pointing at 1 AU, below 92% charge
 */
import { ADCS_MODE, type AdcsMode } from './attitude-model';
import { Battery } from './battery';
import { SOLAR_CONSTANT_W_M2 } from '../domain/orbit/sun-ephemeris';
import { dot, vec, type Vec3 } from '../domain/orbit/vector3';

export const WING_CANT_DEG = 30;
/** Wing current at normal incidence and 1 AU, A. */
export const WING_MAX_CURRENT_A = 2.6;

const CANT = (WING_CANT_DEG * Math.PI) / 180;
/** Cell-side normals of the +X, −X, +Y, −Y wings, body axes. */
export const WING_NORMALS: readonly Vec3[] = [
  vec(Math.sin(CANT), 0, -Math.cos(CANT)),
  vec(-Math.sin(CANT), 0, -Math.cos(CANT)),
  vec(0, Math.sin(CANT), -Math.cos(CANT)),
  vec(0, -Math.sin(CANT), -Math.cos(CANT)),
];

/** Bus loads, A at the bus voltage. */
export const LOAD_CURRENT_A = {
  /** Avionics, receivers, ADCS sensors and wheels at hold. */
  base: 1.8,
  /** Extra wheel drive current while slewing. */
  slewing: 0.15,
  /** The payload while imaging. */
  payload: 0.8,
  /** The downlink transmitter during a pass. */
  transmitter: 0.3,
  /** Battery heater (10 W). */
  heater: 0.36,
} as const;

export interface PowerEnvironment {
  /** Unit vector to the Sun in body axes; undefined in eclipse. */
  readonly sunBody: Vec3 | undefined;
  readonly solarFluxWm2: number;
  readonly mode: AdcsMode;
  readonly heaterOn: boolean;
  readonly transmitting: boolean;
  readonly batteryTemperatureC: number;
}

export class PowerModel {
  readonly #battery: Battery;
  #wingCurrentsA: [number, number, number, number] = [0, 0, 0, 0];
  #loadCurrentA: number = LOAD_CURRENT_A.base;
  #batteryCurrentA = 0;
  #batteryVoltageV: number;
  #batteryLossW = 0;
  #isEclipse = false;

  constructor({ socPercent }: { socPercent: number }) {
    this.#battery = new Battery({ socPercent });
    this.#batteryVoltageV = this.#battery.terminalVoltageV(0, 20);
  }

  get wingCurrentsA(): readonly [number, number, number, number] {
    return this.#wingCurrentsA;
  }
  get loadCurrentA(): number {
    return this.#loadCurrentA;
  }
  get batteryCurrentA(): number {
    return this.#batteryCurrentA;
  }
  get batteryVoltageV(): number {
    return this.#batteryVoltageV;
  }
  get socPercent(): number {
    return this.#battery.socPercent;
  }
  get batteryLossW(): number {
    return this.#batteryLossW;
  }
  get isEclipse(): boolean {
    return this.#isEclipse;
  }

  step(dtS: number, env: PowerEnvironment): void {
    const fluxScale = env.solarFluxWm2 / SOLAR_CONSTANT_W_M2;
    const available = WING_NORMALS.map((n) => (env.sunBody ? WING_MAX_CURRENT_A * fluxScale * Math.max(0, dot(n, env.sunBody)) : 0));
    const availableA = available.reduce((a, b) => a + b, 0);
    const load =
      LOAD_CURRENT_A.base +
      (env.mode === ADCS_MODE.SLEW ? LOAD_CURRENT_A.slewing : 0) +
      (env.mode === ADCS_MODE.TARGET ? LOAD_CURRENT_A.payload : 0) +
      (env.transmitting ? LOAD_CURRENT_A.transmitter : 0) +
      (env.heaterOn ? LOAD_CURRENT_A.heater : 0);
    const deliveredA = Math.min(availableA, load + this.#battery.maxChargeCurrentA());
    const share = availableA > 0 ? deliveredA / availableA : 0;
    this.#wingCurrentsA = available.map((a) => a * share) as [number, number, number, number];
    this.#loadCurrentA = load;
    this.#batteryCurrentA = deliveredA - load;
    this.#battery.step(dtS, this.#batteryCurrentA);
    this.#batteryVoltageV = this.#battery.terminalVoltageV(this.#batteryCurrentA, env.batteryTemperatureC);
    this.#batteryLossW = this.#battery.lossW(this.#batteryCurrentA, env.batteryTemperatureC);
    this.#isEclipse = env.sunBody === undefined;
  }
}
