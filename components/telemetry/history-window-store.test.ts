import { describe, expect, it } from 'vitest';
import { HistoryWindowStore } from './history-window-store';

const series = (parameterId: number, timesMs: number[], values: number[]) => ({ parameterId, timesMs, values, mins: values, maxs: values });

describe('Telemetry > HistoryWindowStore', () => {
  // Overview: 1 s buckets (means) over the window; detail: 10 Hz samples of one chunk.
  const overview = series(100, [0, 1000, 2000, 3000], [10, 20, 30, 40]);
  const chunk = series(100, [1000, 1100, 1200, 1300], [21, 22, 23, 24]);

  it('draws charts from the overview and reads values at the cursor from the detail where it covers the cursor', () => {
    const view = new HistoryWindowStore({ seriesParameterIds: [100], trendParameterIds: [] });
    view.mergeHistory('attitude', [overview]);
    view.replaceDetail([{ fromMs: 1000, toMs: 1999, subsystem: 'attitude', series: [chunk] }]);
    view.setAsOf(1250);
    expect(view.latest(100)).toMatchObject({ value: 23, onboardTimeMs: 1200 });
    expect(view.lastOnboardTimeMs('attitude')).toBe(1200);
    // The charts' series is the overview's.
    const drawn = view.series(100)!;
    expect(Array.from({ length: drawn.length }, (_, i) => drawn.valueAt(i))).toEqual([10, 20, 30, 40]);
    // Outside the chunk, the overview answers.
    view.setAsOf(2500);
    expect(view.latest(100)).toMatchObject({ value: 30, onboardTimeMs: 2000 });
    expect(view.detailCovers(2500)).toBe(false);
  });

  it('falls back to the overview before the chunk has a sample, and changes version when the detail changes', () => {
    const view = new HistoryWindowStore({ seriesParameterIds: [], trendParameterIds: [100] });
    view.mergeHistory('thermal', [overview]);
    view.setAsOf(1050);
    view.replaceDetail([{ fromMs: 1050, toMs: 1999, subsystem: 'thermal', series: [series(100, [1100], [22])] }]);
    expect(view.latest(100)).toMatchObject({ value: 20, onboardTimeMs: 1000 });
    const before = view.version;
    view.replaceDetail([{ fromMs: 1000, toMs: 1999, subsystem: 'thermal', series: [chunk] }]);
    expect(view.version).not.toBe(before);
    expect(view.latest(100)).toMatchObject({ value: 21, onboardTimeMs: 1000 });
    // Only the chunks given last are held.
    view.replaceDetail([]);
    expect(view.detailCovers(1050)).toBe(false);
    expect(view.latest(100)?.value).toBe(20);
  });
});
