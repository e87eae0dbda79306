import { describe, expect, it } from 'vitest';
import { formatTle, demoFleet } from '../mission/fleet';
import { OrbitPropagationError, OrbitTrack } from './orbit-track';
import { norm, sub } from './vector3';

const start = Date.UTC(2026, 10, 25, 6);

describe('Sim > OrbitTrack', () => {
  const track = new OrbitTrack(demoFleet(3).satellites[0]!.tle);

  it('keeps the demonstration satellite on its near-circular orbit: mean radius 6888.6 km at 7.6 km/s', () => {
    const radii: number[] = [];
    for (let t = start; t < start + 6_000_000; t += 60_000) {
      const { positionKm, velocityKmS } = track.propagate(t);
      radii.push(norm(positionKm));
      expect(norm(velocityKmS)).toBeCloseTo(7.6, 1);
    }
    // 15.19 rev/day gives a = (μ/n²)^⅓ ≈ 6889 km, ~510 km above the equator; eccentricity
    // 0.0011 and J2's short-period terms swing the radius by about ±12 km around it.
    expect(radii.reduce((a, b) => a + b, 0) / radii.length).toBeCloseTo(6888.6, 0);
    expect(Math.min(...radii)).toBeGreaterThan(6870);
    expect(Math.max(...radii)).toBeLessThan(6905);
  });

  it('interpolates between one-second samples to within 2 m of SGP4', () => {
    let worstKm = 0;
    for (let t = start + 37; t < start + 120_000; t += 100) {
      worstKm = Math.max(worstKm, norm(sub(track.stateAt(t).positionKm, track.propagate(t).positionKm)));
    }
    expect(worstKm).toBeLessThan(0.002);
  });

  it('returns exact SGP4 states on the sample grid', () => {
    expect(track.stateAt(start + 5000)).toEqual(track.propagate(start + 5000));
  });

  it('rejects element sets SGP4 cannot use with a typed error', () => {
    const hyperbolic = formatTle({ catalogNumber: 1, inclinationDeg: 97, raanDeg: 0, eccentricity: 0.9999999, argPerigeeDeg: 0, meanAnomalyDeg: 0, meanMotionRevPerDay: 0.5 });
    expect(() => new OrbitTrack(hyperbolic).propagate(start)).toThrow(OrbitPropagationError);
  });
});
