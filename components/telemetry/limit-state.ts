/**
 * Limit states as the console colours them; the evaluation itself lives in
 * the domain (server/domain/mission/limit-state.ts) so every view agrees.
 */
import type { Limits } from '@/server/domain/mission/schema';

export { limitStateOf, type LimitState } from '@/server/domain/mission/limit-state';

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
