import type { PanelParameter } from './telemetry/panel-definition';
import { formatValue } from './telemetry/format';
import { limitStateOf } from './telemetry/limit-state';
import { LIMIT_TEXT_CLASS } from './limit-style';

export interface LatestValueProps {
  readonly parameter: PanelParameter;
  readonly value: number | null | undefined;
  /** Set on the one place per panel that carries the parameter's value-<name> test id. */
  readonly isPrimary: boolean;
  readonly className?: string;
}

/**
 * A parameter's latest value as text, coloured by its limit state. The text
 * parses as a number; `data-value` carries the value at full precision.
 */
export function LatestValue({ parameter, value, isPrimary, className = '' }: LatestValueProps) {
  const limitState = limitStateOf(value, parameter.limits);
  return (
    <span
      data-testid={isPrimary ? `value-${parameter.name}` : undefined}
      data-value={value ?? undefined}
      data-limit-state={limitState}
      className={`font-mono tabular-nums ${LIMIT_TEXT_CLASS[limitState]} ${className}`}
    >
      {formatValue(value)}
    </span>
  );
}
