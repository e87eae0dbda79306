'use client';
/**
 * The unit system the console displays values in, from the console view (URL
 * `units`); components that print or plot a value read it here.
 */
import { createContext, useContext } from 'react';
import type { UnitSystem } from '../telemetry/display-units';

export const UnitsContext = createContext<UnitSystem>('engineering');

export function useUnits(): UnitSystem {
  return useContext(UnitsContext);
}
