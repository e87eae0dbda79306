import { describe, expect, it } from 'vitest';
import { alignSeries, type AlignedColumns } from './align-series';
import { decimateColumns } from './decimate';
import { SeriesBuffer } from './series-buffer';

/** 10 minutes of a 10 Hz sine with one spike, and a 5 Hz ramp that stops for 30 s. */
function tenMinutes(): AlignedColumns {
  const sine = new SeriesBuffer(10_000);
  const ramp = new SeriesBuffer(10_000);
  for (let i = 0; i < 6000; i++) {
    const t = i * 100;
    sine.push(t, i === 3333 ? 50 : Math.sin(i / 100));
    if (i % 2 === 0 && !(t >= 200_000 && t < 230_000)) ramp.push(t, i / 1000);
  }
  return alignSeries([sine, ramp], { fromMs: 0, toMs: 600_000, gapMs: 3000 });
}

const numbers = (column: readonly (number | null | undefined)[]) => column.filter((v): v is number => typeof v === 'number');

describe('Telemetry > decimateColumns', () => {
  it('leaves columns no denser than four rows per pixel untouched', () => {
    const columns = tenMinutes();
    expect(decimateColumns(columns, 0, 600_000, 1500)).toBe(columns);
  });

  it('keeps each pixel column\'s extremes in order, so spikes, the overall range and the time order survive', () => {
    const columns = tenMinutes();
    const thin = decimateColumns(columns, 0, 600_000, 300);
    expect(thin[0].length).toBeLessThanOrEqual(3 * 300);
    expect(thin[0].length).toBeGreaterThanOrEqual(2 * 300 - 20);
    for (let i = 1; i < thin[0].length; i++) expect(thin[0][i]!).toBeGreaterThan(thin[0][i - 1]!);
    for (const s of [1, 2]) {
      expect(Math.max(...numbers(thin[s]!))).toBe(Math.max(...numbers(columns[s]!)));
      expect(Math.min(...numbers(thin[s]!))).toBe(Math.min(...numbers(columns[s]!)));
    }
    // The spike stays at its own pixel column: within one column's time (2 s) of 333.3 s.
    const spikeAt = thin[0][thin[1]!.indexOf(50)]!;
    expect(Math.abs(spikeAt - 333_300)).toBeLessThan(2000);
    // Every kept value is one the series really had at a time within the same pixel column.
    const original = new Map(columns[0].map((t, i) => [t, columns[1]![i]]));
    for (let i = 0; i < thin[0].length; i++) {
      const v = thin[1]![i];
      if (typeof v !== 'number') continue;
      const candidates = [...original].filter(([t, y]) => Math.abs(t - thin[0][i]!) <= 2000 && y === v);
      expect(candidates.length).toBeGreaterThan(0);
    }
  });

  it('keeps a pause as a break: rows inside it stay null for that series and no line crosses it', () => {
    const thin = decimateColumns(tenMinutes(), 0, 600_000, 300);
    const inside = thin[0].map((t, i) => [t, thin[2]![i]] as const).filter(([t]) => t > 201_000 && t < 229_000);
    expect(inside.length).toBeGreaterThan(0);
    expect(inside.every(([, v]) => v === null)).toBe(true);
  });
});
