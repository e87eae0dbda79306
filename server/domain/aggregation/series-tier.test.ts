import { describe, expect, it } from 'vitest';
import { RAW_WINDOW_MAX_MS, chooseSeriesTier } from './series-tier';

describe('Aggregation > chooseSeriesTier', () => {
  const t0 = Date.UTC(2026, 0, 1);

  it('serves windows up to 15 minutes from raw samples', () => {
    expect(RAW_WINDOW_MAX_MS).toBe(900_000);
    expect(chooseSeriesTier(t0, t0)).toBe('raw');
    expect(chooseSeriesTier(t0, t0 + 900_000)).toBe('raw');
  });

  it('serves longer windows from 1-second aggregates', () => {
    expect(chooseSeriesTier(t0, t0 + 900_001)).toBe('1s');
    expect(chooseSeriesTier(t0, t0 + 86_400_000)).toBe('1s');
  });

  it('rejects a reversed or non-finite window', () => {
    expect(() => chooseSeriesTier(t0 + 1, t0)).toThrow(RangeError);
    expect(() => chooseSeriesTier(Number.NaN, t0)).toThrow(RangeError);
  });
});
