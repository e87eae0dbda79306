import { describe, expect, it } from 'vitest';
import { nadirAttitude, SUN_VECTOR_BODY, sunPointingAttitude, targetAttitude } from './pointing';
import { rotate } from './quaternion';
import { cross, dot, norm, scale, sub, unit, vec, type Vec3 } from '../domain/orbit/vector3';

const positionKm = vec(4000, 3000, 4500);
const velocityKmS = unit(cross(vec(0.1, -0.2, 1), positionKm));
const close = (a: Vec3, b: Vec3) => expect(norm(sub(a, b))).toBeLessThan(1e-12);

describe('Sim > pointing', () => {
  it('nadir: +Z down the radius, +X along track, +Y against the orbit normal', () => {
    const q = nadirAttitude(positionKm, scale(velocityKmS, 7.6));
    close(rotate(q, vec(0, 0, 1)), unit(scale(positionKm, -1)));
    close(rotate(q, vec(1, 0, 0)), unit(velocityKmS));
    close(rotate(q, vec(0, 1, 0)), unit(scale(cross(positionKm, velocityKmS), -1)));
  });

  it('sun pointing: the Sun on SUN_VECTOR_BODY and +Y leaning to celestial north', () => {
    const sun = unit(vec(-0.4, 0.8, 0.3));
    const q = sunPointingAttitude(sun);
    close(rotate(q, SUN_VECTOR_BODY), sun);
    expect(dot(rotate(q, vec(0, 1, 0)), vec(0, 0, 1))).toBeGreaterThan(0.5);
  });

  it('target: +Z along the line of sight to the target', () => {
    const targetKm = vec(3700, 2800, 4100);
    const q = targetAttitude(targetKm, positionKm, velocityKmS);
    close(rotate(q, vec(0, 0, 1)), unit(sub(targetKm, positionKm)));
  });
});
