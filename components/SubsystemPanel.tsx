'use client';
/**
 * The console panel of any subsystem, driven entirely by its PanelDefinition
 * from the mission database: 'plot' views become time-series charts, 'values'
 * views a table of latest values, 'grid' views a heat grid. There is no
 * component per subsystem; a new subsystem is a new definition.
 *
 * The panel re-renders on the console's clock tick (250 ms) and reads the
 * live store then; frames themselves never set React state.
 */
import { useMemo } from 'react';
import type { ChannelStore } from './telemetry/channel-store';
import type { PanelDefinition, PanelView, PlotView } from './telemetry/panel-definition';
import { ageOf } from './telemetry/format';
import { largestGapMs } from './telemetry/series-gaps';
import { intervalsWhereSet } from './telemetry/intervals';
import { useChannelSeries } from './hooks/useChannelSeries';
import { TimeSeriesChart } from './TimeSeriesChart';
import { useParameterChart } from './hooks/useParameterChart';
import { ValuesTable } from './ValuesTable';
import { LatestValueStrip } from './LatestValueStrip';
import { HeatGrid } from './HeatGrid';
import { OrientationView } from './OrientationView';
import { DataAge } from './DataAge';

export interface TimeWindow {
  readonly fromMs: number;
  readonly toMs: number;
}

export interface SubsystemPanelProps {
  readonly satelliteId: number;
  readonly definition: PanelDefinition;
  readonly store: ChannelStore;
  /** Browser time of this render, epoch ms; null before the clock has started. */
  readonly nowMs: number | null;
  /** Visible chart window; null before the clock has started. */
  readonly chartWindow: TimeWindow | null;
  /** Window fetched from history when the panel opened. */
  readonly historyWindow: TimeWindow | null;
  /** Since when the panel's data should be continuous (the console opened), epoch ms; null before the clock starts. */
  readonly continuitySinceMs: number | null;
}

/** The newest moments belong to frames still in flight, ms: not a gap yet. */
const CONTINUITY_EDGE_MS = 1500;

export function SubsystemPanel({ satelliteId, definition, store, nowMs, chartWindow, historyWindow, continuitySinceMs }: SubsystemPanelProps) {
  const history = useChannelSeries({
    satelliteId,
    subsystem: definition.id,
    parameterIds: definition.historyParameterIds,
    window: historyWindow,
    store,
  });
  const lastOnboardMs = store.lastOnboardTimeMs(definition.id);
  // The longest hole in the panel's first plotted series since the console opened: what an outage left behind.
  const probe = store.series(definition.seriesParameterIds[0] ?? -1);
  const largestGap =
    probe && nowMs !== null && continuitySinceMs !== null && nowMs - CONTINUITY_EDGE_MS > continuitySinceMs
      ? Math.round(largestGapMs(probe, continuitySinceMs, nowMs - CONTINUITY_EDGE_MS))
      : undefined;

  return (
    <section
      data-testid={`panel-${definition.id}`}
      data-live-count={store.liveFrameCount(definition.id)}
      data-largest-gap-ms={largestGap}
      data-mode={store.mode()}
      className="min-w-0 rounded-lg border border-slate-800 bg-slate-900/60 p-3"
    >
      <header className="mb-2 flex items-baseline justify-between gap-2">
        <h2 className="text-base font-semibold text-slate-100">{definition.name}</h2>
        <div className="flex items-baseline gap-3 text-xs text-slate-400">
          {history.isError ? (
            <span className="text-red-400" title={history.error.message}>
              history unavailable
            </span>
          ) : history.isFetching ? (
            <span>loading history…</span>
          ) : history.data ? (
            <span title="archive tier that answered the history request">history: {history.data.tier}</span>
          ) : null}
          <span>
            data age{' '}
            <DataAge testId={`age-${definition.id}`} ageMs={nowMs !== null ? ageOf(lastOnboardMs, nowMs) : undefined} className="text-sm font-semibold" />
          </span>
        </div>
      </header>
      <div className="space-y-3">
        {definition.views.map((view) => (
          <PanelViewBlock
            key={view.slug}
            satelliteId={satelliteId}
            subsystem={definition.id}
            view={view}
            store={store}
            nowMs={nowMs}
            chartWindow={chartWindow}
            historyWindow={historyWindow}
          />
        ))}
      </div>
    </section>
  );
}

interface PanelViewBlockProps {
  readonly satelliteId: number;
  readonly subsystem: string;
  readonly view: PanelView;
  readonly store: ChannelStore;
  readonly nowMs: number | null;
  readonly chartWindow: TimeWindow | null;
  readonly historyWindow: TimeWindow | null;
}

function PanelViewBlock({ satelliteId, subsystem, view, store, nowMs, chartWindow, historyWindow }: PanelViewBlockProps) {
  return (
    <div>
      <div className="mb-1 flex items-baseline justify-between text-xs uppercase tracking-wide text-slate-400">
        <h3>{view.title}</h3>
        {view.kind === 'plot' && (
          <span className="normal-case tracking-normal">
            last sample <DataAge ageMs={nowMs !== null ? ageOf(newestOnboardMs(view, store), nowMs) : undefined} />
          </span>
        )}
      </div>
      {view.kind === 'plot' ? (
        <>
          <PlotBlock satelliteId={satelliteId} view={view} store={store} chartWindow={chartWindow} />
          <LatestValueStrip view={view} store={store} nowMs={nowMs} />
        </>
      ) : view.kind === 'values' ? (
        <ValuesTable view={view} store={store} nowMs={nowMs} />
      ) : view.kind === 'orientation' ? (
        <OrientationView view={view} store={store} chartWindow={chartWindow} />
      ) : (
        <HeatGrid
          satelliteId={satelliteId}
          subsystem={subsystem}
          view={view}
          store={store}
          nowMs={nowMs}
          chartWindow={chartWindow}
          historyWindow={historyWindow}
        />
      )}
    </div>
  );
}

function PlotBlock({ satelliteId, view, store, chartWindow }: { satelliteId: number; view: PlotView; store: ChannelStore; chartWindow: TimeWindow | null }) {
  const { series, source } = useParameterChart(view.parameters, store, view.gapMs);
  const shadeId = view.shade?.id;
  const shading = useMemo(
    () => (shadeId === undefined ? undefined : (fromMs: number, toMs: number) => {
      const buffer = store.series(shadeId);
      return buffer ? intervalsWhereSet(buffer, fromMs, toMs) : [];
    }),
    [store, shadeId],
  );
  if (!chartWindow) return <div data-testid={`chart-${view.slug}`} data-point-count="0" className="h-[180px]" />;
  return (
    <TimeSeriesChart
      testId={`chart-${view.slug}`}
      series={series}
      source={source}
      fromMs={chartWindow.fromMs}
      toMs={chartWindow.toMs}
      syncKey={`perigee-sat-${satelliteId}`}
      shading={shading}
      shadingLabel={view.shade ? `${view.shade.label} (${Object.values(view.shade.states ?? {}).join('/') || 'set'})` : undefined}
    />
  );
}

function newestOnboardMs(view: PlotView, store: ChannelStore): number | undefined {
  let newest: number | undefined;
  for (const p of view.parameters) {
    const t = store.latest(p.id)?.onboardTimeMs;
    if (t !== undefined && (newest === undefined || t > newest)) newest = t;
  }
  return newest;
}
