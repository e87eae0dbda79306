import type { GridView } from './telemetry/panel-definition';
import type { ChannelStore } from './telemetry/channel-store';
import { ageOf, formatAge, formatValue } from './telemetry/format';
import { heatColorOf, limitStateOf } from './telemetry/limit-state';
import { LIMIT_RING_CLASS } from './limit-style';
import { LatestValue } from './LatestValue';

export interface HeatGridProps {
  readonly view: GridView;
  readonly store: ChannelStore;
  readonly nowMs: number | null;
}

/**
 * Every parameter of a grid view as a small cell coloured by value, grouped by
 * zone; warning and critical cells are ringed. The value is in the tooltip
 * and, for screen readers and tests, in a visually hidden span.
 */
export function HeatGrid({ view, store, nowMs }: HeatGridProps) {
  const primary = new Set(view.primaryParameterIds);
  return (
    <div data-testid={`grid-${view.slug}`} className="space-y-1.5">
      {view.groups.map((group) => (
        <div key={group.name} className="flex items-start gap-2">
          <div className="w-20 shrink-0 text-xs leading-4 text-slate-400">{group.name}</div>
          <div className="flex flex-wrap gap-1">
            {group.parameters.map((p) => {
              const latest = store.latest(p.id);
              const value = latest?.value;
              const limitState = limitStateOf(value, p.limits);
              const age = latest && nowMs !== null ? ageOf(latest.onboardTimeMs, nowMs) : undefined;
              return (
                <div
                  key={p.id}
                  data-limit-state={limitState}
                  title={`${p.label} (${group.name}): ${formatValue(value)} ${p.unit}, ${formatAge(age)} old`}
                  style={{ backgroundColor: heatColorOf(value, p.limits) }}
                  className={`h-4 w-4 rounded-sm ${LIMIT_RING_CLASS[limitState]}`}
                >
                  <LatestValue parameter={p} sample={latest} nowMs={nowMs} isPrimary={primary.has(p.id)} className="sr-only" />
                </div>
              );
            })}
          </div>
        </div>
      ))}
    </div>
  );
}
