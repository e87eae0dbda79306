import { degreesLat, degreesLong, eciToGeodetic, gstime, propagate, twoline2satrec } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { demoFleet } from '../mission/fleet';
import { OrbitContext } from './orbit-context';

const fleet = demoFleet(2);
const noon = Date.UTC(2026, 10, 25, 12, 0, 0);

describe('Stream > OrbitContext', () => {
  describe('#at', () => {
    it('gives the SGP4 sub-satellite point and altitude at the start of the second, with the TLE epoch', () => {
      const orbits = new OrbitContext(fleet);
      const satrec = twoline2satrec(...(fleet.satellites[0]!.tle as [string, string]));
      const state = propagate(satrec, new Date(noon))!;
      const geodetic = eciToGeodetic(state.position, gstime(new Date(noon)));
      expect(orbits.at(101, noon + 734)).toEqual({
        latDeg: degreesLat(geodetic.latitude),
        lonDeg: degreesLong(geodetic.longitude),
        altKm: geodetic.height,
        tleEpochMs: Date.UTC(2026, 10, 1), // day 305.0 of 2026
      });
      expect(geodetic.height).toBeGreaterThan(490);
      expect(geodetic.height).toBeLessThan(530);
    });

    it('propagates once per satellite-second, however many frames ask', () => {
      const orbits = new OrbitContext(fleet);
      for (let ms = 0; ms < 3_000; ms += 100) {
        orbits.at(101, noon + ms);
        orbits.at(102, noon + ms);
      }
      expect(orbits.propagations).toBe(6);
      // A reordered packet from the previous second is still cached.
      const before = orbits.at(101, noon + 1_999);
      expect(orbits.at(101, noon + 1_000)).toBe(before);
      expect(orbits.propagations).toBe(6);
      expect(orbits.at(101, noon + 1_000)).not.toEqual(orbits.at(101, noon + 2_000));
    });

    it('has no context for a satellite outside the catalogue', () => {
      const orbits = new OrbitContext(fleet);
      expect(orbits.at(999, noon)).toBeNull();
      expect(orbits.propagations).toBe(0);
    });
  });
});
