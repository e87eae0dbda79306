import { describe, expect, it } from 'vitest';
import { planReprocessing } from './reprocessing-plan';

const T0 = Date.UTC(2026, 0, 1);
const MIN = 60_000;

describe('Reprocessing > planReprocessing', () => {
  it('widens the range to whole minutes and cuts it into slices with their read margins', () => {
    const plan = planReprocessing({ fromMs: T0 + 30_000, toMs: T0 + 24 * MIN + 1, sliceMs: 10 * MIN, marginMs: MIN });
    expect(plan.fromMs).toBe(T0);
    expect(plan.toMs).toBe(T0 + 25 * MIN);
    expect(plan.slices).toEqual([
      { fromMs: T0, toMs: T0 + 10 * MIN, readFromMs: T0 - MIN, readToMs: T0 + 11 * MIN },
      { fromMs: T0 + 10 * MIN, toMs: T0 + 20 * MIN, readFromMs: T0 + 9 * MIN, readToMs: T0 + 21 * MIN },
      { fromMs: T0 + 20 * MIN, toMs: T0 + 25 * MIN, readFromMs: T0 + 19 * MIN, readToMs: T0 + 26 * MIN },
    ]);
  });

  it('keeps a range already on minute boundaries as it is', () => {
    const plan = planReprocessing({ fromMs: T0 + MIN, toMs: T0 + 2 * MIN, sliceMs: 10 * MIN, marginMs: 0 });
    expect(plan).toEqual({ fromMs: T0 + MIN, toMs: T0 + 2 * MIN, slices: [{ fromMs: T0 + MIN, toMs: T0 + 2 * MIN, readFromMs: T0 + MIN, readToMs: T0 + 2 * MIN }] });
  });

  it('refuses an empty or reversed range and slices that are not whole minutes', () => {
    expect(() => planReprocessing({ fromMs: T0, toMs: T0, sliceMs: MIN, marginMs: 0 })).toThrow('the range must end after it starts');
    expect(() => planReprocessing({ fromMs: T0, toMs: T0 + MIN, sliceMs: 90_000, marginMs: 0 })).toThrow('whole number of minutes');
    expect(() => planReprocessing({ fromMs: T0, toMs: T0 + MIN, sliceMs: MIN, marginMs: -1 })).toThrow('must not be negative');
  });
});
