'use client';
/**
 * Overlay mode: one parameter from the selected passes, each fetched from
 * the history route over its own AOS..LOS (react-query, cached per window)
 * and plotted on seconds since AOS, so a trend across passes shows.
 */
import { useQueries } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { fetchChannelHistory } from '../hooks/useChannelHistoryQuery';
import { queryKeys } from '../hooks/queryKeys';
import type { PassRow } from '@/server/realtime/passes-response';
import { OverlayChart } from './OverlayChart';
import { overlayAtAos } from './overlay-data';
import { formatUtc } from '../format-utc';

export interface OverlayParameter {
  readonly id: number;
  readonly name: string;
  readonly unit: string;
}

export function PassOverlay({ passes, parameters }: { passes: readonly PassRow[]; parameters: readonly OverlayParameter[] }) {
  const [parameterId, setParameterId] = useState(parameters[0]?.id ?? 0);
  const parameter = parameters.find((p) => p.id === parameterId);
  const results = useQueries({
    queries: passes.map((p) => {
      const params = { satelliteId: p.satelliteId, parameterIds: [parameterId], fromMs: p.aosMs, toMs: p.losMs };
      return { queryKey: queryKeys.channelHistory(params), queryFn: ({ signal }: { signal: AbortSignal }) => fetchChannelHistory(params, signal), staleTime: Infinity };
    }),
  });
  const loaded = results.every((r) => r.data);
  const failed = results.find((r) => r.error)?.error;
  const versions = results.map((r) => r.dataUpdatedAt).join(',');
  const data = useMemo(
    () =>
      overlayAtAos(
        passes.map((p, i) => {
          const series = results[i]?.data?.series[0];
          return { aosMs: p.aosMs, timesMs: series?.timesMs ?? [], values: series?.values ?? [], gapThresholdMs: series?.gapThresholdMs ?? Infinity };
        }),
      ),
    // results change identity every render; their data only when dataUpdatedAt does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [passes, versions],
  );
  return (
    <section data-testid="pass-overlay" className="space-y-2 rounded-lg border border-slate-800 bg-slate-900/20 p-3">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-300">Overlay at AOS</h2>
        <label className="flex items-center gap-2 text-slate-400">
          parameter
          <select
            data-testid="overlay-parameter"
            value={parameterId}
            onChange={(e) => setParameterId(Number(e.target.value))}
            className="rounded border border-slate-700 bg-slate-900 px-2 py-1 text-slate-200"
          >
            {parameters.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
                {p.unit ? ` [${p.unit}]` : ''}
              </option>
            ))}
          </select>
        </label>
        <span data-testid="overlay-status" className="text-xs text-slate-500">
          {failed ? `history unavailable: ${failed.message}` : loaded ? `${passes.length} passes` : 'loading…'}
        </span>
      </div>
      <OverlayChart
        labels={passes.map((p) => `${p.satelliteName} ${p.station} ${formatUtc(p.aosMs)}`)}
        unit={parameter?.unit ?? ''}
        data={data}
      />
    </section>
  );
}
