'use client';
/**
 * The satellite's alarms needing attention, worst first: a count and worst
 * severity at a glance, then each alarm with its state, occurrences and the
 * value that raised it. Read from GET /api/alarms every two seconds (alarms
 * are raised by the stream processor and archived before they show here).
 */
import { useQuery } from '@tanstack/react-query';
import type { AlarmRecord } from '@/server/ports/telemetry-store';
import { queryKeys } from './hooks/queryKeys';
import { formatValue } from './telemetry/format';

const POLL_MS = 2000;
const SHOWN = 6;

async function fetchAlarms(satelliteId: number, signal: AbortSignal): Promise<AlarmRecord[]> {
  const response = await fetch(`/api/alarms?satellite=${satelliteId}`, { signal });
  const body = (await response.json().catch(() => null)) as { alarms?: AlarmRecord[]; error?: string } | null;
  if (!response.ok || !body?.alarms) throw new Error(body?.error ?? `alarms request failed (${response.status})`);
  return body.alarms;
}

const RANK = { critical: 2, warning: 1 } as const;

export function AlarmStrip({ satelliteId }: { satelliteId: number }) {
  const query = useQuery({
    queryKey: queryKeys.alarms(satelliteId),
    queryFn: ({ signal }) => fetchAlarms(satelliteId, signal),
    refetchInterval: POLL_MS,
  });
  const alarms = [...(query.data ?? [])].sort(
    (a, b) =>
      RANK[b.alarm.severity] - RANK[a.alarm.severity] ||
      Number(b.alarm.state !== 'acknowledged') - Number(a.alarm.state !== 'acknowledged') ||
      (b.alarm.lastOccurrenceMs ?? 0) - (a.alarm.lastOccurrenceMs ?? 0),
  );
  const worst = alarms[0]?.alarm.severity ?? 'none';
  const frame =
    worst === 'critical' ? 'border-red-700 bg-red-950/40' : worst === 'warning' ? 'border-amber-600 bg-amber-950/30' : 'border-slate-800 bg-slate-900/40';
  return (
    <section data-testid="alarm-strip" data-count={alarms.length} data-worst={worst} className={`rounded-lg border px-3 py-2 text-xs ${frame}`}>
      <div className="flex items-baseline gap-3">
        <h2 className="font-semibold uppercase tracking-wide text-slate-300">Alarms</h2>
        {query.isError ? (
          <span className="text-amber-300">alarms unavailable: {query.error.message}</span>
        ) : alarms.length === 0 ? (
          <span className="text-slate-500">{query.isPending ? 'loading…' : 'none needing attention'}</span>
        ) : (
          <span className={worst === 'critical' ? 'font-bold text-red-300' : 'font-semibold text-amber-300'}>
            {alarms.length} needing attention, worst {worst}
          </span>
        )}
      </div>
      {alarms.length > 0 && (
        <ul className="mt-1 flex flex-wrap gap-x-5 gap-y-1">
          {alarms.slice(0, SHOWN).map(({ id, alarm }) => (
            <li
              key={id}
              data-testid={`alarm-${alarm.key.subject}`}
              data-severity={alarm.severity}
              data-state={alarm.state}
              className={alarm.severity === 'critical' ? 'text-red-300' : 'text-amber-200'}
            >
              <span className="font-semibold">{alarm.severity.toUpperCase()}</span> {alarm.key.subject}
              <span className="text-slate-400">
                {' '}
                {alarm.key.ruleId === 'limit' ? 'limit' : alarm.key.ruleId} · {alarm.state} · ×{alarm.occurrences} · last {formatValue(alarm.lastValue)}
              </span>
            </li>
          ))}
          {alarms.length > SHOWN && <li className="text-slate-400">+{alarms.length - SHOWN} more</li>}
        </ul>
      )}
    </section>
  );
}
