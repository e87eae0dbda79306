import { describe, expect, it } from 'vitest';
import { WindowColumns } from './window-columns';

const row = (c: WindowColumns, slot: number) => [c.min(slot), c.max(slot), c.sum(slot), c.count(slot), c.last(slot), c.lastTimeMs(slot)];

describe('Stream > WindowColumns', () => {
  it('accumulates min, max, sum, count and the last value in event time per slot', () => {
    const columns = new WindowColumns(2);
    columns.add(0, 5, 1_000);
    columns.add(0, -2, 1_500);
    columns.add(0, 7, 1_200); // older than the 1 500 sample: not "last"
    columns.add(0, 3, 1_500); // same time as the newest: the later one in input order wins
    expect(row(columns, 0)).toEqual([-2, 7, 13, 4, 3, 1_500]);
    expect(columns.count(1)).toBe(0);
  });

  it('grows to a slot assigned after the window was created, keeping what it holds', () => {
    const columns = new WindowColumns(1);
    columns.add(0, 1, 10);
    columns.add(4, 2.5, 20);
    expect(columns.slots).toBe(5);
    expect(row(columns, 0)).toEqual([1, 1, 1, 1, 1, 10]);
    expect(row(columns, 4)).toEqual([2.5, 2.5, 2.5, 1, 2.5, 20]);
    expect(columns.count(9)).toBe(0);
  });

  it('lists each slot updated late once', () => {
    const columns = new WindowColumns(3);
    expect(columns.lateSlots).toBeUndefined();
    for (const slot of [2, 0, 2]) columns.markLate(slot);
    expect(columns.lateSlots).toEqual([2, 0]);
  });
});
