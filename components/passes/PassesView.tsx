'use client';
/**
 * The passes page: past, running and upcoming passes of the fleet, filtered
 * by satellite, station and window, each with what was received and raised
 * during it. Opening a pass goes to the satellite console fixed on its AOS..LOS;
 * ticking two or more passes overlays a parameter of them aligned at AOS.
 */
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { PASS_WINDOWS, usePassesQuery, type PassWindow } from '../hooks/usePassesQuery';
import type { PassRow } from '@/server/realtime/passes-response';
import { PassOverlay, type OverlayParameter } from './PassOverlay';
import { formatUtc } from '../format-utc';
import { formatBytes, formatDuration, passConsoleHref } from './pass-format';

export interface PassesViewProps {
  readonly satellites: ReadonlyArray<{ readonly id: number; readonly name: string }>;
  readonly stations: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  readonly parameters: readonly OverlayParameter[];
}

const STATUS_STYLE: Record<PassRow['status'], string> = {
  past: 'text-slate-400',
  'in-progress': 'text-emerald-300',
  upcoming: 'text-sky-300',
};
const SEVERITY_STYLE = { warning: 'text-amber-300', critical: 'text-red-400' } as const;
const select = 'rounded border border-slate-700 bg-slate-900 px-2 py-1 text-slate-200';

export function PassesView({ satellites, stations, parameters }: PassesViewProps) {
  const [satelliteId, setSatelliteId] = useState<number | undefined>();
  const [station, setStation] = useState<string | undefined>();
  const [window, setWindow] = useState<PassWindow>('around');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const query = usePassesQuery({ satelliteId, station, window });
  const passes = useMemo(() => query.data?.passes ?? [], [query.data]);
  const overlaid = useMemo(() => passes.filter((p) => selected.has(p.passId)), [passes, selected]);
  const toggle = (passId: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(passId)) next.add(passId);
      return next;
    });

  return (
    <div className="max-w-7xl space-y-4">
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-xl font-semibold text-slate-100">Passes</h1>
        <select data-testid="passes-satellite" aria-label="satellite" className={select} value={satelliteId ?? ''} onChange={(e) => setSatelliteId(e.target.value ? Number(e.target.value) : undefined)}>
          <option value="">all satellites</option>
          {satellites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({s.id})
            </option>
          ))}
        </select>
        <select data-testid="passes-station" aria-label="ground station" className={select} value={station ?? ''} onChange={(e) => setStation(e.target.value || undefined)}>
          <option value="">all stations</option>
          {stations.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <select data-testid="passes-window" aria-label="window" className={select} value={window} onChange={(e) => setWindow(e.target.value as PassWindow)}>
          {Object.entries(PASS_WINDOWS).map(([key, w]) => (
            <option key={key} value={key}>
              {w.label}
            </option>
          ))}
        </select>
        <span data-testid="passes-status" className="text-xs text-slate-400">
          {query.isError ? `passes unavailable: ${query.error.message}` : query.data ? `${passes.length} passes · gaps are silences over ${query.data.gapThresholdMs} ms` : 'loading…'}
        </span>
      </div>
      {overlaid.length >= 2 ? (
        <PassOverlay passes={overlaid} parameters={parameters} />
      ) : (
        <p className="text-xs text-slate-500">Tick two or more heard passes to overlay a parameter aligned at AOS.</p>
      )}
      <table data-testid="passes-table" className="w-full text-left text-sm">
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr className="border-b border-slate-800">
            <th className="py-1 pr-2" />
            <th className="pr-3">satellite</th>
            <th className="pr-3">station</th>
            <th className="pr-3">AOS (UTC)</th>
            <th className="pr-3">LOS (UTC)</th>
            <th className="pr-3">duration</th>
            <th className="pr-3">max el.</th>
            <th className="pr-3">status</th>
            <th className="pr-3">received</th>
            <th className="pr-3">gaps</th>
            <th className="pr-3">alarms</th>
          </tr>
        </thead>
        <tbody>
          {passes.map((p) => (
            <tr key={p.passId} data-testid="pass-row" data-pass-id={p.passId} data-status={p.status} className="border-b border-slate-900 hover:bg-slate-900/60">
              <td className="py-1 pr-2">
                {p.status !== 'upcoming' && (
                  <input type="checkbox" data-testid="pass-select" aria-label={`overlay ${p.passId}`} checked={selected.has(p.passId)} onChange={() => toggle(p.passId)} />
                )}
              </td>
              <td className="pr-3">
                <Link data-testid="pass-open" href={passConsoleHref(p)} className="text-sky-300 hover:underline">
                  {p.satelliteName}
                </Link>
              </td>
              <td className="pr-3">{p.stationName}</td>
              <td className="pr-3 tabular-nums">{formatUtc(p.aosMs)}</td>
              <td className="pr-3 tabular-nums">{formatUtc(p.losMs)}</td>
              <td className="pr-3 tabular-nums">{formatDuration(p.durationMs)}</td>
              <td className="pr-3 tabular-nums">{p.maxElevationDeg === null ? '—' : `${p.maxElevationDeg.toFixed(1)}°`}</td>
              <td className={`pr-3 ${STATUS_STYLE[p.status]}`} title={p.source === 'predicted' ? 'from the orbit prediction' : 'reported by the station'}>
                {p.status}
                {p.source === 'predicted' ? ' (predicted)' : ''}
              </td>
              <td data-testid="pass-received" data-packets={p.telemetry?.packets} className="pr-3 tabular-nums">
                {p.telemetry ? `${p.telemetry.packets.toLocaleString('en')} pkts · ${formatBytes(p.telemetry.bytes)}` : '—'}
              </td>
              <td
                className="pr-3 tabular-nums"
                title={p.telemetry?.gaps.map((g) => `${formatUtc(g.fromMs)} → ${formatUtc(g.toMs)} (${((g.toMs - g.fromMs) / 1000).toFixed(1)} s)`).join('\n')}
              >
                {p.telemetry ? (p.telemetry.gaps.length === 0 ? 'none' : `${p.telemetry.gaps.length} · ${(p.telemetry.gaps.reduce((s, g) => s + g.toMs - g.fromMs, 0) / 1000).toFixed(1)} s`) : '—'}
              </td>
              <td className={`pr-3 ${p.telemetry?.worstSeverity ? SEVERITY_STYLE[p.telemetry.worstSeverity] : 'text-slate-500'}`}>
                {p.telemetry ? (p.telemetry.alarmsRaised === 0 ? 'none' : `${p.telemetry.alarmsRaised} · ${p.telemetry.worstSeverity}`) : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
