'use client';
import { useState, type FormEvent } from 'react';

/** Sign-in form: posts to /api/auth/login and, once signed in, loads `nextPath` (a path on this site). */
export function LoginForm({ nextPath, demoLogin }: { nextPath: string; demoLogin: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const response = await fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: form.get('username'), password: form.get('password') }),
      });
      if (response.ok) {
        // A full load, so the layout and the socket start over with the new session.
        window.location.assign(nextPath);
        return;
      }
      const body = (await response.json().catch(() => ({}))) as { error?: string };
      setError(body.error ?? `sign-in failed (HTTP ${response.status})`);
    } catch {
      setError('the console cannot be reached; check the connection and try again');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="mx-auto mt-16 flex w-80 flex-col gap-3" aria-label="Sign in">
      <h1 className="text-lg font-semibold text-slate-100">Sign in to Perigee</h1>
      <label className="flex flex-col gap-1 text-sm text-slate-400">
        Username
        <input name="username" autoComplete="username" required maxLength={64} className="rounded border border-slate-700 bg-slate-900 px-2 py-1 text-slate-100" />
      </label>
      <label className="flex flex-col gap-1 text-sm text-slate-400">
        Password
        <input name="password" type="password" autoComplete="current-password" required maxLength={1024} className="rounded border border-slate-700 bg-slate-900 px-2 py-1 text-slate-100" />
      </label>
      {error && (
        <p role="alert" data-testid="login-error" className="text-sm text-red-400">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy} className="rounded bg-sky-700 px-3 py-1 text-sm font-medium text-white hover:bg-sky-600 disabled:opacity-50">
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      {demoLogin && (
        <p className="text-xs text-amber-300">
          Demo mode: opening the <a href="/" className="underline">console</a> signs you in as the demo operator.
        </p>
      )}
    </form>
  );
}
