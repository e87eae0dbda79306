/**
 * Where a value sits against its mission-database limits. A value exactly on
 * a limit is still inside it (limits name the last acceptable value), as in
 * the worker's alarm rules.
 *
 * @example
 *   limitStateOf(33.4, { warningHigh: 33.2, criticalHigh: 33.6 }); // 'warning'
 */
import type { Limits } from '@/server/domain/mission/schema';

export type LimitState = 'nominal' | 'warning' | 'critical' | 'unknown';

export function limitStateOf(value: number | null | undefined, limits: Limits | null): LimitState {
  if (value === null || value === undefined) return 'unknown';
  if (!limits) return 'nominal';
  const { criticalLow, warningLow, warningHigh, criticalHigh } = limits;
  if ((criticalLow !== undefined && value < criticalLow) || (criticalHigh !== undefined && value > criticalHigh)) return 'critical';
  if ((warningLow !== undefined && value < warningLow) || (warningHigh !== undefined && value > warningHigh)) return 'warning';
  return 'nominal';
}

/**
 * Heat-map colour of a value: blue at the low end of the limits' span through
 * green to red at the high end, as an HSL hue. Without two limits to span the
 * value is shown neutral grey.
 */
export function heatColorOf(value: number | null | undefined, limits: Limits | null): string {
  if (value === null || value === undefined) return 'hsl(220 10% 30%)';
  const low = limits?.criticalLow ?? limits?.warningLow;
  const high = limits?.criticalHigh ?? limits?.warningHigh;
  if (low === undefined || high === undefined || high <= low) return 'hsl(220 10% 50%)';
  const position = Math.min(1, Math.max(0, (value - low) / (high - low)));
  return `hsl(${Math.round(240 * (1 - position))} 70% 45%)`;
}
