import { describe, expect, it } from 'vitest';
import { sparklinePath } from './sparkline-path';

describe('Ops > sparklinePath', () => {
  it('scales from 0 at the bottom to the maximum at the top', () => {
    expect(sparklinePath([0, 2, 4], 100, 20)).toBe('M0,20L50,10L100,0');
  });

  it('breaks the line at nulls and keeps an all-zero series on the bottom edge', () => {
    expect(sparklinePath([1, null, 3, 3], 30, 12)).toBe('M0,8M20,0L30,0');
    expect(sparklinePath([0, 0], 10, 5)).toBe('M0,5L10,5');
    expect(sparklinePath([], 10, 5)).toBe('');
  });
});
