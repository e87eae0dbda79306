import { describe, expect, it } from 'vitest';
import { watchKeyOf, watchPlan } from './watch-plan';

describe('Bench > watchPlan', () => {
  it('gives client i satellite i mod n and every tenth client five satellites', () => {
    const plan = watchPlan(12, [101, 102, 103, 104, 105, 106, 107, 108]);
    expect(plan).toEqual([[101], [102], [103], [104], [105], [106], [107], [108], [101], [102, 103, 104, 105, 106], [103], [104]]);
  });

  it('caps an overview at the fleet size', () => {
    expect(watchPlan(2, [101, 102], { overviewEvery: 2, overviewSatellites: 5 })).toEqual([[101], [102, 101]]);
  });

  it('has no overview clients when overviewEvery is 0', () => {
    expect(watchPlan(3, [7], { overviewEvery: 0 })).toEqual([[7], [7], [7]]);
  });

  it('keys clients by their satellites', () => {
    expect(watchKeyOf([102, 103])).toBe('102,103');
  });
});
