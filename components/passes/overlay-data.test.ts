import { describe, expect, it } from 'vitest';
import { overlayAtAos } from './overlay-data';

describe('Passes > overlayAtAos', () => {
  it('puts every pass on seconds since its own AOS, undefined where a pass has no sample', () => {
    expect(
      overlayAtAos([
        { aosMs: 1000, timesMs: [1000, 2000], values: [5, 6], gapThresholdMs: 1500 },
        { aosMs: 9000, timesMs: [9500], values: [7], gapThresholdMs: 1500 },
      ]),
    ).toEqual([[0, 0.5, 1], [5, undefined, 6], [undefined, 7, undefined]]);
  });

  it('breaks a pass\'s line with null in the middle of a silence longer than its gap threshold', () => {
    expect(overlayAtAos([{ aosMs: 0, timesMs: [0, 1000, 5000, 6000], values: [1, 2, 3, 4], gapThresholdMs: 1500 }])).toEqual([
      [0, 1, 3, 5, 6],
      [1, 2, null, 3, 4],
    ]);
  });
});
