/**
 * One simulated spacecraft: its orbit, the Sun, eclipse and the attitude,
 * power and thermal models, stepped together on a 100 ms grid, and the
 * engineering values each telemetry packet samples from them.
 *
 * Models are coupled the way the hardware is: attitude decides which faces
 * and wings see the Sun; the battery's temperature comes from the thermal
 * model's battery box; heater, payload and transmitter draw on the power bus.
 *
 * @example
 *   const craft = new SpacecraftSimulator({ satellite, mdb, seed: 1, startTimeMs });
 *   craft.stepTo(startTimeMs + 100, { transmitting: false });
 *   craft.valuesFor(mdb.latestLayout(272)!); // { 'power.battery_voltage': 31.2, ... }
 */
import type { SatelliteInfo } from '../domain/mission/fleet';
import type { MissionDatabase, PacketLayout } from '../domain/mission/mission-database';
import { ADCS_MODE, AttitudeModel, type AdcsMode, type AttitudeContext } from './attitude-model';
import { EARTH_RADIUS_KM, isInEarthShadow } from './eclipse';
import { TargetSelector } from './imaging-targets';
import { OrbitTrack, type OrbitState } from '../domain/orbit/orbit-track';
import { nadirAttitude, sunPointingAttitude } from './pointing';
import { PowerModel } from './power-model';
import { Prng, deriveSeed } from './prng';
import { rotateInverse, type Quaternion } from './quaternion';
import { solarFluxWm2, sunDirectionEci } from '../domain/orbit/sun-ephemeris';
import { ThermalModel, type ThermalEnvironment } from './thermal-model';
import { dot, norm, scale, type Vec3 } from '../domain/orbit/vector3';

/** Model step, ms: the period of the fastest packet (attitude, 10 Hz). */
export const STEP_MS = 100;
const THERMAL_STEP_MS = 1000;
/** Thermal history simulated before the start so temperatures begin on their orbital cycle. */
const SPIN_UP_MS = 2 * 95 * 60_000;
const SPIN_UP_STEP_MS = 10_000;
/** Sensor noise (1σ) on the values sampled into packets. */
const NOISE = { rateDegS: 0.003, wheelRpm: 1.5, currentA: 0.01, voltageV: 0.005, temperatureC: 0.05 } as const;

export interface SpacecraftSnapshot {
  readonly timeMs: number;
  readonly mode: AdcsMode;
  readonly isSunlit: boolean;
  readonly socPercent: number;
  readonly batteryCurrentA: number;
  readonly batteryTemperatureC: number;
  readonly heaterOn: boolean;
  readonly commanded: Quaternion;
  readonly positionKm: Vec3;
}

interface Environment {
  readonly orbit: OrbitState;
  readonly sunDirection: Vec3;
  readonly isSunlit: boolean;
}

export class SpacecraftSimulator {
  readonly satellite: SatelliteInfo;
  readonly track: OrbitTrack;
  readonly #sensorRng: Prng;
  readonly #targets = new TargetSelector();
  readonly #attitude: AttitudeModel;
  readonly #power: PowerModel;
  readonly #thermal: ThermalModel;
  readonly #thermalNames: ReadonlyMap<string, number>;
  #timeMs: number;
  #environment: Environment;

  constructor({ satellite, mdb, seed, startTimeMs }: { satellite: SatelliteInfo; mdb: MissionDatabase; seed: number; startTimeMs: number }) {
    this.satellite = satellite;
    this.track = new OrbitTrack(satellite.tle);
    this.#sensorRng = new Prng(deriveSeed(seed, satellite.id, 'sensors'));
    const modelRng = new Prng(deriveSeed(seed, satellite.id, 'models'));
    const thermalParameters = mdb.parametersOf('thermal');
    this.#thermalNames = new Map(thermalParameters.map((p, i) => [p.name, i]));
    this.#thermal = new ThermalModel({ zones: thermalParameters.map((p) => p.zone ?? 'interior'), rng: this.#sensorRng });
    this.#power = new PowerModel({ socPercent: modelRng.uniform(70, 85) });
    this.#timeMs = startTimeMs;
    this.#spinUpThermal(startTimeMs);
    this.#environment = this.#environmentAt(startTimeMs);
    this.#attitude = new AttitudeModel({ rng: modelRng, initial: this.#attitudeContext(startTimeMs, this.#environment) });
  }

  get timeMs(): number {
    return this.#timeMs;
  }

  snapshot(): SpacecraftSnapshot {
    return {
      timeMs: this.#timeMs,
      mode: this.#attitude.mode,
      isSunlit: this.#environment.isSunlit,
      socPercent: this.#power.socPercent,
      batteryCurrentA: this.#power.batteryCurrentA,
      batteryTemperatureC: this.#thermal.batteryBoxC(),
      heaterOn: this.#thermal.heaterOn,
      commanded: this.#attitude.commanded,
      positionKm: this.#environment.orbit.positionKm,
    };
  }

  /** Advances every model in STEP_MS steps to `timeMs`. */
  stepTo(timeMs: number, { transmitting }: { transmitting: boolean }): void {
    while (this.#timeMs + STEP_MS <= timeMs) {
      const t = this.#timeMs + STEP_MS;
      const env = this.#environmentAt(t);
      this.#attitude.step(STEP_MS / 1000, this.#attitudeContext(t, env));
      const q = this.#attitude.commanded;
      const sunBody = env.isSunlit ? rotateInverse(q, env.sunDirection) : undefined;
      const flux = solarFluxWm2(t);
      this.#power.step(STEP_MS / 1000, {
        sunBody,
        solarFluxWm2: flux,
        mode: this.#attitude.mode,
        heaterOn: this.#thermal.heaterOn,
        transmitting,
        batteryTemperatureC: this.#thermal.batteryBoxC(),
      });
      if (Math.floor(t / THERMAL_STEP_MS) !== Math.floor(this.#timeMs / THERMAL_STEP_MS)) {
        this.#thermal.step(THERMAL_STEP_MS / 1000, this.#thermalEnvironment(env, q, flux, this.#attitude.mode === ADCS_MODE.TARGET));
      }
      this.#timeMs = t;
      this.#environment = env;
    }
  }

  /** Engineering values for every parameter of a packet layout, as sampled now. */
  valuesFor(layout: PacketLayout): Record<string, number> {
    const values: Record<string, number> = {};
    if (layout.subsystem === 'attitude') this.#attitudeValues(values);
    else if (layout.subsystem === 'power') this.#powerValues(values);
    for (const p of layout.parameters) {
      if (values[p.name] !== undefined) continue;
      const node = this.#thermalNames.get(p.name);
      if (node === undefined) throw new RangeError(`the simulator has no model for parameter "${p.name}"`);
      values[p.name] = this.#thermal.readingC(node);
    }
    return values;
  }

  #attitudeValues(values: Record<string, number>): void {
    const rng = this.#sensorRng;
    const q = this.#attitude.estimated;
    const qc = this.#attitude.commanded;
    const rate = this.#attitude.bodyRateDegS;
    const wheels = this.#attitude.wheelSpeedsRpm();
    values['attitude.adcs_mode'] = this.#attitude.mode;
    values['attitude.q0'] = q.w;
    values['attitude.q1'] = q.x;
    values['attitude.q2'] = q.y;
    values['attitude.q3'] = q.z;
    values['attitude.qc0'] = qc.w;
    values['attitude.qc1'] = qc.x;
    values['attitude.qc2'] = qc.y;
    values['attitude.qc3'] = qc.z;
    values['attitude.rate_x'] = rate.x + rng.normal(0, NOISE.rateDegS);
    values['attitude.rate_y'] = rate.y + rng.normal(0, NOISE.rateDegS);
    values['attitude.rate_z'] = rate.z + rng.normal(0, NOISE.rateDegS);
    wheels.forEach((rpm, i) => {
      values[`attitude.wheel_speed_${i + 1}`] = rpm + rng.normal(0, NOISE.wheelRpm);
    });
  }

  #powerValues(values: Record<string, number>): void {
    const rng = this.#sensorRng;
    const eps = this.#power;
    const [px, mx, py, my] = eps.wingCurrentsA;
    // Current sensors cannot read below zero: clamp the noise on a dark wing.
    const current = (a: number) => Math.max(0, a + (a > 0 ? rng.normal(0, NOISE.currentA) : 0));
    const voltageV = eps.batteryVoltageV + rng.normal(0, NOISE.voltageV);
    values['power.battery_voltage'] = voltageV;
    values['power.battery_current'] = eps.batteryCurrentA + rng.normal(0, NOISE.currentA);
    values['power.battery_temperature'] = this.#thermal.batteryBoxC() + rng.normal(0, NOISE.temperatureC);
    values['power.battery_soc'] = eps.socPercent;
    const wingsA = [current(px), current(mx), current(py), current(my)] as const;
    values['power.solar_array_current_px'] = wingsA[0];
    values['power.solar_array_current_mx'] = wingsA[1];
    values['power.solar_array_current_py'] = wingsA[2];
    values['power.solar_array_current_my'] = wingsA[3];
    values['power.bus_load_current'] = eps.loadCurrentA + rng.normal(0, NOISE.currentA);
    values['power.eclipse'] = eps.isEclipse ? 1 : 0;
    // Power v2's derived parameter, as its onboard software computes it: from the
    // measured wing currents and voltage. It has no sensor of its own, so no noise
    // draw either: v1 and v2 packets carry the same values in their shared fields.
    // The unregulated bus sits at the battery's terminal voltage.
    values['power.solar_array_power'] = (wingsA[0] + wingsA[1] + wingsA[2] + wingsA[3]) * voltageV;
  }

  #environmentAt(timeMs: number): Environment {
    const orbit = this.track.stateAt(timeMs);
    const sunDirection = sunDirectionEci(timeMs);
    return { orbit, sunDirection, isSunlit: !isInEarthShadow(orbit.positionKm, sunDirection) };
  }

  #attitudeContext(timeMs: number, env: Environment): AttitudeContext {
    return {
      positionKm: env.orbit.positionKm,
      velocityKmS: env.orbit.velocityKmS,
      sunDirection: env.sunDirection,
      isSunlit: env.isSunlit,
      targetKm: this.#targets.select(env.orbit.positionKm, timeMs, env.isSunlit),
    };
  }

  #thermalEnvironment(env: Environment, q: Quaternion, flux: number, payloadActive: boolean): ThermalEnvironment {
    const r = env.orbit.positionKm;
    const radius = norm(r);
    const up = scale(r, 1 / radius);
    return {
      sunBody: env.isSunlit ? rotateInverse(q, env.sunDirection) : undefined,
      nadirBody: rotateInverse(q, scale(up, -1)),
      earthViewScale: (EARTH_RADIUS_KM / radius) ** 2,
      albedoCos: env.isSunlit ? Math.max(0, dot(up, env.sunDirection)) : 0,
      solarFluxWm2: flux,
      payloadActive,
      batteryLossW: this.#power.batteryLossW,
    };
  }

  /**
   * Runs the thermal model over the orbits before the start with the attitude
   * each mode would hold (no slews, no imaging), so panels start on their
   * orbital cycle instead of at a uniform guess.
   */
  #spinUpThermal(startTimeMs: number): void {
    for (let t = startTimeMs - SPIN_UP_MS; t < startTimeMs; t += SPIN_UP_STEP_MS) {
      const orbit = this.track.propagate(t);
      const sunDirection = sunDirectionEci(t);
      const isSunlit = !isInEarthShadow(orbit.positionKm, sunDirection);
      const q = isSunlit ? sunPointingAttitude(sunDirection) : nadirAttitude(orbit.positionKm, orbit.velocityKmS);
      this.#thermal.step(SPIN_UP_STEP_MS / 1000, this.#thermalEnvironment({ orbit, sunDirection, isSunlit }, q, solarFluxWm2(t), false));
    }
  }
}
