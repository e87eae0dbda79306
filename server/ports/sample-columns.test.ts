import { describe, expect, it } from 'vitest';
import { SampleColumnsBuilder, sampleColumns, sampleRecords, sliceColumns } from './sample-columns';
import type { SampleRecord } from './telemetry-store';

const T0 = Date.UTC(2026, 0, 1);
const record = (i: number): SampleRecord => ({ timeMs: T0 + i * 100.5, satelliteId: 101 + (i % 3), parameterId: i - 5, value: i * 1.25, rawValue: i * 1000, quality: i % 4 });

describe('Archive > sample columns', () => {
  it('holds records column by column and gives them back exactly', () => {
    const records = Array.from({ length: 10 }, (_, i) => record(i));
    const columns = sampleColumns(records);
    expect(columns.length).toBe(10);
    expect([...columns.parameterId]).toEqual([-5, -4, -3, -2, -1, 0, 1, 2, 3, 4]);
    expect(columns.timeMs[3]).toBe(T0 + 301.5);
    expect(sampleRecords(columns)).toEqual(records);
  });

  it('builds only the filled part of its capacity', () => {
    const builder = new SampleColumnsBuilder(8);
    builder.push(T0, 101, 2, 0.5, 1, 0);
    builder.push(T0 + 1, 102, 3, 1.5, 2, 2);
    const built = builder.build();
    expect(built.length).toBe(2);
    expect(built.value.length).toBe(2);
    expect(sampleRecords(built)).toEqual([
      { timeMs: T0, satelliteId: 101, parameterId: 2, value: 0.5, rawValue: 1, quality: 0 },
      { timeMs: T0 + 1, satelliteId: 102, parameterId: 3, value: 1.5, rawValue: 2, quality: 2 },
    ]);
  });

  it('appends columns after what it holds, and slices views of a range', () => {
    const a = sampleColumns([record(1), record(2)]);
    const b = sampleColumns([record(3), record(4), record(5)]);
    const builder = new SampleColumnsBuilder(5);
    builder.append(a);
    builder.append(sliceColumns(b, 0, 3));
    const all = builder.build();
    expect(sampleRecords(all)).toEqual([1, 2, 3, 4, 5].map(record));
    expect(sampleRecords(sliceColumns(all, 1, 3))).toEqual([record(2), record(3)]);
    expect(sampleRecords(sliceColumns(all, 4, 99))).toEqual([record(5)]);
    expect(sliceColumns(all, 5, 9).length).toBe(0);
  });

  it('refuses what a column cannot hold instead of wrapping it, and samples past its capacity', () => {
    const builder = new SampleColumnsBuilder(1);
    expect(() => builder.push(T0, 101, 32_768, 1, 1, 0)).toThrow(new RangeError('parameter id 32768 is not a 16-bit integer'));
    expect(() => builder.push(T0, 2 ** 31, 1, 1, 1, 0)).toThrow(new RangeError('satellite id 2147483648 is not a 32-bit integer'));
    expect(() => builder.push(T0, 101, 1, 1, 1, 1.5)).toThrow(new RangeError('quality 1.5 is not a 16-bit flag set'));
    expect(builder.length).toBe(0);
    builder.push(T0, 101, 1, 1, 1, 0);
    expect(() => builder.push(T0, 101, 2, 1, 1, 0)).toThrow(new RangeError('sample columns are full (1)'));
    expect(() => builder.append(sampleColumns([record(1)]))).toThrow(new RangeError('sample columns are full (1)'));
    expect(sampleRecords(builder.build())).toEqual([{ timeMs: T0, satelliteId: 101, parameterId: 1, value: 1, rawValue: 1, quality: 0 }]);
  });
});
