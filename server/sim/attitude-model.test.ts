import { describe, expect, it } from 'vitest';
import { ADCS_MODE, AttitudeModel, SLEW_ACCEL_DEG_S2, SLEW_RATE_DEG_S, type AttitudeContext } from './attitude-model';
import { nadirAttitude, sunPointingAttitude } from './pointing';
import { Prng } from './prng';
import { angleBetweenAttitudes, rotate } from './quaternion';
import { norm, sub, unit, vec } from '../domain/orbit/vector3';

const DEG = Math.PI / 180;
const positionKm = vec(6889, 0, 0);
const velocityKmS = vec(0, -1.0, 7.53);
const sunDirection = unit(vec(0.6, 0.7, -0.3));
const sunlit: AttitudeContext = { positionKm, velocityKmS, sunDirection, isSunlit: true, targetKm: undefined };
const eclipse: AttitudeContext = { ...sunlit, isSunlit: false };

function run(model: AttitudeModel, context: AttitudeContext, seconds: number, each?: (t: number) => void) {
  for (let i = 1; i <= seconds * 10; i++) {
    model.step(0.1, context);
    each?.(i / 10);
  }
}

describe('Sim > AttitudeModel', () => {
  it('starts settled in the attitude of its mode', () => {
    const model = new AttitudeModel({ rng: new Prng(1), initial: sunlit });
    expect(model.mode).toBe(ADCS_MODE.SUN_POINTING);
    expect(angleBetweenAttitudes(model.commanded, sunPointingAttitude(sunDirection))).toBeLessThan(1e-9);
  });

  it('slews into NADIR at eclipse with a bang-coast-bang profile: ≤ 1 °/s, arriving after θ/ω + ω/a', () => {
    const model = new AttitudeModel({ rng: new Prng(1), initial: sunlit });
    const angleDeg = angleBetweenAttitudes(sunPointingAttitude(sunDirection), nadirAttitude(positionKm, velocityKmS)) / DEG;
    let settledAt = Number.NaN;
    let fastest = 0;
    run(model, eclipse, 400, (t) => {
      fastest = Math.max(fastest, norm(model.bodyRateDegS));
      if (Number.isNaN(settledAt) && model.mode === ADCS_MODE.NADIR) settledAt = t;
      if (Number.isNaN(settledAt)) expect(model.mode).toBe(ADCS_MODE.SLEW);
    });
    expect(angleDeg).toBeGreaterThan(90);
    expect(fastest).toBeLessThanOrEqual(SLEW_RATE_DEG_S + 1e-9);
    expect(fastest).toBeGreaterThan(SLEW_RATE_DEG_S - 1e-6);
    // Accelerating to 1 °/s and braking from it take 20 s each and cover 20°: t = θ/ω + ω/a.
    expect(Math.abs(settledAt - (angleDeg / SLEW_RATE_DEG_S + SLEW_RATE_DEG_S / SLEW_ACCEL_DEG_S2))).toBeLessThan(1);
    expect(angleBetweenAttitudes(model.commanded, nadirAttitude(positionKm, velocityKmS))).toBeLessThan(1e-6);
    expect(norm(model.bodyRateDegS)).toBeLessThan(1e-9);
  });

  it('moves the reaction wheels with the slew momentum and keeps them within ±6000 rpm', () => {
    const model = new AttitudeModel({ rng: new Prng(1), initial: sunlit });
    const before = model.wheelSpeedsRpm();
    const swing = [0, 0, 0, 0];
    run(model, eclipse, 60, () => {
      model.wheelSpeedsRpm().forEach((rpm, i) => {
        expect(Math.abs(rpm)).toBeLessThanOrEqual(6000);
        swing[i] = Math.max(swing[i]!, Math.abs(rpm - before[i]!));
      });
    });
    // 1 °/s about a ~1.2 kg·m² axis is ~0.02 N·m·s: hundreds of rpm on 1.5e-4 kg·m² rotors.
    expect(Math.max(...swing)).toBeGreaterThan(300);
    expect(Math.max(...swing)).toBeLessThan(2500);
  });

  it('reports an estimate within a few hundredths of a degree of the command, normalised', () => {
    const model = new AttitudeModel({ rng: new Prng(5), initial: sunlit });
    run(model, sunlit, 120, () => {
      const q = model.estimated;
      expect(Math.hypot(q.w, q.x, q.y, q.z)).toBeCloseTo(1, 12);
      expect(angleBetweenAttitudes(q, model.commanded) / DEG).toBeLessThan(0.1);
    });
  });

  it('points the payload boresight (+Z) at an imaging target in TARGET mode', () => {
    const targetKm = vec(6300, 600, 200);
    const model = new AttitudeModel({ rng: new Prng(1), initial: sunlit });
    run(model, { ...sunlit, targetKm }, 300);
    expect(model.mode).toBe(ADCS_MODE.TARGET);
    const boresight = rotate(model.commanded, vec(0, 0, 1));
    expect(norm(sub(boresight, unit(sub(targetKm, positionKm))))).toBeLessThan(1e-6);
  });
});
