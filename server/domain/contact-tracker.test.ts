import { describe, expect, it } from 'vitest';
import { ContactTracker } from './contact-tracker';

const base = { satelliteId: 101, azimuthDeg: 10, maxElevationDeg: 40 };

describe('ContactTracker', () => {
  it('attributes packets to the station in contact, the newest AOS winning, and to relay otherwise', () => {
    const t = new ContactTracker();
    expect(t.stationFor(101)).toBe('relay');
    t.observe({ type: 'aos', station: 'svalbard', timeMs: 1000, passId: 'svalbard:101:1000', satelliteId: 101, azimuthDeg: 10, predictedLosMs: 600_000 });
    expect(t.stationFor(101)).toBe('svalbard');
    expect(t.stationFor(102)).toBe('relay');
    t.observe({ type: 'aos', station: 'fairbanks', timeMs: 2000, passId: 'fairbanks:101:2000', satelliteId: 101, azimuthDeg: 10, predictedLosMs: 600_000 });
    expect(t.stationFor(101)).toBe('fairbanks');
    t.observe({ type: 'los', station: 'fairbanks', timeMs: 3000, passId: 'fairbanks:101:2000', ...base });
    expect(t.stationFor(101)).toBe('svalbard');
    t.observe({ type: 'los', station: 'svalbard', timeMs: 4000, passId: 'svalbard:101:1000', ...base });
    expect(t.stationFor(101)).toBe('relay');
  });
});
