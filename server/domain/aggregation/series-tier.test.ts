import { describe, expect, it } from 'vitest';
import { defaultMissionDatabase } from '../mission/default-mission-database';
import { TIER_BUCKET_MS, parameterSampleRatesHz, secondTierParameterIds } from './series-tier';

describe('Aggregation > secondTierParameterIds', () => {
  it('keeps the parameters sampled faster than 1 Hz: attitude (10 Hz) and power (5 Hz), not the 1 Hz thermal nodes', () => {
    const ids = [...secondTierParameterIds(defaultMissionDatabase())].sort((a, b) => a - b);
    expect(ids).toEqual([...Array.from({ length: 16 }, (_, i) => 1 + i), ...Array.from({ length: 11 }, (_, i) => 100 + i)]);
  });
});

describe('Aggregation > parameterSampleRatesHz', () => {
  it('gives each parameter the rate of its packet', () => {
    const rates = parameterSampleRatesHz(defaultMissionDatabase());
    expect([rates.get(1), rates.get(16), rates.get(100), rates.get(109), rates.get(110), rates.get(1000)]).toEqual([10, 10, 5, 5, 5, 1]);
    expect(rates.get(4242)).toBeUndefined();
  });

  it('keeps the faster rate of a parameter carried by two packets', () => {
    const rates = parameterSampleRatesHz({
      layouts: [
        { rateHz: 1, parameters: [{ id: 7 }, { id: 8 }] },
        { rateHz: 5, parameters: [{ id: 7 }] },
      ],
    });
    expect([rates.get(7), rates.get(8)]).toEqual([5, 1]);
  });
});

describe('Aggregation > TIER_BUCKET_MS', () => {
  it('holds the widths the archive buckets by', () => {
    expect(TIER_BUCKET_MS).toEqual({ '1s': 1000, '1m': 60_000 });
  });
});
