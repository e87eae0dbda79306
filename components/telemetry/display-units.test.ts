import { describe, expect, it } from 'vitest';
import { displayUnitOf, toDisplay } from './display-units';

describe('Telemetry > display units', () => {
  it('shows temperatures in kelvin and rates and wheel speeds in rad/s in SI', () => {
    expect(displayUnitOf('°C', 'si').unit).toBe('K');
    expect(displayUnitOf('°C', 'si').convert(-30)).toBeCloseTo(243.15, 12);
    expect(displayUnitOf('deg/s', 'si').convert(180)).toBeCloseTo(Math.PI, 12);
    expect(displayUnitOf('rpm', 'si').convert(60)).toBeCloseTo(2 * Math.PI, 12);
  });

  it('leaves engineering units, and units SI keeps, as they are', () => {
    expect([displayUnitOf('°C', 'engineering').unit, displayUnitOf('°C', 'engineering').convert(21.5)]).toEqual(['°C', 21.5]);
    expect([displayUnitOf('V', 'si').unit, displayUnitOf('V', 'si').convert(28.1)]).toEqual(['V', 28.1]);
  });

  it('passes null and undefined through', () => {
    expect([toDisplay(null, '°C', 'si'), toDisplay(undefined, '°C', 'si'), toDisplay(0, '°C', 'si')]).toEqual([null, undefined, 273.15]);
  });
});
