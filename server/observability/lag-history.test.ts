import { describe, expect, it } from 'vitest';
import { LagHistory } from './lag-history';

const at = (atMs: number, lag: Record<string, [number, number]>) => ({
  atMs,
  groups: Object.entries(lag).map(([group, [messages, seconds]]) => ({
    group,
    role: group,
    lagMessages: messages,
    lagSeconds: seconds,
    consumedPerSecond: null,
    state: 'up' as const,
    partitions: [],
  })),
});

describe('Observability > LagHistory', () => {
  it('keeps the newest points up to its capacity, as columns with null before a group appeared', () => {
    const history = new LagHistory({ capacity: 3 });
    history.push(at(1000, { a: [5, 0.5] }));
    history.push(at(3000, { a: [7, 0.7] }));
    history.push(at(5000, { a: [2, 0.2], b: [40, 4] }));
    history.push(at(7000, { a: [0, 0], b: [10, 1] }));
    expect(history.size).toBe(3);
    expect(history.columns()).toEqual({
      atMs: [3000, 5000, 7000],
      groups: {
        a: { lagMessages: [7, 2, 0], lagSeconds: [0.7, 0.2, 0] },
        b: { lagMessages: [null, 40, 10], lagSeconds: [null, 4, 1] },
      },
    });
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new LagHistory({ capacity: 0 })).toThrow(new RangeError('capacity must be a positive integer, got 0'));
  });
});
