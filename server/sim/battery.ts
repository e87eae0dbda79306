/**
 * The 8S Li-ion battery: state of charge by coulomb counting, a charge
 * taper as the cells approach full (the constant-voltage phase of CC/CV
 * charging), and terminal voltage from the open-circuit curve plus I·R.
 *
 * The open-circuit curve is that of a typical NMC 18650 cell, charged to
 * 4.10 V rather than 4.20 V as LEO missions do to stretch cycle life.
 *
 * @example
 *   const battery = new Battery({ socPercent: 80 });
 *   battery.maxChargeCurrentA(); // 6 (constant-current phase)
 *   battery.terminalVoltageV(-2, 20); // 31.2 V while discharging at 2 A
 */
export const CELLS_IN_SERIES = 8;
export const CAPACITY_AH = 20;
/** Constant-current charge limit, A (C/3). */
export const MAX_CHARGE_CURRENT_A = 6;
/** State of charge where the taper starts, %. */
const TAPER_START_PERCENT = 92;
const COULOMBIC_EFFICIENCY = 0.99;
/** Pack internal resistance at 20 °C, Ω; it rises in the cold. */
const RESISTANCE_OHM = 0.12;

/** Cell open-circuit voltage against state of charge: [%, V]. */
const OCV_CURVE: ReadonlyArray<readonly [number, number]> = [
  [0, 3.0], [5, 3.3], [10, 3.45], [20, 3.55], [30, 3.6], [40, 3.65],
  [50, 3.7], [60, 3.77], [70, 3.85], [80, 3.93], [90, 4.01], [100, 4.1],
];

export function cellOpenCircuitVoltageV(socPercent: number): number {
  const soc = Math.min(100, Math.max(0, socPercent));
  let i = 0;
  while (i < OCV_CURVE.length - 2 && soc > OCV_CURVE[i + 1]![0]) i++;
  const [s0, v0] = OCV_CURVE[i]!;
  const [s1, v1] = OCV_CURVE[i + 1]!;
  return v0 + ((soc - s0) * (v1 - v0)) / (s1 - s0);
}

export function packResistanceOhm(temperatureC: number): number {
  return RESISTANCE_OHM * (1 + 0.02 * Math.max(0, 20 - temperatureC));
}

export class Battery {
  #socPercent: number;

  constructor({ socPercent }: { socPercent: number }) {
    if (!(socPercent >= 0 && socPercent <= 100)) throw new RangeError(`socPercent must be within 0..100, got ${socPercent}`);
    this.#socPercent = socPercent;
  }

  get socPercent(): number {
    return this.#socPercent;
  }

  /** Largest charge current the charger lets in at this state of charge, A. */
  maxChargeCurrentA(): number {
    const headroom = (100 - this.#socPercent) / (100 - TAPER_START_PERCENT);
    return MAX_CHARGE_CURRENT_A * Math.min(1, Math.max(0, headroom));
  }

  /** Integrates `currentA` (positive = charging) over `dtS` seconds. */
  step(dtS: number, currentA: number): void {
    const efficiency = currentA > 0 ? COULOMBIC_EFFICIENCY : 1;
    const deltaPercent = ((currentA * efficiency * dtS) / 3600 / CAPACITY_AH) * 100;
    this.#socPercent = Math.min(100, Math.max(0, this.#socPercent + deltaPercent));
  }

  terminalVoltageV(currentA: number, temperatureC: number): number {
    return CELLS_IN_SERIES * cellOpenCircuitVoltageV(this.#socPercent) + currentA * packResistanceOhm(temperatureC);
  }

  /** Heat the current dissipates in the pack, W. */
  lossW(currentA: number, temperatureC: number): number {
    return currentA * currentA * packResistanceOhm(temperatureC);
  }
}
