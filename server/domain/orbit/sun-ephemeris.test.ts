import { describe, expect, it } from 'vitest';
import { julianDate, solarFluxWm2, sunPosition } from './sun-ephemeris';

const DEG = Math.PI / 180;
const declinationDeg = (timeMs: number) => Math.asin(sunPosition(timeMs).direction.z) / DEG;
const rightAscensionDeg = (timeMs: number) => {
  const d = sunPosition(timeMs).direction;
  return ((Math.atan2(d.y, d.x) / DEG) % 360 + 360) % 360;
};

describe('Sim > sunPosition', () => {
  it('puts the Sun at +23.44° declination, 90° right ascension at the June 2026 solstice (21 Jun 08:24 UTC)', () => {
    const t = Date.UTC(2026, 5, 21, 8, 24);
    expect(declinationDeg(t)).toBeCloseTo(23.435, 2);
    expect(rightAscensionDeg(t)).toBeCloseTo(90, 1);
  });

  it('puts the Sun on the equator at the March 2026 equinox (20 Mar 14:46 UTC)', () => {
    expect(Math.abs(declinationDeg(Date.UTC(2026, 2, 20, 14, 46)))).toBeLessThan(0.01);
  });

  it('gives the perihelion distance in early January and the flux that goes with it', () => {
    const t = Date.UTC(2026, 0, 3, 17);
    expect(sunPosition(t).distanceAu).toBeCloseTo(0.9833, 4);
    expect(solarFluxWm2(t)).toBeCloseTo(1361 / 0.9833 ** 2, 0);
  });

  it('returns a unit vector', () => {
    const d = sunPosition(Date.UTC(2026, 10, 25)).direction;
    expect(Math.hypot(d.x, d.y, d.z)).toBeCloseTo(1, 12);
  });

  it('uses the Unix epoch as JD 2440587.5 and J2000 as JD 2451545.0', () => {
    expect(julianDate(0)).toBe(2440587.5);
    expect(julianDate(Date.UTC(2000, 0, 1, 12))).toBe(2451545);
  });
});
