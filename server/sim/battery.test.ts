import { describe, expect, it } from 'vitest';
import { Battery, CAPACITY_AH, cellOpenCircuitVoltageV, MAX_CHARGE_CURRENT_A } from './battery';

describe('Sim > Battery', () => {
  it('spans 24.0–32.8 V open-circuit for 8 cells from empty to full', () => {
    expect(8 * cellOpenCircuitVoltageV(0)).toBeCloseTo(24, 12);
    expect(8 * cellOpenCircuitVoltageV(50)).toBeCloseTo(29.6, 12);
    expect(8 * cellOpenCircuitVoltageV(100)).toBeCloseTo(32.8, 12);
    expect(cellOpenCircuitVoltageV(85)).toBeCloseTo(3.97, 12);
  });

  it('counts coulombs: 2 A for 30 min takes 5% out of 20 Ah', () => {
    const battery = new Battery({ socPercent: 80 });
    for (let i = 0; i < 1800; i++) battery.step(1, -2);
    expect(battery.socPercent).toBeCloseTo(80 - (1 / CAPACITY_AH) * 100, 10);
  });

  it('tapers the charge current from 6 A at 92% to nothing at 100%', () => {
    expect(new Battery({ socPercent: 50 }).maxChargeCurrentA()).toBe(MAX_CHARGE_CURRENT_A);
    expect(new Battery({ socPercent: 92 }).maxChargeCurrentA()).toBe(MAX_CHARGE_CURRENT_A);
    expect(new Battery({ socPercent: 96 }).maxChargeCurrentA()).toBeCloseTo(3, 12);
    expect(new Battery({ socPercent: 100 }).maxChargeCurrentA()).toBe(0);
  });

  it('clamps the state of charge to 0–100%', () => {
    const battery = new Battery({ socPercent: 99.9 });
    battery.step(3600, 10);
    expect(battery.socPercent).toBe(100);
    battery.step(100 * 3600, -10);
    expect(battery.socPercent).toBe(0);
  });

  it('adds I·R to the terminal voltage, with more resistance in the cold', () => {
    const battery = new Battery({ socPercent: 50 });
    expect(battery.terminalVoltageV(-2, 20)).toBeCloseTo(29.6 - 0.24, 12);
    expect(battery.terminalVoltageV(4, 20)).toBeCloseTo(29.6 + 0.48, 12);
    expect(battery.terminalVoltageV(-2, 0)).toBeCloseTo(29.6 - 2 * 0.12 * 1.4, 12);
  });

  it('rejects an impossible state of charge', () => {
    expect(() => new Battery({ socPercent: 101 })).toThrow(RangeError);
  });
});
