'use client';
/**
 * The audit page: every alarm transition and user action (sign-in and
 * sign-out, accounts created, roles changed, accounts disabled, rule
 * thresholds changed) newest first, filtered by action, actor, target kind
 * and target, paged by id. Filters and page live in the URL; the first page
 * refreshes every five seconds.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ALARM_ACTIONS } from '@/server/domain/alarms/alarm-transition';
import { ACCESS_ACTIONS } from '@/server/ports/audit-trail';
import type { AuditPage } from '@/server/realtime/alarm-history';
import { getJson } from '../api-client';
import { formatRecentUtc } from '../format-utc';
import { queryKeys } from '../hooks/queryKeys';
import { useSearchReplace } from '../hooks/useSearchReplace';

const FIRST_PAGE_REFRESH_MS = 5000;
const PAGE_SIZE = 50;
const ACTIONS = [...ALARM_ACTIONS, ...ACCESS_ACTIONS];
const FILTERS = ['action', 'actor', 'kind', 'target'] as const;

export function AuditView() {
  const [search, replaceSearch] = useSearchReplace();
  const params = new URLSearchParams();
  for (const key of [...FILTERS, 'before'] as const) {
    const value = search.get(key);
    if (value) params.set(key, value);
  }
  params.set('limit', String(PAGE_SIZE));
  const apiSearch = params.toString();
  const before = search.get('before');
  const query = useQuery({
    queryKey: queryKeys.audit(apiSearch),
    queryFn: ({ signal }) => getJson<AuditPage>(`/api/audit?${apiSearch}`, signal),
    refetchInterval: before ? false : FIRST_PAGE_REFRESH_MS,
  });

  const go = (changes: Partial<Record<(typeof FILTERS)[number] | 'before', string | null>>) =>
    replaceSearch((next) => {
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      // A new filter starts again from the newest entries.
      if (!('before' in changes)) next.delete('before');
    });

  const input = 'rounded border border-slate-700 bg-slate-900 px-2 py-1 text-sm text-slate-200';
  return (
    <div className="max-w-7xl space-y-3">
      <div className="flex flex-wrap items-baseline gap-4">
        <h1 className="text-xl font-semibold text-slate-100">Audit log</h1>
        <span className="text-sm text-slate-400">
          {query.isError ? `audit log unavailable: ${query.error.message}` : query.isPending ? 'loading…' : before ? `older than entry ${before}` : 'newest first'}
        </span>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <label className="text-xs text-slate-400">
          Action{' '}
          <select data-testid="audit-filter-action" className={input} value={search.get('action') ?? ''} onChange={(e) => go({ action: e.target.value })}>
            <option value="">all</option>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs text-slate-400">
          Kind{' '}
          <select data-testid="audit-filter-kind" className={input} value={search.get('kind') ?? ''} onChange={(e) => go({ kind: e.target.value })}>
            <option value="">all</option>
            <option value="alarm">alarms</option>
            <option value="user">users</option>
            <option value="rule">rules</option>
          </select>
        </label>
        <TextFilter label="Actor" testId="audit-filter-actor" value={search.get('actor') ?? ''} onApply={(v) => go({ actor: v })} className={input} />
        <TextFilter label="Target" testId="audit-filter-target" value={search.get('target') ?? ''} onApply={(v) => go({ target: v })} className={input} placeholder="alarm:42" />
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-800">
        <table data-testid="audit-table" className="w-full text-left text-sm">
          <thead className="bg-slate-900/80 text-xs uppercase tracking-wide text-slate-400">
            <tr>
              <th className="px-2 py-1.5">When</th>
              <th className="px-2 py-1.5">Who</th>
              <th className="px-2 py-1.5">Action</th>
              <th className="px-2 py-1.5">Target</th>
              <th className="px-2 py-1.5">Change</th>
              <th className="px-2 py-1.5">Comment</th>
              <th className="px-2 py-1.5">From</th>
            </tr>
          </thead>
          <tbody>
            {query.data?.entries.map((e) => (
              <tr key={e.id} data-testid="audit-entry" data-id={e.id} data-action={e.action} data-actor={e.actor} data-target={e.target} className="border-t border-slate-800 align-top">
                <td className="px-2 py-1 tabular-nums text-slate-400">{formatRecentUtc(e.atMs)}</td>
                <td className="px-2 py-1 text-slate-200">
                  {e.actor} <span className="text-xs text-slate-500">{e.actorRole}</span>
                </td>
                <td className="px-2 py-1 font-medium text-slate-100">{e.action}</td>
                <td className="px-2 py-1 text-slate-300">{e.target}</td>
                <td className="px-2 py-1 text-slate-300" data-testid="audit-change">
                  {describeChange(e)}
                </td>
                <td className="px-2 py-1 text-slate-200">{e.comment ?? ''}</td>
                <td className="px-2 py-1 text-slate-500">{e.clientAddress ?? ''}</td>
              </tr>
            ))}
            {query.data && query.data.entries.length === 0 && (
              <tr>
                <td colSpan={7} className="px-2 py-4 text-center text-slate-500">
                  no entry matches these filters
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <div className="flex gap-2 text-sm">
        {before && (
          <button type="button" data-testid="audit-newest" onClick={() => go({ before: null })} className="rounded border border-slate-700 px-2 py-0.5 text-slate-300 hover:text-slate-100">
            ← newest
          </button>
        )}
        {query.data?.nextBefore != null && (
          <button
            type="button"
            data-testid="audit-older"
            onClick={() => go({ before: String(query.data!.nextBefore) })}
            className="rounded border border-slate-700 px-2 py-0.5 text-slate-300 hover:text-slate-100"
          >
            older →
          </button>
        )}
      </div>
    </div>
  );
}

/** The what of an entry in a few words: a state change, a value change, a role change. */
function describeChange(e: AuditPage['entries'][number]): string {
  if (e.fromState !== null || e.toState !== null) return e.fromState === e.toState ? (e.toState ?? '') : `${e.fromState ?? '—'} → ${e.toState ?? '—'}`;
  const { from, to, role, reason } = e.details as { from?: unknown; to?: unknown; role?: unknown; reason?: unknown };
  if (from !== undefined || to !== undefined) return `${String(from)} → ${String(to)}`;
  if (role !== undefined) return `role ${String(role)}`;
  if (reason !== undefined) return String(reason);
  return '';
}

function TextFilter({ label, testId, value, onApply, className, placeholder }: { label: string; testId: string; value: string; onApply: (v: string) => void; className: string; placeholder?: string }) {
  const [text, setText] = useState(value);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onApply(text.trim());
      }}
    >
      <label className="text-xs text-slate-400">
        {label} <input data-testid={testId} value={text} onChange={(e) => setText(e.target.value)} onBlur={() => text.trim() !== value && onApply(text.trim())} placeholder={placeholder} className={`${className} w-36`} />
      </label>
    </form>
  );
}
