/**
 * Where a value sits against its mission-database limits. A value exactly on
 * a limit is still inside it (limits name the last acceptable value), as in
 * the worker's alarm rules. Shared by the console and the fleet status board.
 *
 * @example
 *   limitStateOf(33.4, { warningHigh: 33.2, criticalHigh: 33.6 }); // 'warning'
 */
import type { Limits } from './schema';

export type LimitState = 'nominal' | 'warning' | 'critical' | 'unknown';

export function limitStateOf(value: number | null | undefined, limits: Limits | null): LimitState {
  if (value === null || value === undefined) return 'unknown';
  if (!limits) return 'nominal';
  const { criticalLow, warningLow, warningHigh, criticalHigh } = limits;
  if ((criticalLow !== undefined && value < criticalLow) || (criticalHigh !== undefined && value > criticalHigh)) return 'critical';
  if ((warningLow !== undefined && value < warningLow) || (warningHigh !== undefined && value > warningHigh)) return 'warning';
  return 'nominal';
}
