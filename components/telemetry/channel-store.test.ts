import { describe, expect, it } from 'vitest';
import type { LiveFrame } from '@/server/realtime/events';
import { ChannelStore } from './channel-store';

const frame = (onboardTimeMs: number, values: (number | null)[]): LiveFrame => ({
  satelliteId: 101,
  subsystem: 'power',
  onboardTimeMs,
  arrivalMs: onboardTimeMs + 100,
  emittedMs: onboardTimeMs + 120,
  parameterIds: [100, 109],
  values,
});

describe('Telemetry > ChannelStore', () => {
  it('keeps the latest value per parameter, a series only for tracked ones, and counts live frames', () => {
    const store = new ChannelStore({ seriesParameterIds: [100] });
    store.appendFrame(frame(1000, [29.5, 0]));
    store.appendFrame(frame(1200, [29.6, 1]));
    expect(store.latest(100)).toEqual({ value: 29.6, onboardTimeMs: 1200 });
    expect(store.latest(109)).toEqual({ value: 1, onboardTimeMs: 1200 });
    expect(store.series(100)?.length).toBe(2);
    expect(store.series(109)).toBeUndefined();
    expect(store.liveFrameCount('power')).toBe(2);
    expect(store.lastOnboardTimeMs('power')).toBe(1200);
    expect(store.version).toBe(2);
  });

  it('never lets a reordered packet overwrite a fresher latest value', () => {
    const store = new ChannelStore({ seriesParameterIds: [100] });
    store.appendFrame(frame(2000, [30, 0]));
    store.appendFrame(frame(1000, [10, 1]));
    expect(store.latest(100)).toEqual({ value: 30, onboardTimeMs: 2000 });
    expect(store.lastOnboardTimeMs('power')).toBe(2000);
    expect([store.series(100)!.timeAt(0), store.series(100)!.timeAt(1)]).toEqual([1000, 2000]);
  });

  it('seeds history in front of live data without counting it as live', () => {
    const store = new ChannelStore({ seriesParameterIds: [100] });
    store.appendFrame(frame(5000, [31, 0]));
    store.seedHistory('power', [{ parameterId: 100, timesMs: [3000, 4000, 5000], values: [29, 30, 31], mins: [29, 30, 31], maxs: [29, 30, 31] }]);
    const series = store.series(100)!;
    expect(Array.from({ length: series.length }, (_, i) => [series.timeAt(i), series.valueAt(i)])).toEqual([
      [3000, 29],
      [4000, 30],
      [5000, 31],
    ]);
    expect(store.liveFrameCount('power')).toBe(1);
    expect(store.latest(100)).toEqual({ value: 31, onboardTimeMs: 5000 });
  });

  it('takes the latest value and subsystem age from history when nothing is live yet', () => {
    const store = new ChannelStore({ seriesParameterIds: [] });
    store.seedHistory('power', [{ parameterId: 103, timesMs: [1000, 2000], values: [64, 63.5], mins: [64, 63.5], maxs: [64, 63.5] }]);
    expect(store.latest(103)).toEqual({ value: 63.5, onboardTimeMs: 2000 });
    expect(store.lastOnboardTimeMs('power')).toBe(2000);
  });
});
