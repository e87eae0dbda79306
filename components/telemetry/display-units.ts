/**
 * Display units. The archive, limits and alarms stay in the mission
 * database's engineering units; the console can show temperatures in kelvin
 * and angular rates and wheel speeds in rad/s (the SI choice flight-dynamics
 * engineers compute with), converting only what is drawn and printed.
 *
 * @example
 *   displayUnitOf('°C', 'si');          // { unit: 'K', convert: (v) => v + 273.15 }
 *   displayUnitOf('deg/s', 'si').convert(180); // π
 */
export type UnitSystem = 'engineering' | 'si';
export const UNIT_SYSTEMS: readonly UnitSystem[] = ['engineering', 'si'];

export interface DisplayUnit {
  readonly unit: string;
  readonly convert: (value: number) => number;
}

const IDENTITY = (value: number) => value;
const SI: Readonly<Record<string, DisplayUnit>> = {
  '°C': { unit: 'K', convert: (v) => v + 273.15 },
  'deg/s': { unit: 'rad/s', convert: (v) => (v * Math.PI) / 180 },
  rpm: { unit: 'rad/s', convert: (v) => (v * 2 * Math.PI) / 60 },
};

export function displayUnitOf(unit: string, system: UnitSystem): DisplayUnit {
  return (system === 'si' ? SI[unit] : undefined) ?? { unit, convert: IDENTITY };
}

/** A value in display units; null and undefined pass through. */
export function toDisplay<T extends number | null | undefined>(value: T, unit: string, system: UnitSystem): T {
  return (typeof value === 'number' ? displayUnitOf(unit, system).convert(value) : value) as T;
}
