'use client';
/**
 * The fleet at a glance: every satellite with its mode, the health of each
 * subsystem, the pass under way or the next one with a countdown to LOS/AOS,
 * and the worst alarm needing attention. Starts from the status the server
 * rendered and follows fleet:status over the socket (once a second);
 * countdowns run on the browser clock between updates.
 */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { FleetStatus, PassSummary, SubsystemHealth } from '@/server/realtime/fleet-status';
import { SOCKET_EVENTS } from '@/server/realtime/events';
import { SocketProvider, useConnectionState, useSocket } from './hooks/useSocket';
import { useLiveAlerts } from './hooks/useLiveAlerts';
import { useLiveClock } from './hooks/useLiveClock';
import { formatAge } from './telemetry/format';

export interface FleetArchiveEntry {
  readonly id: number;
  readonly name: string | null;
  readonly lastSeenMs: number | null;
}

export interface FleetOverviewProps {
  readonly initialStatus: readonly FleetStatus[];
  /** What the archive knows, incl. spacecraft the catalogue does not name. */
  readonly archive: readonly FleetArchiveEntry[];
  readonly archiveError?: string;
}

export function FleetOverview(props: FleetOverviewProps) {
  return (
    <SocketProvider>
      <FleetTable {...props} />
    </SocketProvider>
  );
}

const HEALTH_CLASS: Readonly<Record<SubsystemHealth, string>> = {
  nominal: 'bg-emerald-600/80 text-emerald-50',
  warning: 'bg-amber-400 text-slate-950',
  critical: 'bg-red-600 text-white animate-pulse',
  stale: 'bg-slate-600 text-slate-200',
  none: 'bg-slate-800 text-slate-500',
};

function FleetTable({ initialStatus, archive, archiveError }: FleetOverviewProps) {
  const socket = useSocket();
  const connection = useConnectionState(socket);
  const [status, setStatus] = useState(initialStatus);
  const clock = useLiveClock(1000);
  const router = useRouter();
  // The nav bar's alarm summary and the critical cue re-read the archive when an alert is pushed.
  useLiveAlerts(null);

  useEffect(() => {
    if (!socket) return;
    const join = () =>
      socket.emit(SOCKET_EVENTS.fleetSubscribe, (ack) => {
        if (ack.ok) setStatus(ack.status);
      });
    socket.on(SOCKET_EVENTS.fleetStatus, setStatus);
    socket.on('connect', join);
    if (socket.connected) join();
    return () => {
      socket.off(SOCKET_EVENTS.fleetStatus, setStatus);
      socket.off('connect', join);
    };
  }, [socket]);

  const lastSeen = new Map(archive.map((a) => [a.id, a.lastSeenMs]));
  const catalogued = new Set(status.map((s) => s.id));
  const uncatalogued = archive.filter((a) => !catalogued.has(a.id));
  const nowMs = clock?.nowMs ?? null;

  return (
    <div className="space-y-3">
      <div className="flex items-center gap-4">
        <h1 className="text-xl font-semibold text-slate-100">Fleet</h1>
        <span data-testid="connection-state" data-state={connection} className="text-xs text-slate-400">
          {connection === 'connected' ? 'LIVE' : connection === 'disconnected' ? 'DISCONNECTED — reconnecting' : 'connecting'}
        </span>
      </div>
      {archiveError && (
        <p data-testid="archive-error" className="rounded border border-red-900 bg-red-950/50 px-3 py-2 text-sm text-red-300">
          Archive unavailable, last-seen times are missing: {archiveError}
        </p>
      )}
      <table data-testid="fleet" className="w-full max-w-6xl text-sm">
        <thead className="text-left text-xs uppercase tracking-wide text-slate-400">
          <tr>
            <th className="py-1 pr-4">Satellite</th>
            <th className="py-1 pr-4">Mode</th>
            <th className="py-1 pr-4">Subsystems</th>
            <th className="py-1 pr-4">Pass</th>
            <th className="py-1 pr-4">Alarm</th>
            <th className="py-1">Data age</th>
          </tr>
        </thead>
        <tbody>
          {status.map((s) => {
            const newest = Math.max(...s.subsystems.map((x) => x.lastOnboardMs ?? -Infinity), lastSeen.get(s.id) ?? -Infinity);
            const age = nowMs !== null && Number.isFinite(newest) ? Math.max(0, nowMs - newest) : undefined;
            return (
              <tr
                key={s.id}
                data-testid={`satellite-${s.id}`}
                data-mode={s.mode ?? undefined}
                onClick={(e) => {
                  if (!(e.target as HTMLElement).closest('a')) router.push(`/satellites/${s.id}`);
                }}
                className="cursor-pointer border-t border-slate-800 hover:bg-slate-900"
              >
                <td className="py-1.5 pr-4">
                  <Link href={`/satellites/${s.id}`} className="font-medium text-sky-300 hover:underline">
                    {s.name}
                  </Link>
                  <span className="ml-2 font-mono text-xs text-slate-500">{s.id}</span>
                </td>
                <td className="py-1.5 pr-4 font-mono text-xs" data-testid={`mode-${s.id}`}>
                  {s.mode ?? '—'}
                </td>
                <td className="py-1.5 pr-4">
                  <div className="flex gap-1">
                    {s.subsystems.map((x) => (
                      <span
                        key={x.id}
                        data-testid={`health-${s.id}-${x.id}`}
                        data-health={x.health}
                        title={`${x.name}: ${x.health}${x.warnings + x.criticals > 0 ? ` (${x.criticals} critical, ${x.warnings} warning)` : ''}`}
                        className={`rounded px-1.5 py-0.5 text-[10px] font-semibold uppercase ${HEALTH_CLASS[x.health]}`}
                      >
                        {x.id}
                      </span>
                    ))}
                  </div>
                </td>
                <td className="py-1.5 pr-4 text-xs" data-testid={`pass-${s.id}`}>
                  <PassCell current={s.currentPass} next={s.nextPass} nowMs={nowMs} />
                </td>
                <td className="py-1.5 pr-4 text-xs" data-testid={`alarm-${s.id}`} data-severity={s.alarm?.worstSeverity ?? 'none'}>
                  {s.alarm ? (
                    <span className={s.alarm.worstSeverity === 'critical' ? 'font-bold text-red-400' : 'font-semibold text-amber-300'}>
                      {s.alarm.worstSeverity.toUpperCase()} {s.alarm.source.replace(/^limit:|^rule:/, '')}
                      <span className="ml-1 font-normal text-slate-400">
                        ({s.alarm.unacknowledged} unack / {s.alarm.needingAttention})
                      </span>
                    </span>
                  ) : (
                    <span className="text-slate-500">none</span>
                  )}
                </td>
                <td className="py-1.5 tabular-nums text-xs" data-last-seen-ms={Number.isFinite(newest) ? newest : undefined}>
                  {formatAge(age)}
                </td>
              </tr>
            );
          })}
          {uncatalogued.map((a) => (
            <tr key={a.id} data-testid={`satellite-${a.id}`} className="border-t border-slate-800 text-slate-400">
              <td className="py-1.5 pr-4">
                <Link href={`/satellites/${a.id}`} className="text-sky-300 hover:underline">
                  uncatalogued {a.id}
                </Link>
              </td>
              <td colSpan={4} className="py-1.5 pr-4 text-xs">
                not in the catalogue: no orbit, no passes
              </td>
              <td className="py-1.5 text-xs" data-last-seen-ms={a.lastSeenMs ?? undefined}>
                {a.lastSeenMs === null || nowMs === null ? '—' : formatAge(nowMs - a.lastSeenMs)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "IN PASS Svalbard · LOS in 6:12" or "Fairbanks · AOS in 1:02:05 · 47°". */
function PassCell({ current, next, nowMs }: { current: PassSummary | null; next: PassSummary | null; nowMs: number | null }) {
  if (current) {
    return (
      <span data-pass="current" className="font-semibold text-emerald-300" title={`max elevation ${current.maxElevationDeg.toFixed(0)}°`}>
        IN PASS {current.stationName} · LOS in {countdown(current.losMs, nowMs)}
      </span>
    );
  }
  if (next) {
    return (
      <span data-pass="next" className="text-slate-300">
        {next.stationName} · AOS in {countdown(next.aosMs, nowMs)} · {next.maxElevationDeg.toFixed(0)}°
      </span>
    );
  }
  return <span className="text-slate-500">no pass in 24 h</span>;
}

function countdown(atMs: number, nowMs: number | null): string {
  if (nowMs === null) return '…';
  const total = Math.max(0, Math.round((atMs - nowMs) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(h > 0 ? 2 : 1, '0');
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}
