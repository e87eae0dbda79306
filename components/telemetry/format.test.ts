import { describe, expect, it } from 'vitest';
import { ageOf, formatAge, formatValue, freshnessOf, stateNameOf } from './format';
import { heatColorOf, limitStateOf } from './limit-state';

describe('Telemetry > format', () => {
  it('measures age against the given now and clamps clock skew to zero', () => {
    expect(ageOf(1000, 3500)).toBe(2500);
    expect(ageOf(4000, 3500)).toBe(0);
    expect(ageOf(undefined, 3500)).toBeUndefined();
  });

  it('writes ages with units', () => {
    expect([undefined, 400, 12_400, 210_000, 7_200_000, 2 * 86_400_000].map(formatAge)).toEqual(['—', '0.4 s', '12 s', '3.5 min', '2.0 h', '2.0 d']);
  });

  it('calls data stale after five seconds', () => {
    expect([freshnessOf(5000), freshnessOf(5001), freshnessOf(undefined)]).toEqual(['live', 'stale', 'none']);
  });

  it('writes values with magnitude-dependent precision that parse back as numbers', () => {
    expect([4821.7, 123.45, 29.756, -0.70711, 3, -5000, null].map(formatValue)).toEqual(['4822', '123.5', '29.76', '-0.7071', '3', '-5000', '—']);
  });

  it('names enumerated states', () => {
    expect(stateNameOf(2, { '0': 'SAFE', '2': 'NADIR' })).toBe('NADIR');
    expect(stateNameOf(7, { '0': 'SAFE' })).toBeUndefined();
  });
});

describe('Telemetry > limitStateOf', () => {
  const battery = { criticalLow: 24.5, warningLow: 26, warningHigh: 33.2, criticalHigh: 33.6 };

  it('classifies values against warning and critical limits, limits themselves inside', () => {
    expect([26, 25.9, 24.5, 24.4, 33.2, 33.3, 33.6, 33.7].map((v) => limitStateOf(v, battery))).toEqual([
      'nominal',
      'warning',
      'warning',
      'critical',
      'nominal',
      'warning',
      'warning',
      'critical',
    ]);
  });

  it('handles one-sided limits, no limits, and missing values', () => {
    expect(limitStateOf(25, { criticalLow: 20, warningLow: 30 })).toBe('warning');
    expect(limitStateOf(1e9, null)).toBe('nominal');
    expect(limitStateOf(null, battery)).toBe('unknown');
  });

  it('colours the heat map from blue at the low limit to red at the high one', () => {
    const node = { criticalLow: -30, warningLow: -20, warningHigh: 70, criticalHigh: 85 };
    expect([heatColorOf(-30, node), heatColorOf(27.5, node), heatColorOf(200, node)]).toEqual(['hsl(240 70% 45%)', 'hsl(120 70% 45%)', 'hsl(0 70% 45%)']);
  });
});
