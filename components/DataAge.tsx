import { formatAge, freshnessOf } from './telemetry/format';
import { FRESHNESS_TEXT_CLASS } from './limit-style';

/** How old a value is (now − onboard time), coloured by freshness; `data-age-ms` carries the exact age. */
export function DataAge({ ageMs, testId, className = '' }: { ageMs: number | undefined; testId?: string; className?: string }) {
  const freshness = freshnessOf(ageMs);
  return (
    <span
      data-testid={testId}
      data-age-ms={ageMs === undefined ? undefined : Math.round(ageMs)}
      data-freshness={freshness}
      title={freshness === 'none' ? 'no data yet' : `${freshness}: onboard time ${formatAge(ageMs)} ago`}
      className={`tabular-nums ${FRESHNESS_TEXT_CLASS[freshness]} ${className}`}
    >
      {formatAge(ageMs)}
    </span>
  );
}
