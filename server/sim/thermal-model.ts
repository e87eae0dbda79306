/**
 * Lumped-parameter thermal model of the 208 thermistor nodes.
 *
 * Panel nodes (zones "panel ±X/±Y/±Z") each solve their own heat balance per
 * square metre (Gilmore, "Spacecraft Thermal Control Handbook", 2nd ed., ch. 2):
 *
 *   c·dT/dt = α·S·max(0, n̂·ŝ)            direct Sun (zero in eclipse)
 *           + ε·q_IR·F + α·a·S·F·cos θ   Earth infrared and albedo
 *           − ε·σ·(T⁴ − T_space⁴)         radiation to space
 *           + G·(T_bus − T)               conduction to the structure
 *
 * with F ≈ (R⊕/r)²·((1 + n̂·nadir)/2)² a smooth stand-in for the plate-to-Earth
 * view factor. Interior nodes relax to the bus temperature with their own time
 * constants: the battery box has a thermostatic heater with hysteresis and
 * warms with the battery's I²R loss; the payload bay warms while the payload
 * images (TARGET mode). Node-to-node spread comes from fixed per-node
 * variations of optical properties, couplings and sensor offsets.
 *
 * @example
 *   const thermal = new ThermalModel({ zones, rng });
 *   thermal.step(1, environment);
 *   thermal.temperatureC(0); // node 0, °C
 */
import type { Prng } from './prng';
import { dot, type Vec3 } from '../domain/orbit/vector3';

const STEFAN_BOLTZMANN = 5.670374e-8;
const KELVIN = 273.15;
const SPACE_K = 3;
/** Mean outgoing long-wave radiation of the Earth, W/m². */
const EARTH_IR_WM2 = 237;
const EARTH_ALBEDO = 0.3;

/** Battery heater thermostat: on below, off above, °C. */
export const HEATER_ON_BELOW_C = 10;
export const HEATER_OFF_ABOVE_C = 14;
/** Rise of the battery box's equilibrium with the heater on, °C (10 W heater). */
const HEATER_RISE_C = 15;
/** Rise of the payload bay's equilibrium while the payload images, °C. */
const PAYLOAD_RISE_C = 18;
/** Avionics dissipation lifts the structure above the panels' mean, °C. */
const BUS_DISSIPATION_RISE_C = 15;
const BUS_TIME_CONSTANT_S = 1800;
/** Battery box equilibrium rise per watt of battery loss, °C/W. */
const BATTERY_HEAT_RISE_C_PER_W = 1.5;
/** Readout noise of a thermistor channel, °C (1σ). */
const SENSOR_NOISE_C = 0.04;

export interface ThermalEnvironment {
  /** Unit vector to the Sun in body axes; undefined in eclipse. */
  readonly sunBody: Vec3 | undefined;
  /** Unit vector to the Earth's centre in body axes. */
  readonly nadirBody: Vec3;
  /** (Earth radius / orbit radius)², scales what the Earth fills of the sky. */
  readonly earthViewScale: number;
  /** Cosine of the Sun's zenith angle under the satellite, 0 at night or in eclipse. */
  readonly albedoCos: number;
  readonly solarFluxWm2: number;
  /** The payload is imaging (TARGET mode). */
  readonly payloadActive: boolean;
  /** Heat dissipated inside the battery (I²R), W. */
  readonly batteryLossW: number;
}

type NodeKind = 'panel' | 'battery' | 'payload' | 'interior';

interface NodeSpec {
  readonly kind: NodeKind;
  readonly normal: Vec3 | undefined;
  readonly absorptivity: number;
  readonly emissivity: number;
  /** W/(m²·K) for panels. */
  readonly coupling: number;
  /** J/(m²·K) for panels. */
  readonly heatCapacity: number;
  /** s, for interior nodes. */
  readonly timeConstantS: number;
  /** Sensor offset from position on the panel and calibration, °C. */
  readonly offsetC: number;
}

const PANEL = /^panel ([+-])([XYZ])$/;

export class ThermalModel {
  readonly #nodes: readonly NodeSpec[];
  readonly #temperatureC: Float64Array;
  readonly #rng: Prng;
  #busC: number;
  #heaterOn = false;

  /** @param zones the zone of every node, in telemetry order (from the mission database). */
  constructor({ zones, rng, initialC = 15 }: { zones: readonly string[]; rng: Prng; initialC?: number }) {
    this.#rng = rng;
    this.#nodes = zones.map((zone) => nodeSpec(zone, rng));
    this.#temperatureC = new Float64Array(zones.length).fill(initialC);
    this.#busC = initialC;
  }

  get nodeCount(): number {
    return this.#nodes.length;
  }

  get heaterOn(): boolean {
    return this.#heaterOn;
  }

  get busTemperatureC(): number {
    return this.#busC;
  }

  /** True temperature of a node, °C (no sensor offset or noise). */
  temperatureC(node: number): number {
    return this.#temperatureC[node]!;
  }

  /** What node's thermistor reads: temperature, fixed offset and readout noise. */
  readingC(node: number): number {
    return this.#temperatureC[node]! + this.#nodes[node]!.offsetC + this.#rng.normal(0, SENSOR_NOISE_C);
  }

  /** Mean true temperature of the battery box nodes, °C (the thermostat's input). */
  batteryBoxC(): number {
    let sum = 0;
    let count = 0;
    this.#nodes.forEach((n, i) => {
      if (n.kind === 'battery') {
        sum += this.#temperatureC[i]!;
        count++;
      }
    });
    return count === 0 ? this.#busC : sum / count;
  }

  step(dtS: number, env: ThermalEnvironment): void {
    const box = this.batteryBoxC();
    if (box < HEATER_ON_BELOW_C) this.#heaterOn = true;
    else if (box > HEATER_OFF_ABOVE_C) this.#heaterOn = false;
    let panelSum = 0;
    let panelCount = 0;
    const temperatures = this.#temperatureC;
    for (let i = 0; i < this.#nodes.length; i++) {
      const node = this.#nodes[i]!;
      const t = temperatures[i]!;
      let rate: number;
      if (node.kind === 'panel') {
        rate = this.#panelHeatFlux(node, t, env) / node.heatCapacity;
        panelSum += t;
        panelCount++;
      } else {
        rate = (this.#interiorEquilibriumC(node.kind, env) - t) / node.timeConstantS;
      }
      temperatures[i] = t + rate * dtS;
    }
    const busTargetC = (panelCount > 0 ? panelSum / panelCount : this.#busC) + BUS_DISSIPATION_RISE_C;
    this.#busC += ((busTargetC - this.#busC) * dtS) / BUS_TIME_CONSTANT_S;
  }

  /** Net heat flux into a panel node, W/m². */
  #panelHeatFlux(node: NodeSpec, temperatureC: number, env: ThermalEnvironment): number {
    const n = node.normal!;
    const facingEarth = (1 + dot(n, env.nadirBody)) / 2;
    const earthView = env.earthViewScale * facingEarth * facingEarth;
    const sun = env.sunBody ? Math.max(0, dot(n, env.sunBody)) : 0;
    const absorbed =
      node.absorptivity * env.solarFluxWm2 * (sun + EARTH_ALBEDO * earthView * env.albedoCos) +
      node.emissivity * EARTH_IR_WM2 * earthView;
    const kelvin = temperatureC + KELVIN;
    const emitted = node.emissivity * STEFAN_BOLTZMANN * (kelvin ** 4 - SPACE_K ** 4);
    return absorbed - emitted + node.coupling * (this.#busC - temperatureC);
  }

  #interiorEquilibriumC(kind: NodeKind, env: ThermalEnvironment): number {
    switch (kind) {
      case 'battery':
        return this.#busC - 14 + (this.#heaterOn ? HEATER_RISE_C : 0) + BATTERY_HEAT_RISE_C_PER_W * env.batteryLossW;
      case 'payload':
        return this.#busC - 2 + (env.payloadActive ? PAYLOAD_RISE_C : 0);
      default:
        return this.#busC;
    }
  }
}

function nodeSpec(zone: string, rng: Prng): NodeSpec {
  const spread = (nominal: number, fraction: number) => nominal * rng.uniform(1 - fraction, 1 + fraction);
  const offsetC = rng.uniform(-0.8, 0.8);
  const panel = PANEL.exec(zone);
  if (panel) {
    const sign = panel[1] === '+' ? 1 : -1;
    const axis = panel[2]!;
    return {
      kind: 'panel',
      normal: { x: axis === 'X' ? sign : 0, y: axis === 'Y' ? sign : 0, z: axis === 'Z' ? sign : 0 },
      absorptivity: spread(0.5, 0.05),
      emissivity: spread(0.8, 0.03),
      coupling: spread(8, 0.2),
      heatCapacity: spread(8000, 0.2),
      timeConstantS: 0,
      offsetC,
    };
  }
  const kind: NodeKind = zone === 'battery box' ? 'battery' : zone === 'payload bay' ? 'payload' : 'interior';
  const timeConstantS = { battery: 1500, payload: 900, interior: 1200, panel: 0 }[kind];
  return { kind, normal: undefined, absorptivity: 0, emissivity: 0, coupling: 0, heatCapacity: 0, timeConstantS: spread(timeConstantS, 0.1), offsetC };
}
