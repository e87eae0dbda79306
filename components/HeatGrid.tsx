'use client';
/**
 * Every parameter of a grid view as a small cell coloured by value, grouped by
 * zone; warning and critical cells are ringed, stale and gap cells fade.
 * Hovering a cell shows its value, state, limits and a trend of the last
 * minutes; clicking selects it for the plot under the grid (up to
 * MAX_SELECTED), and the selection is kept in the URL (?nodes=…) so a
 * shared or reloaded link shows the same nodes.
 */
import { displayUnitOf, toDisplay } from './telemetry/display-units';
import { useUnits } from './hooks/useUnits';
import { memo, useCallback, useMemo, useState } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import type { GridView, PanelParameter } from './telemetry/panel-definition';
import type { ChannelStore } from './telemetry/channel-store';
import type { SeriesBuffer } from './telemetry/series-buffer';
import { formatAge, formatValue } from './telemetry/format';
import { heatColorOf, limitStateOf } from './telemetry/limit-state';
import { LIMIT_RING_CLASS, VALUE_STATE_CLASS } from './limit-style';
import { LatestValue, stateOfSample } from './LatestValue';
import type { ValueState } from './telemetry/value-state';
import { TimeSeriesChart } from './TimeSeriesChart';
import { useParameterChart } from './hooks/useParameterChart';
import { useChannelSeries } from './hooks/useChannelSeries';

export interface HeatGridProps {
  readonly satelliteId: number;
  readonly subsystem: string;
  readonly view: GridView;
  readonly store: ChannelStore;
  readonly nowMs: number | null;
  readonly chartWindow: { readonly fromMs: number; readonly toMs: number } | null;
  readonly historyWindow: { readonly fromMs: number; readonly toMs: number } | null;
}

export const MAX_SELECTED = 8;
/** Trend shown on hover, ms. */
const TREND_MS = 10 * 60 * 1000;

export function HeatGrid({ satelliteId, subsystem, view, store, nowMs, chartWindow, historyWindow }: HeatGridProps) {
  const primary = new Set(view.primaryParameterIds);
  const all = useMemo(() => view.groups.flatMap((g) => g.parameters), [view]);
  const byName = useMemo(() => new Map(all.map((p) => [p.name, p])), [all]);
  const [selected, setSelected] = useSelection(byName);
  const [hoveredId, setHoveredId] = useState<number | null>(null);
  const hovered = hoveredId === null ? undefined : all.find((p) => p.id === hoveredId);

  useChannelSeries({ satelliteId, subsystem, parameterIds: selected.map((p) => p.id), window: historyWindow, store });

  const toggle = useCallback(
    (p: PanelParameter) => setSelected(selected.some((s) => s.id === p.id) ? selected.filter((s) => s.id !== p.id) : [...selected, p].slice(-MAX_SELECTED)),
    [selected, setSelected],
  );

  return (
    <div data-testid={`grid-${view.slug}`} className="space-y-1.5" onMouseLeave={() => setHoveredId(null)}>
      {view.groups.map((group) => (
        <div key={group.name} className="flex items-start gap-2">
          <div className="w-20 shrink-0 text-xs leading-4 text-slate-400">{group.name}</div>
          <div className="flex flex-wrap gap-1">
            {group.parameters.map((p) => {
              const latest = store.latest(p.id);
              return (
                <HeatCell
                  key={p.id}
                  parameter={p}
                  value={latest?.value ?? null}
                  state={stateOfSample(p, latest, nowMs)}
                  isPrimary={primary.has(p.id)}
                  isSelected={selected.some((s) => s.id === p.id)}
                  onHover={setHoveredId}
                  onToggle={toggle}
                />
              );
            })}
          </div>
        </div>
      ))}
      <HoverDetail parameter={hovered} store={store} nowMs={nowMs} />
      {selected.length > 0 && chartWindow && (
        <div data-testid={`selection-${view.slug}`} data-selected={selected.map((p) => p.name).join(',')}>
          <div className="mb-1 flex items-baseline justify-between text-xs text-slate-400">
            <span>selected: {selected.map((p) => p.label).join(', ')}</span>
            <button type="button" onClick={() => setSelected([])} className="text-sky-300 hover:underline">
              clear
            </button>
          </div>
          <SelectionChart parameters={selected} store={store} chartWindow={chartWindow} testId={`chart-${view.slug}-selection`} />
        </div>
      )}
    </div>
  );
}

interface HeatCellProps {
  readonly parameter: PanelParameter;
  readonly value: number | null;
  readonly state: ValueState;
  readonly isPrimary: boolean;
  readonly isSelected: boolean;
  readonly onHover: (id: number) => void;
  readonly onToggle: (p: PanelParameter) => void;
}

/**
 * One node. Memoised on primitive props: of 200+ cells re-rendered on every
 * console tick, only those whose value or state changed do any work.
 */
const HeatCell = memo(function HeatCell({ parameter: p, value, state, isPrimary, isSelected, onHover, onToggle }: HeatCellProps) {
  const limitState = limitStateOf(value, p.limits);
  return (
    <button
      type="button"
      data-testid={`cell-${p.name}`}
      data-limit-state={limitState}
      data-state={state}
      data-selected={isSelected || undefined}
      aria-pressed={isSelected}
      aria-label={`${p.label} ${formatValue(value)} ${p.unit}`}
      onMouseEnter={() => onHover(p.id)}
      onFocus={() => onHover(p.id)}
      onClick={() => onToggle(p)}
      style={{ backgroundColor: heatColorOf(value, p.limits) }}
      className={`h-4 w-4 rounded-sm ${LIMIT_RING_CLASS[limitState]} ${VALUE_STATE_CLASS[state]} ${isSelected ? 'outline outline-2 outline-offset-1 outline-white' : ''}`}
    >
      <span
        data-testid={isPrimary ? `value-${p.name}` : undefined}
        data-value={value ?? undefined}
        data-limit-state={limitState}
        data-state={state}
        className="sr-only"
      >
        {formatValue(value)}
      </span>
    </button>
  );
});

function HoverDetail({ parameter, store, nowMs }: { parameter: PanelParameter | undefined; store: ChannelStore; nowMs: number | null }) {
  const units = useUnits();
  if (!parameter) return <div className="h-9 text-xs text-slate-500">hover a node for its value and trend; click to plot it</div>;
  const latest = store.latest(parameter.id);
  const state = stateOfSample(parameter, latest, nowMs);
  const limits = parameter.limits;
  const age = latest && nowMs !== null ? formatAge(Math.max(0, nowMs - latest.onboardTimeMs)) : '—';
  return (
    <div data-testid="grid-hover" data-parameter={parameter.name} className="flex h-9 items-center gap-3 text-xs">
      <span className="font-semibold text-slate-200">{parameter.label}</span>
      <span className="text-slate-400">{parameter.zone}</span>
      <span>
        <LatestValue parameter={parameter} sample={latest} nowMs={nowMs} isPrimary={false} /> {displayUnitOf(parameter.unit, units).unit}
      </span>
      <span className="text-slate-400">
        {state} · {age}
      </span>
      {limits && (
        <span className="text-slate-500">
          limits {[limits.criticalLow, limits.warningLow, limits.warningHigh, limits.criticalHigh]
            .map((v) => (v === undefined ? '·' : formatValue(toDisplay(v, parameter.unit, units))))
            .join(' / ')}
        </span>
      )}
      {nowMs !== null && <Sparkline buffer={store.series(parameter.id)} fromMs={nowMs - TREND_MS} toMs={nowMs} />}
    </div>
  );
}

/** The trend as a 160×28 polyline, min and max labelled. */
function Sparkline({ buffer, fromMs, toMs }: { buffer: SeriesBuffer | undefined; fromMs: number; toMs: number }) {
  if (!buffer) return null;
  const start = buffer.lowerBound(fromMs);
  const end = buffer.upperBound(toMs);
  let low = Infinity;
  let high = -Infinity;
  for (let i = start; i < end; i++) {
    const v = buffer.valueAt(i);
    if (v === null) continue;
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  if (!Number.isFinite(low)) return <span className="text-slate-500">no trend yet</span>;
  const width = 160;
  const height = 28;
  const span = high - low || 1;
  const points: string[] = [];
  for (let i = start; i < end; i++) {
    const v = buffer.valueAt(i);
    if (v === null) continue;
    points.push(`${(((buffer.timeAt(i) - fromMs) / (toMs - fromMs)) * width).toFixed(1)},${(height - ((v - low) / span) * height).toFixed(1)}`);
  }
  return (
    <span className="flex items-center gap-1 text-[10px] text-slate-500">
      <svg data-testid="sparkline" data-points={points.length} width={width} height={height} className="rounded bg-slate-950/60">
        <polyline points={points.join(' ')} fill="none" stroke="#38bdf8" strokeWidth={1.2} />
      </svg>
      <span>
        {formatValue(low)}…{formatValue(high)}
      </span>
    </span>
  );
}

function SelectionChart({
  parameters,
  store,
  chartWindow,
  testId,
}: {
  parameters: readonly PanelParameter[];
  store: ChannelStore;
  chartWindow: { fromMs: number; toMs: number };
  testId: string;
}) {
  const gapMs = Math.max(3000, ...parameters.map((p) => 5 * p.periodMs));
  const { series, source } = useParameterChart(parameters, store, gapMs);
  return <TimeSeriesChart testId={testId} series={series} source={source} fromMs={chartWindow.fromMs} toMs={chartWindow.toMs} heightPx={140} />;
}

/** The selection, read from and written to the URL's `nodes` parameter (names, comma-separated). */
function useSelection(byName: ReadonlyMap<string, PanelParameter>): [PanelParameter[], (next: PanelParameter[]) => void] {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const key = `nodes`;
  const fromUrl = search.get(key);
  const selected = useMemo(
    () =>
      (fromUrl ?? '')
        .split(',')
        .map((name) => byName.get(name))
        .filter((p): p is PanelParameter => p !== undefined)
        .slice(0, MAX_SELECTED),
    [fromUrl, byName],
  );
  const set = useCallback(
    (next: PanelParameter[]) => {
      const params = new URLSearchParams(search.toString());
      if (next.length === 0) params.delete(key);
      else params.set(key, next.map((p) => p.name).join(','));
      const query = params.toString();
      router.replace(`${pathname}${query ? `?${query}` : ''}`, { scroll: false });
    },
    [search, router, pathname],
  );
  return [selected, set];
}
