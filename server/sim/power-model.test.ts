import { describe, expect, it } from 'vitest';
import { ADCS_MODE } from './attitude-model';
import { SUN_VECTOR_BODY } from './pointing';
import { LOAD_CURRENT_A, PowerModel, WING_MAX_CURRENT_A, WING_NORMALS, type PowerEnvironment } from './power-model';
import { dot } from '../domain/orbit/vector3';

const sunPointing: PowerEnvironment = {
  sunBody: SUN_VECTOR_BODY,
  solarFluxWm2: 1361,
  mode: ADCS_MODE.SUN_POINTING,
  heaterOn: false,
  transmitting: false,
  batteryTemperatureC: 20,
};
const eclipse: PowerEnvironment = { ...sunPointing, sunBody: undefined, mode: ADCS_MODE.NADIR };

describe('Sim > PowerModel', () => {
  it('draws each wing current from cos(incidence), curtailed by the shunt to load + charge limit', () => {
    const eps = new PowerModel({ socPercent: 60 });
    eps.step(0.2, sunPointing);
    const available = WING_NORMALS.map((n) => WING_MAX_CURRENT_A * dot(n, SUN_VECTOR_BODY));
    const total = available.reduce((a, b) => a + b, 0);
    // 8.5 A available, but the load (1.8 A) and the battery (6 A) only take 7.8 A.
    expect(total).toBeCloseTo(8.47, 2);
    const share = (LOAD_CURRENT_A.base + 6) / total;
    eps.wingCurrentsA.forEach((a, i) => expect(a).toBeCloseTo(available[i]! * share, 12));
    expect(eps.batteryCurrentA).toBeCloseTo(6, 12);
    expect(eps.isEclipse).toBe(false);
  });

  it('balances battery current = array − load exactly, charging in sunlight and discharging in eclipse', () => {
    const eps = new PowerModel({ socPercent: 70 });
    const soc0 = eps.socPercent;
    for (let i = 0; i < 300; i++) eps.step(1, sunPointing);
    const sum = eps.wingCurrentsA.reduce((a, b) => a + b, 0);
    expect(eps.batteryCurrentA).toBeCloseTo(sum - eps.loadCurrentA, 12);
    expect(eps.socPercent).toBeGreaterThan(soc0 + 2);
    const soc1 = eps.socPercent;
    for (let i = 0; i < 2100; i++) eps.step(1, eclipse);
    expect(eps.wingCurrentsA).toEqual([0, 0, 0, 0]);
    expect(eps.batteryCurrentA).toBeCloseTo(-LOAD_CURRENT_A.base, 12);
    // 35 min at 1.8 A out of 20 Ah.
    expect(eps.socPercent).toBeCloseTo(soc1 - ((1.8 * 2100) / 3600 / 20) * 100, 8);
    expect(eps.isEclipse).toBe(true);
  });

  it('loads the bus more while imaging, slewing, transmitting or heating: 1.8 A up to ~3.4 A', () => {
    const eps = new PowerModel({ socPercent: 70 });
    eps.step(0.1, eclipse);
    expect(eps.loadCurrentA).toBeCloseTo(1.8, 12);
    eps.step(0.1, { ...sunPointing, mode: ADCS_MODE.TARGET, transmitting: true, heaterOn: true });
    expect(eps.loadCurrentA).toBeCloseTo(1.8 + 0.8 + 0.3 + 0.36, 12);
  });

  it('stops charging at full and keeps the voltage below the 33.2 V warning', () => {
    const eps = new PowerModel({ socPercent: 99.99 });
    for (let i = 0; i < 600; i++) eps.step(1, sunPointing);
    expect(eps.socPercent).toBeGreaterThan(99.99);
    expect(eps.batteryCurrentA).toBeLessThan(0.05);
    expect(eps.batteryVoltageV).toBeLessThan(33.2);
    expect(eps.batteryVoltageV).toBeCloseTo(32.8, 1);
  });
});
