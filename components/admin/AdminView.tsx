'use client';
/**
 * The admin page: accounts (list, create with an initial password of at
 * least 12 characters, change role, disable — which ends the account's
 * sessions and closes its open consoles' connections — or enable again) and
 * the stream rules' thresholds (view, edit within the rule's bounds; the
 * processor applies a change within its refresh interval). Every change is
 * audited by the server, which also refuses it for any other role.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { AccountSummary } from '@/server/auth/auth-service';
import { ROLES, type Role } from '@/server/auth/role';
import type { ThresholdView } from '@/server/realtime/threshold-view';
import { getJson, sendJson } from '../api-client';
import { formatRecentUtc } from '../format-utc';
import { queryKeys } from '../hooks/queryKeys';

const input = 'rounded border border-slate-700 bg-slate-900 px-2 py-1 text-sm text-slate-200';
const button = 'rounded px-2 py-0.5 text-xs disabled:opacity-50';

export function AdminView({ self }: { self: string }) {
  return (
    <div className="max-w-6xl space-y-6">
      <h1 className="text-xl font-semibold text-slate-100">Administration</h1>
      <Users self={self} />
      <Thresholds />
    </div>
  );
}

function Users({ self }: { self: string }) {
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: queryKeys.adminUsers(), queryFn: ({ signal }) => getJson<{ users: AccountSummary[] }>('/api/admin/users', signal).then((b) => b.users) });
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const change = async (username: string, body: { role: Role } | { disabled: boolean }) => {
    setError(null);
    setNotice(null);
    try {
      const result = await sendJson<{ socketsClosed: number; sessionsEnded?: number }>('PATCH', `/api/admin/users/${encodeURIComponent(username)}`, body);
      if ('disabled' in body && body.disabled) setNotice(`${username} disabled: ${result.sessionsEnded ?? 0} sessions ended, ${result.socketsClosed} connections closed`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      void queryClient.invalidateQueries({ queryKey: queryKeys.adminUsers() });
    }
  };
  return (
    <section className="space-y-2">
      <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-400">Users</h2>
      {users.isError && <p className="text-amber-300">{users.error.message}</p>}
      <div className="overflow-x-auto rounded-lg border border-slate-800">
        <table data-testid="users-table" className="w-full text-left text-sm">
          <thead className="bg-slate-900/80 text-xs uppercase tracking-wide text-slate-400">
            <tr>
              <th className="px-2 py-1.5">User</th>
              <th className="px-2 py-1.5">Role</th>
              <th className="px-2 py-1.5">Status</th>
              <th className="px-2 py-1.5">Created</th>
              <th className="px-2 py-1.5" />
            </tr>
          </thead>
          <tbody>
            {users.data?.map((u) => (
              <tr key={u.id} data-testid={`user-${u.username}`} data-role={u.role} data-disabled={u.disabled} className="border-t border-slate-800">
                <td className="px-2 py-1 text-slate-200">
                  {u.username} {u.demo && <span className="text-xs text-amber-300">demo</span>}
                  {u.username === self && <span className="text-xs text-slate-500"> (you)</span>}
                </td>
                <td className="px-2 py-1">
                  <select
                    data-testid="user-role"
                    aria-label={`role of ${u.username}`}
                    className={input}
                    value={u.role}
                    disabled={u.username === self}
                    onChange={(e) => void change(u.username, { role: e.target.value as Role })}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                </td>
                <td className={`px-2 py-1 ${u.disabled ? 'text-red-300' : 'text-emerald-300'}`}>{u.disabled ? 'disabled' : 'enabled'}</td>
                <td className="px-2 py-1 tabular-nums text-slate-400">{formatRecentUtc(u.createdAtMs)}</td>
                <td className="px-2 py-1 text-right">
                  {u.username !== self && (
                    <button
                      type="button"
                      data-testid="user-toggle"
                      onClick={() => void change(u.username, { disabled: !u.disabled })}
                      className={`${button} ${u.disabled ? 'bg-slate-700 hover:bg-slate-600' : 'bg-red-900 text-red-50 hover:bg-red-800'}`}
                    >
                      {u.disabled ? 'Enable' : 'Disable'}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {error && (
        <p role="alert" data-testid="users-error" className="text-xs text-red-300">
          {error}
        </p>
      )}
      {notice && (
        <p data-testid="users-notice" className="text-xs text-slate-300">
          {notice}
        </p>
      )}
      <NewUser onCreated={() => void queryClient.invalidateQueries({ queryKey: queryKeys.adminUsers() })} />
    </section>
  );
}

function NewUser({ onCreated }: { onCreated: () => void }) {
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      data-testid="new-user"
      className="flex flex-wrap items-end gap-2 rounded-lg border border-slate-800 bg-slate-900/40 p-2"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          await sendJson('POST', '/api/admin/users', { username, role, password });
          setUsername('');
          setPassword('');
          onCreated();
        } catch (err) {
          setError(err instanceof Error ? err.message : String(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <label className="text-xs text-slate-400">
        Username <input data-testid="new-username" required value={username} onChange={(e) => setUsername(e.target.value)} className={`${input} block w-40`} />
      </label>
      <label className="text-xs text-slate-400">
        Role{' '}
        <select data-testid="new-role" value={role} onChange={(e) => setRole(e.target.value as Role)} className={`${input} block`}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs text-slate-400">
        Initial password (12+ characters){' '}
        <input
          data-testid="new-password"
          type="password"
          required
          minLength={12}
          maxLength={256}
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          className={`${input} block w-56`}
        />
      </label>
      <button type="submit" data-testid="new-user-submit" disabled={busy} className={`${button} bg-sky-700 py-1 text-white`}>
        Create user
      </button>
      {error && (
        <p role="alert" data-testid="new-user-error" className="basis-full text-xs text-red-300">
          {error}
        </p>
      )}
    </form>
  );
}

function Thresholds() {
  const queryClient = useQueryClient();
  const thresholds = useQuery({
    queryKey: queryKeys.adminThresholds(),
    queryFn: ({ signal }) => getJson<{ thresholds: ThresholdView[] }>('/api/admin/thresholds', signal).then((b) => b.thresholds),
  });
  return (
    <section className="space-y-2">
      <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-400">Rule thresholds</h2>
      {thresholds.isError && <p className="text-amber-300">{thresholds.error.message}</p>}
      <ul className="space-y-2">
        {thresholds.data?.map((t) => (
          <ThresholdRow key={`${t.ruleId}:${t.value}`} threshold={t} onSaved={() => void queryClient.invalidateQueries({ queryKey: queryKeys.adminThresholds() })} />
        ))}
      </ul>
    </section>
  );
}

function ThresholdRow({ threshold: t, onSaved }: { threshold: ThresholdView; onSaved: () => void }) {
  const [text, setText] = useState(String(t.value));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <li data-testid={`threshold-${t.ruleId}`} data-value={t.value} className="rounded-lg border border-slate-800 bg-slate-900/40 p-2 text-sm">
      <div className="flex flex-wrap items-baseline gap-x-3">
        <span className="font-semibold text-slate-100">{t.ruleId}</span>
        <span className="text-xs text-slate-400">{t.description}</span>
      </div>
      <form
        className="mt-1 flex flex-wrap items-center gap-2"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            await sendJson('PUT', `/api/admin/thresholds/${t.ruleId}`, { value: Number(text) });
            onSaved();
          } catch (err) {
            setError(err instanceof Error ? err.message : String(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <span className="text-xs text-slate-400">
          alert when {t.windowMs / 1000} s value is {t.comparison}
        </span>
        <input data-testid="threshold-input" aria-label={`${t.ruleId} threshold`} inputMode="decimal" value={text} onChange={(e) => setText(e.target.value)} className={`${input} w-24 tabular-nums`} />
        <span className="text-xs text-slate-300">{t.unit}</span>
        <button type="submit" data-testid="threshold-save" disabled={busy || text === String(t.value)} className={`${button} bg-sky-700 py-1 text-white`}>
          Save
        </button>
        <span className="text-xs text-slate-500">
          default {t.defaultValue} {t.unit}, {t.minExclusive ? '>' : '≥'} {t.min} and ≤ {t.max}
          {t.updatedBy && ` · set by ${t.updatedBy} at ${formatRecentUtc(t.updatedAtMs)}`}
        </span>
      </form>
      {error && (
        <p role="alert" data-testid="threshold-error" className="text-xs text-red-300">
          {error}
        </p>
      )}
    </li>
  );
}
