import { describe, expect, it } from 'vitest';
import { ClockObservations } from './clock-observations';

describe('Stream > ClockObservations', () => {
  it('keeps the newest `capacity` offsets, the oldest giving way', () => {
    const clock = new ClockObservations(3);
    const target = new Float64Array(5);
    expect(clock.copyInto(target, 0)).toBe(0);
    for (const offset of [10, 20, 30, 40]) clock.record(offset);
    expect(clock.size).toBe(3);
    expect(clock.copyInto(target, 1)).toBe(4);
    expect([...target]).toEqual([0, 40, 20, 30, 0]);
  });

  it('rejects a capacity that is not a positive integer', () => {
    expect(() => new ClockObservations(0)).toThrow('capacity must be a positive integer, got 0');
  });
});
