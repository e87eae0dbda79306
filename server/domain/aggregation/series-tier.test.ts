import { describe, expect, it } from 'vitest';
import { defaultMissionDatabase } from '../mission/default-mission-database';
import { RAW_WINDOW_MAX_MS, SECOND_WINDOW_MAX_MS, chooseSeriesTier, secondTierParameterIds } from './series-tier';

describe('Aggregation > chooseSeriesTier', () => {
  const t0 = Date.UTC(2026, 0, 1);

  it('serves windows up to 15 minutes from raw samples', () => {
    expect(RAW_WINDOW_MAX_MS).toBe(900_000);
    expect(chooseSeriesTier(t0, t0)).toBe('raw');
    expect(chooseSeriesTier(t0, t0 + 900_000)).toBe('raw');
  });

  it('serves windows up to 3 hours from 1-second aggregates', () => {
    expect(SECOND_WINDOW_MAX_MS).toBe(10_800_000);
    expect(chooseSeriesTier(t0, t0 + 900_001)).toBe('1s');
    expect(chooseSeriesTier(t0, t0 + 10_800_000)).toBe('1s');
  });

  it('serves longer windows from 1-minute aggregates: 31 days is 44,640 buckets, not 2.7 million', () => {
    expect(chooseSeriesTier(t0, t0 + 10_800_001)).toBe('1m');
    expect(chooseSeriesTier(t0, t0 + 31 * 86_400_000)).toBe('1m');
  });

  it('rejects a reversed or non-finite window', () => {
    expect(() => chooseSeriesTier(t0 + 1, t0)).toThrow(RangeError);
    expect(() => chooseSeriesTier(Number.NaN, t0)).toThrow(RangeError);
  });
});

describe('Aggregation > secondTierParameterIds', () => {
  it('keeps the parameters sampled faster than 1 Hz: attitude (10 Hz) and power (5 Hz), not the 1 Hz thermal nodes', () => {
    const ids = [...secondTierParameterIds(defaultMissionDatabase())].sort((a, b) => a - b);
    expect(ids).toEqual([...Array.from({ length: 16 }, (_, i) => 1 + i), ...Array.from({ length: 10 }, (_, i) => 100 + i)]);
  });
});
