import type { PanelParameter } from './telemetry/panel-definition';
import type { LatestSample } from './telemetry/channel-store';
import { formatAge, formatValue } from './telemetry/format';
import { limitStateOf } from './telemetry/limit-state';
import { valueStateOf, type ValueState } from './telemetry/value-state';
import { toDisplay } from './telemetry/display-units';
import { useUnits } from './hooks/useUnits';
import { useLineageInspector } from './hooks/useLineage';
import { LIMIT_TEXT_CLASS, VALUE_STATE_CLASS, VALUE_STATE_MARK } from './limit-style';

export interface LatestValueProps {
  readonly parameter: PanelParameter;
  readonly sample: LatestSample | undefined;
  /** Browser time of this render, epoch ms; null before the clock has started. */
  readonly nowMs: number | null;
  /** Set on the one place per panel that carries the parameter's value-<name> test id. */
  readonly isPrimary: boolean;
  readonly className?: string;
}

/** The freshness of a parameter's newest sample at `nowMs` (none before the clock starts). */
export function stateOfSample(parameter: PanelParameter, sample: LatestSample | undefined, nowMs: number | null): ValueState {
  return nowMs === null ? 'none' : valueStateOf(sample, { periodMs: parameter.periodMs, nowMs });
}

/**
 * A parameter's latest value as text (in the console's display units),
 * coloured by its limit state and marked with its freshness (live, late,
 * stale, gap). The text parses as a number; `data-value` carries the
 * engineering value at full precision, `data-state` and `data-limit-state`
 * the two states.
 */
export function LatestValue({ parameter, sample, nowMs, isPrimary, className = '' }: LatestValueProps) {
  const units = useUnits();
  const value = sample?.value;
  const limitState = limitStateOf(value, parameter.limits);
  const state = stateOfSample(parameter, sample, nowMs);
  const age = sample && nowMs !== null ? formatAge(Math.max(0, nowMs - sample.onboardTimeMs)) : undefined;
  const inspect = useLineageInspector();
  const inspectable = inspect !== null && sample !== undefined && value !== null && value !== undefined;
  return (
    <span
      data-testid={isPrimary ? `value-${parameter.name}` : undefined}
      role={inspectable ? 'button' : undefined}
      tabIndex={inspectable ? 0 : undefined}
      onClick={inspectable ? () => inspect({ parameterId: parameter.id, timeMs: sample.onboardTimeMs }) : undefined}
      data-value={value ?? undefined}
      data-limit-state={limitState}
      data-state={state}
      title={
        (age === undefined ? 'no data yet' : `${state}${limitState === 'nominal' ? '' : `, ${limitState}`}: sampled ${age} ago`) +
        (inspectable ? ' · click for the packet it came from' : '')
      }
      className={`font-mono tabular-nums ${inspectable ? 'cursor-help underline decoration-dotted underline-offset-2' : ''} ${LIMIT_TEXT_CLASS[limitState]} ${VALUE_STATE_CLASS[state]} ${className}`}
    >
      {formatValue(toDisplay(value, parameter.unit, units))}
      {VALUE_STATE_MARK[state] && (
        <sup aria-label={state} className="ml-0.5 text-[9px] font-normal not-italic">
          {VALUE_STATE_MARK[state]}
        </sup>
      )}
    </span>
  );
}
