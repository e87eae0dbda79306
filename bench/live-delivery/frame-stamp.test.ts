import { describe, expect, it } from 'vitest';
import type { LiveFrame } from '../../server/realtime/events';
import { cloneForStamping, stampFrames } from './frame-stamp';

const recorded: LiveFrame = {
  satelliteId: 101,
  subsystem: 'power',
  onboardTimeMs: 1090,
  arrivalMs: 1095,
  emittedMs: 1120,
  packets: 2,
  mode: 'SAFE',
  parameterIds: [10, 11],
  counts: [2, 2],
  lastTimesMs: [1090, 1090],
  last: [28.1, 1.5],
  minTimesMs: [1000, 1090],
  min: [27.9, 1.5],
  maxTimesMs: [1090, 1000],
  max: [28.1, 1.6],
  late: [false, true],
};

describe('Bench > stampFrames', () => {
  it('sets every time to the send time and keeps values and sizes', () => {
    const message = cloneForStamping([recorded]);
    stampFrames(message, 5000);
    expect(message).toEqual([
      {
        ...recorded,
        onboardTimeMs: 5000,
        arrivalMs: 5000,
        emittedMs: 5000,
        lastTimesMs: [5000, 5000],
        minTimesMs: [5000, 5000],
        maxTimesMs: [5000, 5000],
      },
    ]);
    expect(JSON.stringify(message).length).toBe(JSON.stringify([recorded]).length);
  });

  it('leaves the recorded frames alone', () => {
    stampFrames(cloneForStamping([recorded]), 5000);
    expect(recorded.minTimesMs).toEqual([1000, 1090]);
  });
});
