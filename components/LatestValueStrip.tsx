import { displayUnitOf } from './telemetry/display-units';
import { useUnits } from './hooks/useUnits';
import type { PlotView } from './telemetry/panel-definition';
import type { ChannelStore } from './telemetry/channel-store';
import { ageOf } from './telemetry/format';
import { DataAge } from './DataAge';
import { LatestValue } from './LatestValue';
import { seriesColor } from './TimeSeriesChart';

export interface LatestValueStripProps {
  readonly view: PlotView;
  readonly store: ChannelStore;
  readonly nowMs: number | null;
}

/**
 * The newest value of each plotted parameter, under its chart: a chart shows
 * the trend, but an operator reads limits from numbers, and uPlot's own legend
 * only shows the value under the cursor.
 */
export function LatestValueStrip({ view, store, nowMs }: LatestValueStripProps) {
  const units = useUnits();
  return (
    <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5 text-xs">
      {view.parameters.map((p, i) => {
        const latest = store.latest(p.id);
        return (
          <li key={p.id} className="flex items-baseline gap-1" title={p.description}>
            <span className="inline-block h-2 w-2 rounded-full" style={{ backgroundColor: seriesColor(i) }} />
            <span className="text-slate-400">{p.label}</span>
            <LatestValue parameter={p} sample={latest} nowMs={nowMs} isPrimary={view.primaryParameterIds.includes(p.id)} />
            <span className="text-slate-500">{displayUnitOf(p.unit, units).unit}</span>
            <DataAge ageMs={latest && nowMs !== null ? ageOf(latest.onboardTimeMs, nowMs) : undefined} className="text-[10px]" />
          </li>
        );
      })}
    </ul>
  );
}
