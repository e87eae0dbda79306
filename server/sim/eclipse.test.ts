import { describe, expect, it } from 'vitest';
import { demoFleet } from '../domain/mission/fleet';
import { EARTH_RADIUS_KM, isInEarthShadow } from './eclipse';
import { OrbitTrack } from '../domain/orbit/orbit-track';
import { sunDirectionEci } from '../domain/orbit/sun-ephemeris';

describe('Sim > isInEarthShadow', () => {
  const sun = { x: 1, y: 0, z: 0 };
  it('is true straight behind the Earth and false on the day side', () => {
    expect(isInEarthShadow({ x: -6928, y: 0, z: 0 }, sun)).toBe(true);
    expect(isInEarthShadow({ x: 6928, y: 0, z: 0 }, sun)).toBe(false);
  });

  it('has the edge of the shadow cylinder at one Earth radius from the Earth–Sun line', () => {
    expect(isInEarthShadow({ x: -3000, y: EARTH_RADIUS_KM - 1, z: 0 }, sun)).toBe(true);
    expect(isInEarthShadow({ x: -3000, y: EARTH_RADIUS_KM + 1, z: 0 }, sun)).toBe(false);
    expect(isInEarthShadow({ x: 0, y: EARTH_RADIUS_KM - 1, z: 0 }, sun)).toBe(false);
  });

  it('shadows the demonstration fleet for 25–40% of an orbit, the near-midnight plane the most', () => {
    const fleet = demoFleet(3);
    const start = Date.UTC(2026, 10, 25);
    const fractions = fleet.satellites.map((satellite) => {
      const track = new OrbitTrack(satellite.tle);
      let shadowed = 0;
      for (let i = 0; i < 5688; i++) if (isInEarthShadow(track.propagate(start + i * 1000).positionKm, sunDirectionEci(start + i * 1000))) shadowed++;
      return shadowed / 5688;
    });
    // PERIGEE-1's plane crosses the equator near local noon and midnight (beta ≈ 0), the longest
    // cylindrical shadow there is: asin(R⊕/r)/π = asin(6378/6889)/π = 0.377. The other planes
    // see the Sun at a higher beta angle.
    expect(fractions.map((f) => Math.round(f * 1000) / 1000)).toEqual([0.377, 0.293, 0.315]);
    for (const f of fractions) expect(f).toBeGreaterThan(0.25);
  });
});
