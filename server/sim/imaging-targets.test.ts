import { ecfToEci, geodeticToEcf } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { IMAGING_TARGETS, TargetSelector } from './imaging-targets';
import { gmstAt } from '../domain/orbit/orbit-track';
import { norm, sub } from '../domain/orbit/vector3';

const DEG = Math.PI / 180;
const t = Date.UTC(2026, 10, 25, 10);
const etna = IMAGING_TARGETS.find((target) => target.name === 'Etna')!;

/** Inertial position of a point `heightKm` above a latitude/longitude at time t. */
const above = (latitudeDeg: number, longitudeDeg: number, heightKm = 510) =>
  ecfToEci(geodeticToEcf({ latitude: latitudeDeg * DEG, longitude: longitudeDeg * DEG, height: heightKm }), gmstAt(t));

describe('Sim > TargetSelector', () => {
  it('takes a target the satellite is right above, in sunlight, and returns its inertial position', () => {
    const selector = new TargetSelector();
    const target = selector.select(above(etna.latitudeDeg, etna.longitudeDeg), t, true);
    expect(selector.currentIndex).toBe(IMAGING_TARGETS.indexOf(etna));
    expect(norm(sub(target!, above(etna.latitudeDeg, etna.longitudeDeg, 0)))).toBeLessThan(1e-6);
  });

  it('takes nothing in eclipse or far from every target', () => {
    const selector = new TargetSelector();
    expect(selector.select(above(etna.latitudeDeg, etna.longitudeDeg), t, false)).toBeUndefined();
    expect(selector.select(above(0, -150), t, true)).toBeUndefined();
  });

  it('acquires at 30° elevation and releases only below 25°', () => {
    // 510 km up, 30° elevation is ~780 km of ground range and 25° ~900 km: 7.5° and 8.3° of latitude.
    const selector = new TargetSelector([etna]);
    expect(selector.select(above(etna.latitudeDeg + 7.9, etna.longitudeDeg), t, true)).toBeUndefined();
    expect(selector.select(above(etna.latitudeDeg + 6.5, etna.longitudeDeg), t, true)).toBeDefined();
    expect(selector.select(above(etna.latitudeDeg - 7.9, etna.longitudeDeg), t, true)).toBeDefined();
    expect(selector.select(above(etna.latitudeDeg - 9, etna.longitudeDeg), t, true)).toBeUndefined();
  });
});
