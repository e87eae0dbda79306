'use client';
/**
 * One alarm: what it is and where it stands, the actions the signed-in role
 * may take (acknowledge with a required comment; shelve for 15 min, 1 h or
 * until the end of the pass under way; unshelve; assign to an operator), and
 * its full history from the audit log — who, when, what, with which comment,
 * from which address — newest first.
 */
import { useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { AlarmRecord } from '@/server/ports/telemetry-store';
import type { AlarmHistory } from '@/server/realtime/alarm-history';
import { getJson } from '../api-client';
import { queryKeys } from '../hooks/queryKeys';
import { useMe } from '../hooks/useMe';
import { formatValue } from '../telemetry/format';
import { needsAcknowledgement } from './alarm-filters';
import { formatRecentUtc } from '../format-utc';
import { useAlarmAction, type AlarmActionBody } from '../hooks/useAlarmAction';


export function AlarmDetail({ alarmId, record, onClose }: { alarmId: number; record: AlarmRecord | undefined; onClose: () => void }) {
  const queryClient = useQueryClient();
  const { may } = useMe();
  const history = useQuery({
    queryKey: queryKeys.alarmHistory(alarmId),
    queryFn: ({ signal }) => getJson<AlarmHistory>(`/api/alarms/${alarmId}/history`, signal),
  });
  const current = record ?? history.data?.alarm;
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.allAlarms() });
    void queryClient.invalidateQueries({ queryKey: queryKeys.alarmHistory(alarmId) });
  };
  return (
    <section data-testid="alarm-detail" data-alarm-id={alarmId} className="space-y-3 rounded-lg border border-slate-800 bg-slate-900/40 p-3 text-sm">
      <div className="flex items-baseline justify-between gap-2">
        <h2 className="font-semibold text-slate-100">{current ? `${current.alarm.key.subject} · satellite ${current.alarm.key.satelliteId}` : `Alarm ${alarmId}`}</h2>
        <button type="button" onClick={onClose} className="text-xs text-slate-400 hover:text-slate-200">
          close
        </button>
      </div>
      {history.isError && <p className="text-amber-300">{history.error.message}</p>}
      {current && <Facts record={current} />}
      {current && (may('alarm.acknowledge') || may('alarm.shelve') || may('alarm.assign')) && (
        // Keyed by id only: a chattering alarm changes version every few seconds, and that must not wipe a comment being typed.
        // The action is sent with the version shown when it is submitted; a state change meanwhile gets the server's 409 or 422.
        <Actions key={current.id} record={current} may={may} onDone={refresh} />
      )}
      <div>
        <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-400">History</h3>
        <ol data-testid="alarm-history" className="space-y-1.5">
          {history.data?.entries.map((e) => (
            <li key={e.id} data-testid="history-entry" data-action={e.action} data-actor={e.actor} className="rounded border border-slate-800 px-2 py-1">
              <div className="flex flex-wrap gap-x-2 text-xs">
                <span className="tabular-nums text-slate-400">{formatRecentUtc(e.atMs)}</span>
                <span className="font-semibold text-slate-200">{e.action}</span>
                {e.fromState !== e.toState && (
                  <span className="text-slate-400">
                    {e.fromState} → {e.toState}
                  </span>
                )}
                <span className="text-slate-300">
                  by {e.actor} <span className="text-slate-500">({e.actorRole})</span>
                </span>
                {e.clientAddress && <span className="text-slate-500">from {e.clientAddress}</span>}
              </div>
              {e.comment && <p className="text-slate-200">“{e.comment}”</p>}
            </li>
          ))}
          {history.data && history.data.entries.length === 0 && <li className="text-slate-500">no entries</li>}
        </ol>
      </div>
    </section>
  );
}

function Facts({ record }: { record: AlarmRecord }) {
  const { alarm } = record;
  const rows: [string, ReactNode][] = [
    ['rule', alarm.key.ruleId],
    ['state', <span data-testid="detail-state">{alarm.state}</span>],
    ['severity', `${alarm.severity} (highest ${alarm.highestSeverity})`],
    ['condition', alarm.active ? 'present' : 'cleared'],
    ['occurrences', `${alarm.occurrences}, first ${formatRecentUtc(alarm.firstOccurrenceMs)}, last ${formatRecentUtc(alarm.lastOccurrenceMs)}`],
    ['last value', formatValue(alarm.lastValue)],
  ];
  if (alarm.acknowledgedBy) rows.push(['acknowledged', `${alarm.acknowledgedBy} at ${formatRecentUtc(alarm.acknowledgedAtMs)}: “${alarm.acknowledgeComment ?? ''}”`]);
  if (alarm.shelvedUntilMs !== null) rows.push(['shelved', `by ${alarm.shelvedBy} until ${formatRecentUtc(alarm.shelvedUntilMs)}`]);
  rows.push(['assigned', alarm.assignee ?? 'nobody']);
  return (
    <dl className="grid grid-cols-[7rem_1fr] gap-x-2 gap-y-0.5 text-xs">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-500">{k}</dt>
          <dd className="text-slate-200">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Actions({ record, may, onDone }: { record: AlarmRecord; may: (action: 'alarm.acknowledge' | 'alarm.shelve' | 'alarm.assign') => boolean; onDone: () => void }) {
  const { alarm } = record;
  const [mode, setMode] = useState<'idle' | 'acknowledge' | 'shelve' | 'assign'>('idle');
  const [comment, setComment] = useState('');
  const [assignee, setAssignee] = useState(alarm.assignee ?? '');
  const operators = useQuery({
    queryKey: queryKeys.operators(),
    queryFn: ({ signal }) => getJson<{ operators: string[] }>('/api/operators', signal).then((b) => b.operators),
    enabled: mode === 'assign',
  });

  const { busy, error, run } = useAlarmAction(record, {
    onDone,
    onSuccess: () => {
      setMode('idle');
      setComment('');
    },
  });
  const button = 'rounded px-2 py-0.5 text-xs disabled:opacity-50';
  const commentBox = (placeholder: string, testId: string) => (
    <input
      data-testid={testId}
      autoFocus
      required
      maxLength={500}
      value={comment}
      onChange={(e) => setComment(e.target.value)}
      placeholder={placeholder}
      className="w-full rounded bg-slate-950 px-2 py-1 text-slate-100"
    />
  );

  return (
    <div data-testid="alarm-actions" className="space-y-2">
      {mode === 'idle' && (
        <div className="flex flex-wrap gap-1.5">
          {may('alarm.acknowledge') && needsAcknowledgement(record) && (
            <button type="button" data-testid="action-ack" onClick={() => setMode('acknowledge')} className={`${button} bg-sky-800 text-sky-50 hover:bg-sky-700`}>
              Acknowledge
            </button>
          )}
          {may('alarm.shelve') && alarm.state !== 'shelved' && alarm.state !== 'normal' && alarm.state !== 'suppressed-by-design' && (
            <button type="button" data-testid="action-shelve" onClick={() => setMode('shelve')} className={`${button} bg-slate-700 hover:bg-slate-600`}>
              Shelve…
            </button>
          )}
          {may('alarm.shelve') && alarm.state === 'shelved' && (
            <button type="button" data-testid="action-unshelve" disabled={busy} onClick={() => void run({ action: 'unshelve' })} className={`${button} bg-slate-700 hover:bg-slate-600`}>
              Unshelve
            </button>
          )}
          {may('alarm.assign') && (
            <button type="button" data-testid="action-assign" onClick={() => setMode('assign')} className={`${button} bg-slate-700 hover:bg-slate-600`}>
              Assign…
            </button>
          )}
        </div>
      )}
      {mode === 'acknowledge' && (
        <form
          className="space-y-1.5"
          onSubmit={(e) => {
            e.preventDefault();
            void run({ action: 'acknowledge', comment });
          }}
        >
          {commentBox('what you saw or did (required)', 'ack-comment')}
          <div className="flex gap-1.5">
            <button type="submit" data-testid="ack-submit" disabled={busy || comment.trim() === ''} className={`${button} bg-sky-700 text-white`}>
              Acknowledge
            </button>
            <Cancel onClick={() => setMode('idle')} />
          </div>
        </form>
      )}
      {mode === 'shelve' && (
        <form className="space-y-1.5" onSubmit={(e) => e.preventDefault()}>
          {commentBox('why it may wait (required)', 'shelve-comment')}
          <div className="flex flex-wrap gap-1.5">
            {(
              [
                ['shelve-15m', '15 min', { durationMs: 15 * 60_000 }],
                ['shelve-1h', '1 h', { durationMs: 3_600_000 }],
                ['shelve-pass', 'until end of pass', { untilEndOfPass: true }],
              ] as const
            ).map(([testId, label, until]) => (
              <button
                key={testId}
                type="button"
                data-testid={testId}
                disabled={busy || comment.trim() === ''}
                onClick={() => void run({ action: 'shelve', comment, ...until } as AlarmActionBody)}
                className={`${button} bg-slate-600 hover:bg-slate-500`}
              >
                {label}
              </button>
            ))}
            <Cancel onClick={() => setMode('idle')} />
          </div>
        </form>
      )}
      {mode === 'assign' && (
        <form
          className="flex flex-wrap items-center gap-1.5"
          onSubmit={(e) => {
            e.preventDefault();
            void run({ action: 'assign', assignee: assignee === '' ? null : assignee });
          }}
        >
          <select data-testid="assign-select" value={assignee} onChange={(e) => setAssignee(e.target.value)} className="rounded border border-slate-700 bg-slate-900 px-2 py-0.5 text-xs">
            <option value="">nobody</option>
            {(operators.data ?? (alarm.assignee ? [alarm.assignee] : [])).map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          <button type="submit" data-testid="assign-submit" disabled={busy || operators.isPending} className={`${button} bg-sky-700 text-white`}>
            Assign
          </button>
          <Cancel onClick={() => setMode('idle')} />
        </form>
      )}
      {error && (
        <p role="alert" data-testid="action-error" className="text-xs text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}

function Cancel({ onClick }: { onClick: () => void }) {
  return (
    <button type="button" onClick={onClick} className="px-1 text-xs text-slate-400 hover:text-slate-200">
      cancel
    </button>
  );
}
