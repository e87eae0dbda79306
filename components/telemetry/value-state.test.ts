import { describe, expect, it } from 'vitest';
import { gapAfterMs, staleAfterMs, valueStateOf } from './value-state';

const NOW = 1_795_000_000_000;
const onTime = (ageMs: number) => ({ onboardTimeMs: NOW - ageMs, late: false, receivedAtMs: NOW - ageMs + 100 });

describe('Telemetry > valueStateOf', () => {
  it('derives the thresholds from the expected period: stale after one missed update, gap where the plot breaks', () => {
    expect([staleAfterMs(100), gapAfterMs(100)]).toEqual([700, 3000]);
    expect([staleAfterMs(1000), gapAfterMs(1000)]).toEqual([2500, 5500]);
  });

  it('walks a 1 Hz value from live through stale to gap as it ages, boundaries inclusive', () => {
    const at = (ageMs: number) => valueStateOf(onTime(ageMs), { periodMs: 1000, nowMs: NOW });
    expect([at(0), at(2500), at(2501), at(5500), at(5501), at(3_600_000)]).toEqual(['live', 'live', 'stale', 'stale', 'gap', 'gap']);
  });

  it('judges a 10 Hz value on its own, faster clock', () => {
    const at = (ageMs: number) => valueStateOf(onTime(ageMs), { periodMs: 100, nowMs: NOW });
    expect([at(650), at(701), at(3001)]).toEqual(['live', 'stale', 'gap']);
  });

  it('calls a value that arrived late "late" while such values keep arriving, then stale and gap by reception time', () => {
    const dumped = (receivedAgoMs: number) => ({ onboardTimeMs: NOW - 3_600_000, late: true, receivedAtMs: NOW - receivedAgoMs });
    const at = (receivedAgoMs: number) => valueStateOf(dumped(receivedAgoMs), { periodMs: 200, nowMs: NOW });
    expect([at(50), at(901), at(3001)]).toEqual(['late', 'stale', 'gap']);
  });

  it('says none for a value never received', () => {
    expect(valueStateOf(undefined, { periodMs: 100, nowMs: NOW })).toBe('none');
  });
});
