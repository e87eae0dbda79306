'use client';
/**
 * The alarms page: every alarm of the fleet in a table, filtered by
 * satellite, subsystem, severity and state (kept in the URL), worst first.
 * Read from GET /api/alarms every two seconds and at once when any console
 * changes an alarm (alarm:changed over the socket) or the server pushes a
 * newly raised or cleared alert (alarm:alerts). Selecting an alarm opens
 * its detail: what it is, what can be done about it (for roles that may) and
 * its full history from the audit log.
 */
import { useEffect, useMemo } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ALARM_STATES } from '@/server/domain/alarms/alarm';
import type { AlarmRecord } from '@/server/ports/telemetry-store';
import { SOCKET_EVENTS } from '@/server/realtime/events';
import { getJson } from '../api-client';
import { queryKeys } from '../hooks/queryKeys';
import { useSearchReplace } from '../hooks/useSearchReplace';
import { SocketProvider, useConnectionState, useSocket } from '../hooks/useSocket';
import { useLiveAlerts } from '../hooks/useLiveAlerts';
import { formatValue } from '../telemetry/format';
import { AlarmDetail } from './AlarmDetail';
import { alarmFiltersToSearch, filterAlarms, needsAcknowledgement, parseAlarmFilters, sortAlarms, subsystemOf, type AlarmFilters } from './alarm-filters';
import { formatRecentUtc } from '../format-utc';

const POLL_MS = 2000;
const KNOWN_SUBSYSTEMS = ['attitude', 'thermal', 'power'];
/** State filter presets offered by the select; the URL accepts any comma-separated list. */
const STATE_PRESETS: readonly { readonly label: string; readonly value: string }[] = [
  { label: 'needing attention + shelved', value: '' },
  ...ALARM_STATES.map((s) => ({ label: s, value: s })),
  { label: 'all states', value: ALARM_STATES.join(',') },
];

export function AlarmsView() {
  return (
    <SocketProvider>
      <AlarmsTable />
    </SocketProvider>
  );
}

function AlarmsTable() {
  const socket = useSocket();
  const connection = useConnectionState(socket);
  const queryClient = useQueryClient();
  const [search, replaceSearch] = useSearchReplace();
  const searchText = search.toString();
  const filters = useMemo(() => parseAlarmFilters(new URLSearchParams(searchText)), [searchText]);
  const selectedId = Number(search.get('alarm')) || null;
  // Re-read the archive when an alert is pushed, not only every POLL_MS.
  useLiveAlerts(null);

  const query = useQuery({
    queryKey: queryKeys.allAlarms(),
    queryFn: ({ signal }) => getJson<{ alarms: AlarmRecord[] }>(`/api/alarms?state=${ALARM_STATES.join(',')}`, signal).then((b) => b.alarms),
    refetchInterval: POLL_MS,
  });

  useEffect(() => {
    if (!socket) return;
    const onChange = (change: { alarmId: number }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.allAlarms() });
      void queryClient.invalidateQueries({ queryKey: queryKeys.alarmHistory(change.alarmId) });
    };
    socket.on(SOCKET_EVENTS.alarmChanged, onChange);
    return () => {
      socket.off(SOCKET_EVENTS.alarmChanged, onChange);
    };
  }, [socket, queryClient]);

  const all = query.data ?? [];
  const shown = sortAlarms(filterAlarms(all, filters));
  const selected = selectedId === null ? undefined : all.find((r) => r.id === selectedId);
  const satellites = [...new Set([...all.map((r) => r.alarm.key.satelliteId), ...(filters.satelliteId === null ? [] : [filters.satelliteId])])].sort((a, b) => a - b);
  const subsystems = [...new Set([...KNOWN_SUBSYSTEMS, ...all.map(subsystemOf), ...(filters.subsystem ? [filters.subsystem] : [])])].sort();

  /** Changes some filters (or the selected alarm: null closes it), keeping the rest as last asked for. */
  const navigate = (change: Partial<AlarmFilters>, alarm?: number | null) =>
    replaceSearch((next) => {
      const merged = { ...parseAlarmFilters(next), ...change };
      const selected = alarm === undefined ? next.get('alarm') : alarm === null ? null : String(alarm);
      const text = alarmFiltersToSearch(merged, selected === null ? {} : { alarm: selected });
      for (const key of [...next.keys()]) next.delete(key);
      for (const [key, value] of new URLSearchParams(text)) next.set(key, value);
    });

  const select = 'rounded border border-slate-700 bg-slate-900 px-2 py-1 text-sm text-slate-200';
  return (
    <div className="flex max-w-[110rem] flex-col gap-4 xl:flex-row">
      <div className="min-w-0 flex-1 space-y-3">
        <div className="flex flex-wrap items-baseline gap-4">
          <h1 className="text-xl font-semibold text-slate-100">Alarms</h1>
          <span data-testid="alarms-count" data-count={shown.length} className="text-sm text-slate-400">
            {query.isError ? `alarms unavailable: ${query.error.message}` : query.isPending ? 'loading…' : `${shown.length} of ${all.length} shown`}
          </span>
          <span data-testid="connection-state" data-state={connection} className="text-xs text-slate-500">
            {connection === 'connected' ? 'live' : connection}
          </span>
        </div>
        <form className="flex flex-wrap items-center gap-2" onSubmit={(e) => e.preventDefault()} aria-label="alarm filters">
          <label className="text-xs text-slate-400">
            Satellite{' '}
            <select data-testid="filter-satellite" className={select} value={filters.satelliteId ?? ''} onChange={(e) => navigate({ satelliteId: e.target.value === '' ? null : Number(e.target.value) })}>
              <option value="">all</option>
              {satellites.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
          </label>
          <label className="text-xs text-slate-400">
            Subsystem{' '}
            <select data-testid="filter-subsystem" className={select} value={filters.subsystem ?? ''} onChange={(e) => navigate({ subsystem: e.target.value || null })}>
              <option value="">all</option>
              {subsystems.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label className="text-xs text-slate-400">
            Severity{' '}
            <select
              data-testid="filter-severity"
              className={select}
              value={filters.severity ?? ''}
              onChange={(e) => navigate({ severity: e.target.value === 'warning' || e.target.value === 'critical' ? e.target.value : null })}
            >
              <option value="">all</option>
              <option value="critical">critical</option>
              <option value="warning">warning</option>
            </select>
          </label>
          <label className="text-xs text-slate-400">
            State{' '}
            <select
              data-testid="filter-state"
              className={select}
              value={filters.states?.join(',') ?? ''}
              onChange={(e) => navigate({ states: e.target.value ? parseAlarmFilters(new URLSearchParams({ state: e.target.value })).states : null })}
            >
              {STATE_PRESETS.some((p) => p.value === (filters.states?.join(',') ?? '')) ? null : <option value={filters.states!.join(',')}>{filters.states!.join(', ')}</option>}
              {STATE_PRESETS.map((p) => (
                <option key={p.value} value={p.value}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
        </form>
        <div className="overflow-x-auto rounded-lg border border-slate-800">
          <table data-testid="alarms-table" className="w-full text-left text-sm">
            <thead className="bg-slate-900/80 text-xs uppercase tracking-wide text-slate-400">
              <tr>
                <th className="px-2 py-1.5">Severity</th>
                <th className="px-2 py-1.5">Sat</th>
                <th className="px-2 py-1.5">Source</th>
                <th className="px-2 py-1.5">State</th>
                <th className="px-2 py-1.5 text-right">×</th>
                <th className="px-2 py-1.5 text-right">Last value</th>
                <th className="px-2 py-1.5">Last</th>
                <th className="px-2 py-1.5">Assigned</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((record) => (
                <AlarmRowView key={record.id} record={record} selected={record.id === selectedId} onSelect={() => navigate({}, record.id)} />
              ))}
              {shown.length === 0 && !query.isPending && (
                <tr>
                  <td colSpan={8} className="px-2 py-4 text-center text-slate-500">
                    no alarm matches these filters
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </div>
      {selectedId !== null && (
        <aside className="w-full shrink-0 xl:w-[30rem]">
          <AlarmDetail alarmId={selectedId} record={selected} onClose={() => navigate({}, null)} />
        </aside>
      )}
    </div>
  );
}

function AlarmRowView({ record, selected, onSelect }: { record: AlarmRecord; selected: boolean; onSelect: () => void }) {
  const { alarm } = record;
  const unacked = needsAcknowledgement(record);
  const tone = alarm.state === 'normal' || alarm.state === 'shelved' ? 'text-slate-400' : alarm.severity === 'critical' ? 'text-red-300' : 'text-amber-200';
  return (
    <tr
      data-testid={`alarm-row-${record.id}`}
      data-alarm-id={record.id}
      data-subject={alarm.key.subject}
      data-rule={alarm.key.ruleId}
      data-satellite={alarm.key.satelliteId}
      data-severity={alarm.severity}
      data-state={alarm.state}
      onClick={onSelect}
      className={`cursor-pointer border-t border-slate-800 ${tone} ${selected ? 'bg-sky-950/50' : 'hover:bg-slate-900/60'}`}
    >
      <td className={`px-2 py-1 font-semibold ${unacked ? 'animate-pulse' : ''}`}>{alarm.severity.toUpperCase()}</td>
      <td className="px-2 py-1 tabular-nums">{alarm.key.satelliteId}</td>
      <td className="px-2 py-1">
        <button type="button" data-testid="open-alarm" className="text-left hover:underline" onClick={onSelect}>
          {alarm.key.subject}
        </button>
        <span className="ml-1 text-xs text-slate-500">{alarm.key.ruleId}</span>
      </td>
      <td className="px-2 py-1">{alarm.state}</td>
      <td className="px-2 py-1 text-right tabular-nums">{alarm.occurrences}</td>
      <td className="px-2 py-1 text-right tabular-nums">{formatValue(alarm.lastValue)}</td>
      <td className="px-2 py-1 tabular-nums text-slate-400">{formatRecentUtc(alarm.lastOccurrenceMs)}</td>
      <td className="px-2 py-1 text-slate-300">{alarm.assignee ?? ''}</td>
    </tr>
  );
}
