import { describe, expect, it } from 'vitest';
import type { LiveFrame } from '@/server/realtime/events';
import { ChannelStore } from './channel-store';

const RECEIVED_MS = 9_000_000;

/** A frame of one sample per parameter, as the server coalesces a single packet. */
const frame = (onboardTimeMs: number, values: (number | null)[], over: Partial<LiveFrame> = {}): LiveFrame => ({
  satelliteId: 101,
  subsystem: 'power',
  onboardTimeMs,
  arrivalMs: onboardTimeMs + 100,
  emittedMs: onboardTimeMs + 120,
  packets: 1,
  mode: null,
  parameterIds: [100, 109],
  counts: values.map(() => 1),
  lastTimesMs: values.map(() => onboardTimeMs),
  last: values,
  minTimesMs: values.map(() => onboardTimeMs),
  min: values,
  maxTimesMs: values.map(() => onboardTimeMs),
  max: values,
  late: values.map(() => false),
  ...over,
});

const contents = (store: ChannelStore, id: number) => {
  const s = store.series(id)!;
  return Array.from({ length: s.length }, (_, i) => [s.timeAt(i), s.valueAt(i)]);
};

describe('Telemetry > ChannelStore', () => {
  it('keeps the latest value per parameter, a series only for tracked ones, and counts live frames', () => {
    const store = new ChannelStore({ seriesParameterIds: [100], now: () => RECEIVED_MS });
    store.appendFrame(frame(1000, [29.5, 0]));
    store.appendFrame(frame(1200, [29.6, 1]));
    expect(store.latest(100)).toEqual({ value: 29.6, onboardTimeMs: 1200, late: false, receivedAtMs: RECEIVED_MS });
    expect(store.latest(109)).toEqual({ value: 1, onboardTimeMs: 1200, late: false, receivedAtMs: RECEIVED_MS });
    expect(store.series(100)?.length).toBe(2);
    expect(store.series(109)).toBeUndefined();
    expect(store.liveFrameCount('power')).toBe(2);
    expect(store.lastOnboardTimeMs('power')).toBe(1200);
    expect(store.version).toBe(2);
  });

  it('plots the minimum, maximum and newest of a coalesced frame at their own times, each sample once', () => {
    const store = new ChannelStore({ seriesParameterIds: [100] });
    store.appendFrame(
      frame(1300, [28, 0], {
        packets: 4,
        counts: [4, 4],
        lastTimesMs: [1300, 1300],
        minTimesMs: [1200, 1300],
        min: [27, 0],
        maxTimesMs: [1000, 1300],
        max: [33.9, 0],
      }),
    );
    expect(contents(store, 100)).toEqual([
      [1000, 33.9],
      [1200, 27],
      [1300, 28],
    ]);
    expect(store.latest(100)).toMatchObject({ value: 28, onboardTimeMs: 1300 });
  });

  it('never lets a reordered packet overwrite a fresher latest value', () => {
    const store = new ChannelStore({ seriesParameterIds: [100] });
    store.appendFrame(frame(2000, [30, 0]));
    store.appendFrame(frame(1000, [10, 1], { late: [true, true] }));
    expect(store.latest(100)).toMatchObject({ value: 30, onboardTimeMs: 2000, late: false });
    expect(store.lastOnboardTimeMs('power')).toBe(2000);
    expect(contents(store, 100)).toEqual([
      [1000, 10],
      [2000, 30],
    ]);
  });

  it('remembers that the newest value arrived late, and the spacecraft mode of the newest frame', () => {
    const store = new ChannelStore({ seriesParameterIds: [] });
    store.appendFrame(frame(1000, [30, 0], { mode: 'SAFE' }));
    store.appendFrame(frame(3000, [31, 0], { late: [true, false], mode: 'NADIR' }));
    store.appendFrame(frame(2000, [30, 0], { mode: 'SAFE' }));
    expect([store.latest(100)?.late, store.latest(109)?.late, store.mode()]).toEqual([true, false, 'NADIR']);
  });

  it('merges history in front of live data without counting it as live', () => {
    const store = new ChannelStore({ seriesParameterIds: [100] });
    store.appendFrame(frame(5000, [31, 0]));
    store.mergeHistory('power', [{ parameterId: 100, timesMs: [3000, 4000, 5000], values: [29, 30, 31], mins: [29, 30, 31], maxs: [29, 30, 31] }]);
    expect(contents(store, 100)).toEqual([
      [3000, 29],
      [4000, 30],
      [5000, 31],
    ]);
    expect(store.liveFrameCount('power')).toBe(1);
    expect(store.latest(100)).toMatchObject({ value: 31, onboardTimeMs: 5000 });
  });

  it('fills the hole a reconnect left between data held before and after the outage', () => {
    const store = new ChannelStore({ seriesParameterIds: [100] });
    store.appendFrame(frame(1000, [20, 0]));
    store.appendFrame(frame(9000, [28, 0]));
    store.mergeHistory('power', [{ parameterId: 100, timesMs: [1000, 3000, 5000, 7000], values: [20, 22, 24, 26], mins: [], maxs: [] }]);
    expect(contents(store, 100).map(([t]) => t)).toEqual([1000, 3000, 5000, 7000, 9000]);
    expect(store.latest(100)).toMatchObject({ value: 28, onboardTimeMs: 9000 });
  });

  it('takes the latest value and subsystem age from history when nothing is live yet', () => {
    const store = new ChannelStore({ seriesParameterIds: [], now: () => RECEIVED_MS });
    store.mergeHistory('power', [{ parameterId: 103, timesMs: [1000, 2000], values: [64, 63.5], mins: [64, 63.5], maxs: [64, 63.5] }]);
    expect(store.latest(103)).toEqual({ value: 63.5, onboardTimeMs: 2000, late: false, receivedAtMs: RECEIVED_MS });
    expect(store.lastOnboardTimeMs('power')).toBe(2000);
  });

  it('answers as of a history cursor: the last sample at or before it, and the subsystem age from it', () => {
    const store = new ChannelStore({ seriesParameterIds: [100, 109], now: () => RECEIVED_MS });
    const history = (id: number, timesMs: number[], values: number[]) => ({ parameterId: id, timesMs, values, mins: values, maxs: values });
    store.mergeHistory('power', [history(100, [1000, 2000, 3000], [28.1, 28.2, 28.3]), history(109, [1500, 4000], [1.5, 4.0])]);
    const before = store.version;
    store.setAsOf(2500);
    expect(store.version).toBe(before);
    expect(store.latest(100)).toEqual({ value: 28.2, onboardTimeMs: 2000, late: false, receivedAtMs: 2000 });
    expect(store.latest(109)?.value).toBe(1.5);
    expect(store.lastOnboardTimeMs('power')).toBe(2000);
    store.setAsOf(999);
    expect(store.latest(100)).toBeUndefined();
    expect(store.lastOnboardTimeMs('power')).toBeUndefined();
    store.setAsOf(3000);
    expect(store.latest(100)?.value).toBe(28.3);
    store.setAsOf(null);
    expect(store.latest(109)?.value).toBe(4.0);
    expect(store.lastOnboardTimeMs('power')).toBe(4000);
  });

  it('hands out what it holds of a window as history series, for a history view to start from', () => {
    const store = new ChannelStore({ seriesParameterIds: [100], now: () => RECEIVED_MS });
    for (const t of [1000, 2000, 3000, 4000]) store.appendFrame(frame(t, [t / 100, null]));
    expect(store.snapshot([100, 109, 999], 1500, 3000)).toEqual([{ parameterId: 100, timesMs: [2000, 3000], values: [20, 30], mins: [20, 30], maxs: [20, 30] }]);
    expect(store.snapshot([100], 5000, 6000)).toEqual([]);
  });
});
