'use client';
/**
 * The satellite's alarms needing attention, worst first: a count and worst
 * severity at a glance, then each alarm with its state, occurrences and the
 * value that raised it, and what an operator can do about it: acknowledge
 * (with a required comment), shelve for 15 min or 1 h, unshelve, take it on.
 * Read from GET /api/alarms every two seconds and at once when any console
 * changes an alarm (alarm:changed over the socket), so an acknowledgement on
 * one console shows on every other within a second.
 *
 * An alarm the stream raises that the list does not hold yet is shown the
 * moment the server pushes its alert (alarm:alerts), above the others and
 * marked as not yet recorded, until the archive has it and its row (with the
 * actions an operator needs its id for) takes its place. No recorded row is
 * dropped to make room for it, so an acknowledgement an operator has open
 * stays open.
 */
import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { AlarmRecord } from '@/server/ports/telemetry-store';
import { SOCKET_EVENTS } from '@/server/realtime/events';
import { queryKeys } from './hooks/queryKeys';
import { useSocket } from './hooks/useSocket';
import { formatValue } from './telemetry/format';
import { useAlarmAction } from './hooks/useAlarmAction';
import { useLiveAlerts } from './hooks/useLiveAlerts';
import { unrecordedAlarms, type UnrecordedAlarm } from './alarms/live-alerts';
import { getJson } from './api-client';

const POLL_MS = 2000;
const SHOWN = 6;
const VISIBLE_STATES = 'unacknowledged,acknowledged,returned-to-normal-unacknowledged,shelved';

async function fetchAlarms(satelliteId: number, signal: AbortSignal): Promise<AlarmRecord[]> {
  return (await getJson<{ alarms: AlarmRecord[] }>(`/api/alarms?satellite=${satelliteId}&state=${VISIBLE_STATES}`, signal)).alarms;
}


const RANK = { critical: 2, warning: 1 } as const;

export function AlarmStrip({ satelliteId }: { satelliteId: number }) {
  const socket = useSocket();
  const queryClient = useQueryClient();
  const key = queryKeys.alarms(satelliteId);
  const query = useQuery({ queryKey: key, queryFn: ({ signal }) => fetchAlarms(satelliteId, signal), refetchInterval: POLL_MS });
  const unrecorded = unrecordedAlarms(query.data, useLiveAlerts(satelliteId, query.data));

  useEffect(() => {
    if (!socket) return;
    const onChange = (change: { satelliteId: number }) => {
      if (change.satelliteId === satelliteId) void queryClient.invalidateQueries({ queryKey: queryKeys.alarms(satelliteId) });
    };
    socket.on(SOCKET_EVENTS.alarmChanged, onChange);
    return () => {
      socket.off(SOCKET_EVENTS.alarmChanged, onChange);
    };
  }, [socket, queryClient, satelliteId]);

  const alarms = [...(query.data ?? [])].sort(
    (a, b) =>
      Number(a.alarm.state === 'shelved') - Number(b.alarm.state === 'shelved') ||
      RANK[b.alarm.severity] - RANK[a.alarm.severity] ||
      Number(b.alarm.state !== 'acknowledged') - Number(a.alarm.state !== 'acknowledged') ||
      (b.alarm.lastOccurrenceMs ?? 0) - (a.alarm.lastOccurrenceMs ?? 0),
  );
  const recorded = alarms.filter((a) => a.alarm.state !== 'shelved');
  const count = recorded.length + unrecorded.length;
  // Up to SHOWN of each: a recorded row is never dropped to make room for a pushed one.
  const hidden = Math.max(0, alarms.length - SHOWN) + Math.max(0, unrecorded.length - SHOWN);
  const severities = [...unrecorded.map((a) => a.raised.severity), ...recorded.map((a) => a.alarm.severity)];
  const worst = severities.includes('critical') ? 'critical' : severities.includes('warning') ? 'warning' : 'none';
  const frame =
    worst === 'critical' ? 'border-red-700 bg-red-950/40' : worst === 'warning' ? 'border-amber-600 bg-amber-950/30' : 'border-slate-800 bg-slate-900/40';
  return (
    <section data-testid="alarm-strip" data-count={count} data-worst={worst} className={`rounded-lg border px-3 py-2 text-xs ${frame}`}>
      <div className="flex items-baseline gap-3">
        <h2 className="font-semibold uppercase tracking-wide text-slate-300">Alarms</h2>
        {query.isError ? (
          <span className="text-amber-300">alarms unavailable: {query.error.message}</span>
        ) : count === 0 ? (
          <span className="text-slate-500">{query.isPending ? 'loading…' : 'none needing attention'}</span>
        ) : (
          <span className={worst === 'critical' ? 'font-bold text-red-300' : 'font-semibold text-amber-300'}>
            {count} needing attention, worst {worst}
          </span>
        )}
        {alarms.length > recorded.length && <span className="text-slate-500">{alarms.length - recorded.length} shelved</span>}
      </div>
      {alarms.length + unrecorded.length > 0 && (
        <ul className="mt-1 space-y-1">
          {unrecorded.slice(0, SHOWN).map((alarm) => (
            <UnrecordedAlarmRow key={alarm.raised.id} alarm={alarm} />
          ))}
          {alarms.slice(0, SHOWN).map((record) => (
            <AlarmRow key={record.id} record={record} onDone={() => void queryClient.invalidateQueries({ queryKey: key })} />
          ))}
          {hidden > 0 && <li className="text-slate-400">+{hidden} more</li>}
        </ul>
      )}
    </section>
  );
}

/** An alarm raised just now that the archive has not recorded yet: no actions until it has (they need its id). */
function UnrecordedAlarmRow({ alarm: { raised, active } }: { alarm: UnrecordedAlarm }) {
  return (
    <li
      data-testid={`alarm-live-${raised.subject}`}
      data-rule={raised.ruleId}
      data-severity={raised.severity}
      data-state="unrecorded"
      data-active={active}
      className={`flex flex-wrap items-center gap-x-2 ${raised.severity === 'critical' ? 'text-red-300' : 'text-amber-200'}`}
    >
      <span className="animate-pulse font-bold">{raised.severity.toUpperCase()}</span>
      <span>{raised.subject}</span>
      <span className="text-slate-400">
        {raised.ruleId} · raised {new Date(raised.windowEndMs).toISOString().slice(11, 19)}Z · value {formatValue(raised.value)} (threshold {formatValue(raised.threshold)})
        {!active && ' · back to normal'}
      </span>
      <span className="text-slate-500" title="Acknowledge and shelve once the archive has recorded it">
        recording…
      </span>
    </li>
  );
}

function AlarmRow({ record, onDone }: { record: AlarmRecord; onDone: () => void }) {
  const { alarm } = record;
  const [mode, setMode] = useState<'idle' | 'acknowledge' | 'shelve'>('idle');
  const [comment, setComment] = useState('');
  const { busy, error, run } = useAlarmAction(record, {
    onDone,
    onSuccess: () => {
      setMode('idle');
      setComment('');
    },
  });
  const colour = alarm.state === 'shelved' ? 'text-slate-400' : alarm.severity === 'critical' ? 'text-red-300' : 'text-amber-200';
  const needsAck = alarm.state === 'unacknowledged' || alarm.state === 'returned-to-normal-unacknowledged';
  return (
    <li
      data-testid={`alarm-${alarm.key.subject}`}
      data-alarm-id={record.id}
      data-rule={alarm.key.ruleId}
      data-severity={alarm.severity}
      data-state={alarm.state}
      className={`flex flex-wrap items-center gap-x-2 gap-y-1 ${colour}`}
    >
      <span className={needsAck ? 'animate-pulse font-bold' : 'font-semibold'}>{alarm.severity.toUpperCase()}</span>
      <span>{alarm.key.subject}</span>
      <span className="text-slate-400">
        {alarm.key.ruleId === 'limit' ? 'limit' : alarm.key.ruleId} · {alarm.state} · ×{alarm.occurrences} · last {formatValue(alarm.lastValue)}
        {alarm.acknowledgedBy && ` · ack ${alarm.acknowledgedBy}: “${alarm.acknowledgeComment}”`}
        {alarm.assignee && ` · on it: ${alarm.assignee}`}
        {alarm.shelvedUntilMs !== null && ` · shelved until ${new Date(alarm.shelvedUntilMs).toISOString().slice(11, 19)}Z`}
      </span>
      {mode === 'idle' ? (
        <span className="flex gap-1">
          {needsAck && (
            <button type="button" data-testid="ack" disabled={busy} onClick={() => setMode('acknowledge')} className="rounded bg-sky-800 px-1.5 text-sky-50 hover:bg-sky-700">
              Ack
            </button>
          )}
          {alarm.state === 'shelved' ? (
            <button type="button" data-testid="unshelve" disabled={busy} onClick={() => void run({ action: 'unshelve' })} className="rounded bg-slate-700 px-1.5 hover:bg-slate-600">
              Unshelve
            </button>
          ) : (
            <button type="button" data-testid="shelve" disabled={busy} onClick={() => setMode('shelve')} className="rounded bg-slate-700 px-1.5 hover:bg-slate-600">
              Shelve
            </button>
          )}
        </span>
      ) : (
        <form
          className="flex items-center gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            void run(mode === 'acknowledge' ? { action: 'acknowledge', comment } : { action: 'shelve', comment, durationMs: 15 * 60_000 });
          }}
        >
          <input
            data-testid="alarm-comment"
            autoFocus
            required
            maxLength={500}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            placeholder={mode === 'acknowledge' ? 'what you saw or did (required)' : 'why it may wait (required)'}
            className="w-64 rounded bg-slate-950 px-1.5 py-0.5 text-slate-100"
          />
          {mode === 'acknowledge' ? (
            <button type="submit" data-testid="ack-submit" disabled={busy} className="rounded bg-sky-700 px-1.5 text-white">
              Acknowledge
            </button>
          ) : (
            <>
              <button type="submit" data-testid="shelve-15m" disabled={busy} className="rounded bg-slate-600 px-1.5">
                15 min
              </button>
              <button
                type="button"
                disabled={busy}
                onClick={() => void run({ action: 'shelve', comment, durationMs: 3_600_000 })}
                className="rounded bg-slate-600 px-1.5"
              >
                1 h
              </button>
            </>
          )}
          <button type="button" onClick={() => setMode('idle')} className="px-1 text-slate-400">
            cancel
          </button>
        </form>
      )}
      {error && (
        <span role="alert" data-testid="alarm-error" className="text-red-300">
          {error}
        </span>
      )}
    </li>
  );
}
