import { describe, expect, it } from 'vitest';
import { demoFleet } from '../mission/fleet';
import { OrbitTrack } from './orbit-track';
import { passIdOf, predictPasses } from './pass-predictor';
import { StationLook } from './station-look';

const fleet = demoFleet(3);
const svalbard = fleet.groundStations.find((s) => s.id === 'svalbard')!;
const hartebeesthoek = fleet.groundStations.find((s) => s.id === 'hartebeesthoek')!;
const day = Date.UTC(2026, 10, 25);

describe('Sim > predictPasses', () => {
  it('finds 12–13 Svalbard passes a day per satellite, none over 10 min, most of 5–10 min', () => {
    for (const satellite of fleet.satellites) {
      const passes = predictPasses(satellite, svalbard, day, day + 86_400_000);
      expect(passes.length).toBeGreaterThanOrEqual(12);
      expect(passes.length).toBeLessThanOrEqual(13);
      const minutes = passes.map((p) => p.durationMs / 60_000);
      expect(Math.max(...minutes)).toBeLessThan(10);
      expect(Math.max(...minutes)).toBeGreaterThan(9);
      expect(minutes.filter((m) => m >= 5).length).toBeGreaterThanOrEqual(9);
    }
  });

  it('sees a polar orbiter far less often from 26° S than from 78° N', () => {
    const passes = predictPasses(fleet.satellites[0]!, hartebeesthoek, day, day + 86_400_000);
    // Two consecutive orbits near local noon and two near midnight (the plane's nodes), against a dozen at Svalbard.
    expect(passes.map((p) => new Date(p.aosMs).toISOString())).toEqual([
      '2026-11-25T09:24:29.705Z',
      '2026-11-25T11:00:18.420Z',
      '2026-11-25T21:06:09.023Z',
      '2026-11-25T22:36:27.444Z',
    ]);
  });

  it('puts AOS and LOS on the elevation mask to the millisecond, and the culmination between them', () => {
    const satellite = fleet.satellites[0]!;
    const look = new StationLook(new OrbitTrack(satellite.tle), svalbard);
    for (const pass of predictPasses(satellite, svalbard, day, day + 6 * 3_600_000)) {
      expect(look.at(pass.aosMs - 1).elevationDeg).toBeLessThan(svalbard.minElevationDeg);
      expect(look.at(pass.aosMs).elevationDeg).toBeGreaterThanOrEqual(svalbard.minElevationDeg);
      expect(look.at(pass.losMs - 1).elevationDeg).toBeGreaterThanOrEqual(svalbard.minElevationDeg);
      expect(look.at(pass.losMs).elevationDeg).toBeLessThan(svalbard.minElevationDeg);
      expect(pass.maxElevationMs).toBeGreaterThan(pass.aosMs);
      expect(pass.maxElevationMs).toBeLessThan(pass.losMs);
      expect(look.at(pass.maxElevationMs - 5_000).elevationDeg).toBeLessThan(pass.maxElevationDeg);
      expect(look.at(pass.maxElevationMs + 5_000).elevationDeg).toBeLessThan(pass.maxElevationDeg);
      expect(pass.passId).toBe(passIdOf('svalbard', satellite.id, pass.aosMs));
      expect(pass.durationMs).toBe(pass.losMs - pass.aosMs);
    }
  });

  it('reports a pass already under way at the window start with its true AOS', () => {
    const satellite = fleet.satellites[1]!;
    const [first] = predictPasses(satellite, svalbard, day, day + 86_400_000);
    const midPass = first!.aosMs + 60_000;
    const [current, next] = predictPasses(satellite, svalbard, midPass, midPass + 6 * 3_600_000);
    expect(current).toEqual(first);
    expect(next!.aosMs).toBeGreaterThan(first!.losMs);
  });

  it('returns nothing for an empty window and rejects an inverted one', () => {
    const satellite = fleet.satellites[0]!;
    const [first] = predictPasses(satellite, svalbard, day, day + 86_400_000);
    expect(predictPasses(satellite, svalbard, first!.losMs + 1, first!.losMs + 1)).toEqual([]);
    expect(() => predictPasses(satellite, svalbard, day, day - 1)).toThrow(RangeError);
  });
});
