import { describe, expect, it } from 'vitest';
import { formatLatencyMs, formatRate, formatSeconds } from './ops-format';

describe('Ops > format', () => {
  it('formats rates, seconds and latencies', () => {
    expect([formatRate(null), formatRate(3.14), formatRate(250.4)]).toEqual(['—', '3.1', '250']);
    expect([formatSeconds(0), formatSeconds(9.94), formatSeconds(12.4), formatSeconds(185)]).toEqual(['0.0 s', '9.9 s', '12 s', '3 m 05 s']);
    expect([formatLatencyMs(null), formatLatencyMs(0.0042), formatLatencyMs(0.1375)]).toEqual(['—', '4.2 ms', '138 ms']);
  });
});
