import { describe, expect, it } from 'vitest';
import { downlinkEbN0Db, freeSpacePathLossDb, LOCK_THRESHOLD_DB } from './link-budget';

describe('Sim > link budget', () => {
  it('computes free-space path loss as 20·log10(4πdf/c): 159.5 dB at 1000 km, S-band', () => {
    expect(freeSpacePathLossDb(1000, 2.25e9)).toBeCloseTo(159.491, 3);
    // Doubling the range costs 6.02 dB.
    expect(freeSpacePathLossDb(2000) - freeSpacePathLossDb(1000)).toBeCloseTo(6.0206, 4);
  });

  it('gives 19.9 dB overhead and 3.3 dB at the 5° mask, straddling the lock threshold', () => {
    expect(downlinkEbN0Db(90, 550)).toBeCloseTo(19.9, 1);
    expect(downlinkEbN0Db(5, 2300)).toBeCloseTo(3.28, 2);
    expect(downlinkEbN0Db(90, 550)).toBeGreaterThan(LOCK_THRESHOLD_DB);
    expect(downlinkEbN0Db(5, 2300)).toBeLessThan(LOCK_THRESHOLD_DB);
  });

  it('grows with elevation and shrinks with range', () => {
    expect(downlinkEbN0Db(30, 1000)).toBeGreaterThan(downlinkEbN0Db(10, 1000));
    expect(downlinkEbN0Db(30, 1000)).toBeGreaterThan(downlinkEbN0Db(30, 1500));
  });
});
