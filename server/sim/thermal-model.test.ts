import { describe, expect, it } from 'vitest';
import { Prng } from './prng';
import { HEATER_OFF_ABOVE_C, HEATER_ON_BELOW_C, ThermalModel, type ThermalEnvironment } from './thermal-model';
import { vec } from '../domain/orbit/vector3';

const ZONES = ['panel +X', 'panel -X', 'panel +Y', 'panel -Y', 'panel +Z', 'panel -Z', 'battery box', 'payload bay'];
const zones = ZONES.flatMap((z) => Array.from({ length: 26 }, () => z));
const nodesOf = (zone: string) => zones.flatMap((z, i) => (z === zone ? [i] : []));

/** Sun on −Z, Earth under +Z, at ~510 km. */
const sunlit: ThermalEnvironment = {
  sunBody: vec(0, 0, -1),
  nadirBody: vec(0, 0, 1),
  earthViewScale: (6378 / 6889) ** 2,
  albedoCos: 0.5,
  solarFluxWm2: 1361,
  payloadActive: false,
  batteryLossW: 0,
};
const eclipse: ThermalEnvironment = { ...sunlit, sunBody: undefined, albedoCos: 0 };

function run(model: ThermalModel, env: ThermalEnvironment, seconds: number, each?: () => void) {
  for (let i = 0; i < seconds; i++) {
    model.step(1, env);
    each?.();
  }
}
const mean = (model: ThermalModel, nodes: number[]) => nodes.reduce((a, i) => a + model.temperatureC(i), 0) / nodes.length;

describe('Sim > ThermalModel', () => {
  it('heats the sunlit −Z panel to 50–60 °C and no further, with a time constant of minutes', () => {
    const model = new ThermalModel({ zones, rng: new Prng(1), initialC: 20 });
    const minusZ = nodesOf('panel -Z');
    run(model, sunlit, 600);
    const after10min = mean(model, minusZ);
    run(model, sunlit, 6 * 3600);
    const settled = mean(model, minusZ);
    expect(after10min).toBeGreaterThan(35);
    expect(settled).toBeGreaterThan(50);
    expect(settled).toBeLessThan(60);
    for (const i of minusZ) expect(model.temperatureC(i)).toBeLessThan(70);
  });

  it('cools every panel in eclipse and keeps the Earth-facing one warmer than the space-facing one', () => {
    const model = new ThermalModel({ zones, rng: new Prng(1), initialC: 20 });
    run(model, eclipse, 35 * 60);
    for (const zone of ZONES.slice(0, 6)) expect(mean(model, nodesOf(zone))).toBeLessThan(20);
    expect(mean(model, nodesOf('panel +Z'))).toBeGreaterThan(mean(model, nodesOf('panel -Z')) + 3);
  });

  it('switches the battery heater on below 10 °C and off above 14 °C, holding the box in between', () => {
    const model = new ThermalModel({ zones, rng: new Prng(1), initialC: 12 });
    const transitions: Array<[boolean, number]> = [];
    // The thermostat decides on the box temperature at the start of each step.
    let boxBeforeC = model.batteryBoxC();
    let on = model.heaterOn;
    // With the structure near 20 °C the box would settle near 6 °C unheated and near 21 °C heated.
    for (let i = 0; i < 8 * 3600; i++) {
      model.step(1, sunlit);
      if (model.heaterOn !== on) {
        on = model.heaterOn;
        transitions.push([on, boxBeforeC]);
      }
      boxBeforeC = model.batteryBoxC();
    }
    expect(transitions.length).toBeGreaterThanOrEqual(3);
    for (const [nowOn, boxC] of transitions) {
      if (nowOn) expect(boxC).toBeLessThan(HEATER_ON_BELOW_C);
      else expect(boxC).toBeGreaterThan(HEATER_OFF_ABOVE_C);
      expect(boxC).toBeGreaterThan(HEATER_ON_BELOW_C - 0.1);
      expect(boxC).toBeLessThan(HEATER_OFF_ABOVE_C + 0.1);
    }
  });

  it('warms the payload bay while the payload images', () => {
    const idle = new ThermalModel({ zones, rng: new Prng(1), initialC: 20 });
    const imaging = new ThermalModel({ zones, rng: new Prng(1), initialC: 20 });
    run(idle, sunlit, 600);
    run(imaging, { ...sunlit, payloadActive: true }, 600);
    const bay = nodesOf('payload bay');
    expect(mean(imaging, bay) - mean(idle, bay)).toBeGreaterThan(8);
  });

  it('reads each thermistor with its fixed offset and a few hundredths of a degree of noise', () => {
    const model = new ThermalModel({ zones, rng: new Prng(2), initialC: 20 });
    const readings = Array.from({ length: 1000 }, () => model.readingC(0) - model.temperatureC(0));
    const offset = readings.reduce((a, b) => a + b, 0) / readings.length;
    expect(Math.abs(offset)).toBeLessThan(0.81);
    for (const r of readings) expect(Math.abs(r - offset)).toBeLessThan(0.25);
  });
});
