import { displayUnitOf } from './telemetry/display-units';
import { useUnits } from './hooks/useUnits';
import type { ValuesView } from './telemetry/panel-definition';
import type { ChannelStore } from './telemetry/channel-store';
import { ageOf, stateNameOf } from './telemetry/format';
import { limitStateOf } from './telemetry/limit-state';
import { DataAge } from './DataAge';
import { LatestValue } from './LatestValue';

export interface ValuesTableProps {
  readonly view: ValuesView;
  readonly store: ChannelStore;
  /** Browser time of this render, epoch ms; null before the clock has started. */
  readonly nowMs: number | null;
}

/** Latest value of each parameter with unit, state name and age, coloured by limit state. */
export function ValuesTable({ view, store, nowMs }: ValuesTableProps) {
  const units = useUnits();
  return (
    <table data-testid={`values-${view.slug}`} className="w-full text-sm">
      <tbody>
        {view.parameters.map((p) => {
          const latest = store.latest(p.id);
          return (
            <tr key={p.id} data-limit-state={limitStateOf(latest?.value, p.limits)} className="border-t border-slate-800" title={p.description}>
              <td className="py-0.5 pr-2 text-slate-400">{p.label}</td>
              <td className="py-0.5 pr-1 text-right">
                <LatestValue parameter={p} sample={latest} nowMs={nowMs} isPrimary={view.primaryParameterIds.includes(p.id)} />
              </td>
              <td className="py-0.5 pr-2 text-slate-500">{displayUnitOf(p.unit, units).unit}</td>
              <td className="py-0.5 pr-2 font-mono text-xs text-sky-300">{stateNameOf(latest?.value, p.states) ?? ''}</td>
              <td className="py-0.5 text-right text-xs">
                <DataAge ageMs={latest && nowMs !== null ? ageOf(latest.onboardTimeMs, nowMs) : undefined} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
