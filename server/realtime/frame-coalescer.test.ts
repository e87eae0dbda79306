import { describe, expect, it } from 'vitest';
import type { SampleFrame } from '../domain/sample-frame';
import { FrameCoalescer } from './frame-coalescer';

const T0 = 1_795_000_000_000;

const sample = (over: Partial<SampleFrame> & { onboardTimeMs: number; values: (number | null)[] }): SampleFrame => ({
  satelliteId: 101,
  subsystem: 'power',
  apid: 272,
  sequenceCount: 0,
  arrivalMs: over.onboardTimeMs + 80,
  parameterIds: [100, 101],
  ...over,
});

describe('Realtime > FrameCoalescer', () => {
  it('merges one room’s packets into one frame with newest, min and max per parameter, each at its own time', () => {
    const c = new FrameCoalescer();
    c.add(sample({ onboardTimeMs: T0, values: [28.0, 1.0] }));
    c.add(sample({ onboardTimeMs: T0 + 200, values: [31.5, 0.5] }));
    c.add(sample({ onboardTimeMs: T0 + 400, values: [27.0, 0.75] }));
    c.add(sample({ onboardTimeMs: T0 + 600, values: [28.5, null] }));
    const [flushed, ...rest] = c.flush();
    expect(rest).toEqual([]);
    expect(flushed!.frame).toEqual({
      satelliteId: 101,
      subsystem: 'power',
      onboardTimeMs: T0 + 600,
      arrivalMs: T0 + 680,
      packets: 4,
      mode: null,
      parameterIds: [100, 101],
      counts: [4, 4],
      lastTimesMs: [T0 + 600, T0 + 600],
      last: [28.5, null],
      minTimesMs: [T0 + 400, T0 + 200],
      min: [27.0, 0.5],
      maxTimesMs: [T0 + 200, T0],
      max: [31.5, 1.0],
      late: [false, false],
    });
    expect(flushed!.onboardTimesMs).toEqual([T0, T0 + 200, T0 + 400, T0 + 600]);
    expect(c.pendingRooms).toBe(0);
    expect(c.flush()).toEqual([]);
  });

  it('keeps rooms apart: satellites and subsystems each get their own frame', () => {
    const c = new FrameCoalescer();
    c.add(sample({ onboardTimeMs: T0, values: [1, 2] }));
    c.add(sample({ satelliteId: 102, onboardTimeMs: T0, values: [3, 4] }));
    c.add(sample({ subsystem: 'thermal', apid: 288, parameterIds: [300], onboardTimeMs: T0, values: [20] }));
    c.add(sample({ onboardTimeMs: T0 + 200, values: [5, 6] }));
    expect(c.flush().map((f) => [f.frame.satelliteId, f.frame.subsystem, f.frame.packets, f.frame.last])).toEqual([
      [101, 'power', 2, [5, 6]],
      [102, 'power', 1, [3, 4]],
      [101, 'thermal', 1, [20]],
    ]);
  });

  it('unions the parameters of different packet layouts of one subsystem', () => {
    const c = new FrameCoalescer();
    c.add(sample({ subsystem: 'thermal', apid: 288, parameterIds: [300, 301], onboardTimeMs: T0, values: [20, 21] }));
    c.add(sample({ subsystem: 'thermal', apid: 289, parameterIds: [352, 353], onboardTimeMs: T0, values: [30, 31] }));
    const [f] = c.flush();
    expect([f!.frame.parameterIds, f!.frame.last, f!.frame.counts]).toEqual([
      [300, 301, 352, 353],
      [20, 21, 30, 31],
      [1, 1, 1, 1],
    ]);
  });

  it('does not let a reordered packet replace the newest value, but counts it in min and max', () => {
    const c = new FrameCoalescer();
    c.add(sample({ onboardTimeMs: T0 + 200, values: [29, 1] }));
    c.add(sample({ onboardTimeMs: T0, values: [35, 1] }));
    const [f] = c.flush();
    expect([f!.frame.last[0], f!.frame.lastTimesMs[0], f!.frame.max[0], f!.frame.maxTimesMs[0], f!.frame.onboardTimeMs]).toEqual([29, T0 + 200, 35, T0, T0 + 200]);
  });

  it('marks late: arrival seconds after onboard time, a recorded (playback) packet, or older than a value already sent', () => {
    const c = new FrameCoalescer({ lateAfterMs: 2000 });
    c.add(sample({ onboardTimeMs: T0, arrivalMs: T0 + 2000, values: [1, 1] }));
    expect(c.flush()[0]!.frame.late).toEqual([false, false]);
    c.add(sample({ onboardTimeMs: T0 + 1000, arrivalMs: T0 + 3001, values: [1, 1] }));
    expect(c.flush()[0]!.frame.late).toEqual([true, true]);
    c.add(sample({ onboardTimeMs: T0 + 2000, values: [1, 1], playback: true }));
    expect(c.flush()[0]!.frame.late).toEqual([true, true]);
    c.add(sample({ onboardTimeMs: T0 + 3000, values: [1, 1] }));
    expect(c.flush()[0]!.frame.late).toEqual([false, false]);
    // Older than the T0 + 3000 value the browser already has.
    c.add(sample({ onboardTimeMs: T0 + 2500, values: [1, 1] }));
    expect(c.flush()[0]!.frame.late).toEqual([true, true]);
  });

  it('carries the spacecraft mode of the newest packet that had one', () => {
    const c = new FrameCoalescer();
    const context = (mode: string | null) => ({ mode, orbit: null, calibrationVersion: '1' });
    c.add(sample({ onboardTimeMs: T0, values: [1, 1], context: context('SAFE') }));
    c.add(sample({ onboardTimeMs: T0 + 200, values: [1, 1], context: context('NADIR') }));
    c.add(sample({ onboardTimeMs: T0 + 400, values: [1, 1], context: context(null) }));
    expect(c.flush()[0]!.frame.mode).toBe('NADIR');
  });

  it('flushes only the rooms the caller says are due, keeping the others pending', () => {
    const c = new FrameCoalescer();
    c.add(sample({ onboardTimeMs: T0, values: [1, 1] }));
    c.add(sample({ satelliteId: 102, onboardTimeMs: T0, values: [2, 2] }));
    expect(c.flush((satelliteId) => satelliteId === 102).map((f) => f.frame.satelliteId)).toEqual([102]);
    expect(c.pendingRooms).toBe(1);
    c.add(sample({ onboardTimeMs: T0 + 100, values: [3, 3] }));
    expect(c.flush().map((f) => [f.frame.satelliteId, f.frame.packets, f.frame.last])).toEqual([[101, 2, [3, 3]]]);
  });

  it('refuses a non-positive lateness bound', () => {
    expect(() => new FrameCoalescer({ lateAfterMs: 0 })).toThrow(RangeError);
  });
});
