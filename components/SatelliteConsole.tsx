'use client';
/**
 * One satellite's console: a socket subscription to all its subsystems
 * feeding one live store, one clock, and one SubsystemPanel per definition.
 */
import { useEffect, useMemo, useState, type ComponentProps } from 'react';
import type { PanelDefinition } from './telemetry/panel-definition';
import { ChannelStore } from './telemetry/channel-store';
import { SocketProvider, useConnectionState, useSocket } from './hooks/useSocket';
import { useChannelSubscription } from './hooks/useChannelSubscription';
import { useLiveClock } from './hooks/useLiveClock';
import { useReconnectBackfill, type BackfillStatus } from './hooks/useReconnectBackfill';
import { SubsystemPanel, type TimeWindow } from './SubsystemPanel';
import { AlarmStrip } from './AlarmStrip';
import { SPANS_MIN, useConsoleView } from './hooks/useConsoleView';
import { UnitsContext } from './hooks/useUnits';
import { ChartCursorContext } from './hooks/useChartCursor';
import { TimeConductorProvider, useTimeConductor } from './conductor/TimeConductor';
import { cursorAt, playbackEnded, type FixedState } from './conductor/conductor';
import { ConductorBar } from './conductor/ConductorBar';
import { useHistoryWindow } from './conductor/useHistoryWindow';
import { gapsLongerThan } from './telemetry/series-gaps';
import { alarmMarkers, alarmsActiveAt } from './conductor/alarm-replay';
import { useAlarmEvents } from './conductor/useAlarmEvents';
import { ReplayAlarmStrip } from './conductor/ReplayAlarmStrip';
import { LineagePanel } from './conductor/LineagePanel';
import { LineageContext, type LineageTarget } from './hooks/useLineage';

/** Re-render cadence of values and ages, ms: fast enough to look live, slow enough to cost nothing. */
const TICK_MS = 250;

export interface SatelliteConsoleProps {
  readonly satellite: { readonly id: number; readonly name: string };
  readonly panels: readonly PanelDefinition[];
}

export function SatelliteConsole(props: SatelliteConsoleProps) {
  return (
    <SocketProvider>
      <TimeConductorProvider>
        <ConsoleView {...props} />
      </TimeConductorProvider>
    </SocketProvider>
  );
}

const CONNECTION_CLASS = { connected: 'bg-emerald-500', connecting: 'bg-amber-400', disconnected: 'bg-red-500' } as const;

function ConsoleView({ satellite, panels }: SatelliteConsoleProps) {
  const socket = useSocket();
  const connection = useConnectionState(socket);
  const [store] = useState(
    () => new ChannelStore({ seriesParameterIds: panels.flatMap((p) => p.seriesParameterIds), trendParameterIds: panels.flatMap((p) => p.trendParameterIds) }),
  );
  const subsystems = useMemo(() => panels.map((p) => p.id), [panels]);
  const subscription = useChannelSubscription(socket, satellite.id, subsystems, store);
  const clock = useLiveClock(TICK_MS);
  const backfill = useReconnectBackfill(socket, satellite.id, panels, store);
  const view = useConsoleView(subsystems);

  // The live charts show the last `span`; history for that span is loaded once (and again when the span grows).
  const chartWindow: TimeWindow | null = clock && { fromMs: clock.nowMs - view.spanMs, toMs: clock.nowMs };
  const openedAtMs = clock?.openedAtMs;
  const historyWindow = useMemo<TimeWindow | null>(
    () => (openedAtMs === undefined ? null : { fromMs: openedAtMs - view.spanMs, toMs: openedAtMs }),
    [openedAtMs, view.spanMs],
  );
  const shown = view.focus === null ? panels : panels.filter((p) => p.id === view.focus);

  // The live subscription and store keep running in HISTORY, so going back to LIVE shows no gap.
  const conductor = useTimeConductor();
  const fixed = conductor.state.mode === 'fixed' ? conductor.state : null;
  const ended = fixed !== null && clock !== null && playbackEnded(fixed, clock.nowMs);
  useEffect(() => {
    if (ended) conductor.pause();
  }, [ended, conductor]);

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-xl font-semibold text-slate-100">
          {satellite.name} <span className="text-sm font-normal text-slate-400">spacecraft {satellite.id}</span>
        </h1>
        <span data-testid="connection-state" data-state={connection} className="flex items-center gap-1.5 text-xs text-slate-400">
          <span className={`inline-block h-2 w-2 rounded-full ${CONNECTION_CLASS[connection]}`} />
          {connection === 'connected' ? (fixed ? 'live link up' : 'LIVE') : connection === 'disconnected' ? 'DISCONNECTED — reconnecting' : 'connecting'}
        </span>
        <BackfillNote status={backfill} />
        {subscription.state === 'failed' && <span className="text-xs text-red-400">subscription refused: {subscription.error}</span>}
        <div className="ml-auto flex items-center gap-3 text-xs text-slate-400">
          <span className="flex gap-1" title="keys 1–9 focus a subsystem, 0 or Esc shows all">
            {[{ id: null, name: 'All' }, ...panels].map((p, i) => (
              <button
                key={p.id ?? 'all'}
                type="button"
                data-testid={`focus-${p.id ?? 'all'}`}
                aria-pressed={view.focus === p.id}
                onClick={() => view.setFocus(p.id)}
                className={`rounded px-2 py-0.5 ${view.focus === p.id ? 'bg-sky-800 text-sky-100' : 'bg-slate-800 hover:bg-slate-700'}`}
              >
                <kbd className="mr-1 text-slate-500">{i}</kbd>
                {p.name}
              </button>
            ))}
          </span>
          <button
            type="button"
            data-testid="units"
            data-units={view.units}
            title="key u: temperatures in °C or K, rates and wheel speeds in deg/s and rpm or rad/s"
            onClick={() => view.setUnits(view.units === 'si' ? 'engineering' : 'si')}
            className="rounded bg-slate-800 px-2 py-0.5 hover:bg-slate-700"
          >
            units: {view.units === 'si' ? 'SI (K, rad/s)' : 'engineering (°C, deg/s, rpm)'}
          </button>
          <label className="flex items-center gap-1" title="keys [ and ] shorten and lengthen the window">
            window
            <select
              data-testid="span"
              value={view.spanMs / 60_000}
              onChange={(e) => view.setSpanMin(Number(e.target.value))}
              className="rounded bg-slate-800 px-1 py-0.5 text-slate-200"
            >
              {SPANS_MIN.map((m) => (
                <option key={m} value={m}>
                  {m} min
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      <AlarmStrip satelliteId={satellite.id} />
      <UnitsContext value={view.units}>
        {fixed && clock ? (
          <FixedWindowPanels satelliteId={satellite.id} panels={panels} shown={shown} focus={view.focus} fixed={fixed} nowMs={clock.nowMs} liveSpanMs={view.spanMs} live={store} />
        ) : (
          <>
            <ConductorBar nowMs={clock?.nowMs ?? null} cursorMs={null} liveSpanMs={view.spanMs} />
            <PanelGrid
              mode="live"
              satelliteId={satellite.id}
              shown={shown}
              focus={view.focus}
              store={store}
              nowMs={clock?.nowMs ?? null}
              chartWindow={chartWindow}
              historyWindow={historyWindow}
              continuitySinceMs={openedAtMs ?? null}
            />
          </>
        )}
      </UnitsContext>
    </div>
  );
}

type PanelGridProps = Omit<ComponentProps<typeof SubsystemPanel>, 'definition'> & {
  readonly mode: 'live' | 'fixed';
  readonly shown: readonly PanelDefinition[];
  readonly focus: string | null;
};

/** The subsystem panels, live or over a fixed window: several columns, or one when a subsystem has the focus. */
function PanelGrid({ mode, shown, focus, ...panel }: PanelGridProps) {
  return (
    <div data-testid="panels" data-focus={focus ?? 'all'} data-mode={mode} className={focus === null ? 'grid gap-3 lg:grid-cols-2 2xl:grid-cols-3' : 'grid gap-3'}>
      {shown.map((definition) => (
        <SubsystemPanel key={definition.id} definition={definition} {...panel} />
      ))}
    </div>
  );
}

interface FixedWindowPanelsProps {
  readonly satelliteId: number;
  readonly panels: readonly PanelDefinition[];
  readonly shown: readonly PanelDefinition[];
  readonly focus: string | null;
  readonly fixed: FixedState;
  readonly nowMs: number;
  readonly liveSpanMs: number;
  /** The live store: what it holds of the window shows while the archive answers. */
  readonly live: ChannelStore;
}

/**
 * The console in HISTORY: the same panels, fed from the archive over the
 * fixed window and read as of the cursor; charts span the window and mark
 * the cursor.
 */
function FixedWindowPanels({ satelliteId, panels, shown, focus, fixed, nowMs, liveSpanMs, live }: FixedWindowPanelsProps) {
  const cursorMs = cursorAt(fixed, nowMs);
  const history = useHistoryWindow(satelliteId, panels, fixed, cursorMs, live);
  const chartWindow = useMemo<TimeWindow>(() => ({ fromMs: fixed.fromMs, toMs: fixed.toMs }), [fixed.fromMs, fixed.toMs]);
  // The timeline's holes: where the first plotted parameter has no data, coarser than the archive tier's buckets.
  const probeId = panels[0]?.seriesParameterIds[0];
  const probe = probeId === undefined ? undefined : history.store.series(probeId);
  const minGapMs = Math.max(3000, history.tier === '1m' ? 120_000 : history.tier === '1s' ? 2500 : 0);
  const gaps = probe && !history.loading ? gapsLongerThan(probe, fixed.fromMs, fixed.toMs, minGapMs) : [];
  const [lineage, setLineage] = useState<LineageTarget | null>(null);
  const alarmEvents = useAlarmEvents(satelliteId, fixed.fromMs, fixed.toMs);
  const events = alarmEvents.data ?? [];
  const markers = useMemo(() => alarmMarkers(alarmEvents.data ?? [], fixed.fromMs, fixed.toMs), [alarmEvents.data, fixed.fromMs, fixed.toMs]);
  const status = history.error
    ? `archive unavailable: ${history.error}`
    : history.loading
      ? 'loading the window…'
      : `${history.tier ?? ''} overview · ${history.detailReady ? 'full-rate values at the cursor' : 'loading full-rate values…'}`;
  return (
    <>
      <ConductorBar nowMs={nowMs} cursorMs={cursorMs} liveSpanMs={liveSpanMs} gaps={gaps} markers={markers} status={status} />
      <ReplayAlarmStrip active={alarmsActiveAt(events, cursorMs)} cursorMs={cursorMs} error={alarmEvents.error?.message} />
      {lineage && <LineagePanel satelliteId={satelliteId} target={lineage} onClose={() => setLineage(null)} />}
      <LineageContext value={setLineage}>
      <ChartCursorContext value={cursorMs}>
        <PanelGrid
          mode="fixed"
          satelliteId={satelliteId}
          shown={shown}
          focus={focus}
          store={history.store}
          nowMs={cursorMs}
          chartWindow={chartWindow}
          historyWindow={null}
          continuitySinceMs={null}
        />
      </ChartCursorContext>
      </LineageContext>
    </>
  );
}

/** What happened to the data of the last outage: being fetched, or how much was filled in. */
function BackfillNote({ status }: { status: BackfillStatus }) {
  const text =
    status.state === 'outage'
      ? 'connection lost: live data paused, it will be filled in from the archive'
      : status.state === 'backfilling'
        ? 'filling in missed data…'
        : status.state === 'backfilled'
          ? `filled in ${(status.missedMs / 1000).toFixed(1)} s missed (${status.samples} samples)`
          : status.state === 'failed'
            ? `could not fill in missed data: ${status.error}`
            : '';
  if (!text) return null;
  const colour = status.state === 'failed' || status.state === 'outage' ? 'text-amber-300' : 'text-slate-400';
  return (
    <span data-testid="backfill-state" data-state={status.state} className={`text-xs ${colour}`}>
      {text}
    </span>
  );
}
