'use client';
/**
 * Where a value shown in HISTORY came from (GET /api/satellites/<id>/lineage):
 * the stored sample, the packet's position in the raw log (topic, partition,
 * offset), when and through which ground station it arrived, the definition
 * and calibration versions it was decoded with, and its bytes as received.
 */
import { useQuery } from '@tanstack/react-query';
import type { LineageResponse } from '@/server/realtime/lineage-query';
import { queryKeys } from '../hooks/queryKeys';
import { getJson } from '../api-client';
import type { LineageTarget } from '../hooks/useLineage';
import { formatConductorTime } from './ConductorBar';

export function LineagePanel({ satelliteId, target, onClose }: { satelliteId: number; target: LineageTarget; onClose: () => void }) {
  const query = useQuery({
    queryKey: queryKeys.lineage(satelliteId, target.parameterId, target.timeMs),
    queryFn: ({ signal }) => {
      const search = new URLSearchParams({ parameter: String(target.parameterId), time: String(target.timeMs) });
      return getJson<LineageResponse>(`/api/satellites/${satelliteId}/lineage?${search}`, signal);
    },
    staleTime: Infinity,
    retry: false,
  });
  const data = query.data;
  return (
    <section data-testid="lineage" className="rounded-lg border border-sky-900 bg-slate-900/80 p-3 text-xs text-slate-300">
      <header className="mb-2 flex items-baseline gap-3">
        <h2 className="font-semibold uppercase tracking-wide text-slate-200">Lineage</h2>
        <span className="text-slate-400">{data ? `${data.parameter.name} at ${formatConductorTime(data.sample.timeMs, true)}` : 'loading…'}</span>
        <button type="button" data-testid="lineage-close" onClick={onClose} className="ml-auto rounded bg-slate-800 px-2 py-0.5 hover:bg-slate-700">
          close
        </button>
      </header>
      {query.isError ? (
        <p className="text-amber-300">{query.error.message}</p>
      ) : data ? (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-0.5 font-mono">
          <dt className="text-slate-500">value</dt>
          <dd data-testid="lineage-value">
            {data.sample.value} {data.parameter.unit} (raw {data.sample.rawValue}, quality {data.sample.quality})
          </dd>
          {data.packet ? (
            <>
              <dt className="text-slate-500">from</dt>
              <dd data-testid="lineage-source">
                {data.packet.topic} partition {data.packet.partition} offset {data.packet.offset}
              </dd>
              <dt className="text-slate-500">packet</dt>
              <dd>
                APID {data.packet.apid}, sequence {data.packet.sequenceCount}
                {data.packet.playback ? ', played back from the recorder' : ''}
              </dd>
              <dt className="text-slate-500">received</dt>
              <dd>
                {formatConductorTime(data.packet.arrivalMs, true)} via {data.packet.groundStation ?? 'unknown station'}
              </dd>
              {data.packet.receivedOnboardTimeMs !== null && (
                <>
                  <dt className="text-slate-500">clock</dt>
                  <dd>repaired from {formatConductorTime(data.packet.receivedOnboardTimeMs, true)}</dd>
                </>
              )}
              <dt className="text-slate-500">decoded with</dt>
              <dd data-testid="lineage-versions">
                definition v{data.raw?.definitionVersion ?? '?'}, calibration {data.packet.calibrationVersion}
                {data.packet.mode ? `, spacecraft in ${data.packet.mode}` : ''}
              </dd>
            </>
          ) : (
            <>
              <dt className="text-slate-500">from</dt>
              <dd>no packet context stored for this sample</dd>
            </>
          )}
          {data.raw && (
            <>
              <dt className="text-slate-500">bytes</dt>
              <dd data-testid="lineage-hex" className="break-all text-slate-400">
                {data.raw.hex}
              </dd>
            </>
          )}
        </dl>
      ) : null}
    </section>
  );
}
