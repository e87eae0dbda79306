import { describe, expect, it } from 'vitest';
import { defaultMissionDatabase } from '../mission/default-mission-database';
import type { PredictedPass } from '../orbit/pass-predictor';
import { listPasses, passGapThresholdMs } from './pass-list';

const T = Date.UTC(2026, 0, 1, 6);
const MIN = 60_000;

function predicted(satelliteId: number, station: string, aosMs: number, minutes: number, maxElevationDeg = 30): PredictedPass {
  const losMs = aosMs + minutes * MIN;
  return {
    satelliteId, station, passId: `${station}:${satelliteId}:${aosMs}`, aosMs, losMs, durationMs: losMs - aosMs,
    maxElevationDeg, maxElevationMs: aosMs + (minutes * MIN) / 2, aosAzimuthDeg: 10, losAzimuthDeg: 170,
  };
}

describe('Passes > listPasses', () => {
  it('lists recorded passes in place of their predictions, and predictions where nothing was recorded', () => {
    const passes = listPasses({
      nowMs: T + 60 * MIN,
      recorded: [
        // Same pass id as the prediction: recorded wins, with the LOS event's max elevation.
        { passId: `svalbard:101:${T}`, satelliteId: 101, station: 'svalbard', aosMs: T, losMs: T + 9 * MIN, predictedLosMs: T + 9 * MIN, maxElevationDeg: 41.5 },
        // Under way: no LOS yet, ends at the LOS predicted at AOS.
        { passId: `fairbanks:102:${T + 55 * MIN}`, satelliteId: 102, station: 'fairbanks', aosMs: T + 55 * MIN, losMs: null, predictedLosMs: T + 63 * MIN, maxElevationDeg: null },
      ],
      predicted: [
        predicted(101, 'svalbard', T, 9, 40),
        predicted(102, 'fairbanks', T + 55 * MIN + 20, 8, 22),
        predicted(101, 'svalbard', T + 20 * MIN, 7),
        predicted(103, 'hartebeesthoek', T + 90 * MIN, 6),
      ],
    });
    expect(passes.map((p) => [p.satelliteId, p.station, p.aosMs - T, p.durationMs / MIN, p.maxElevationDeg, p.status, p.source])).toEqual([
      [101, 'svalbard', 0, 9, 41.5, 'past', 'recorded'],
      [101, 'svalbard', 20 * MIN, 7, 30, 'past', 'predicted'],
      [102, 'fairbanks', 55 * MIN, 8, 22, 'in-progress', 'recorded'],
      [103, 'hartebeesthoek', 90 * MIN, 6, 30, 'upcoming', 'predicted'],
    ]);
  });

  it('counts five periods of the fastest packet as a gap', () => {
    expect(passGapThresholdMs(defaultMissionDatabase().layouts)).toBe(500);
  });
});
