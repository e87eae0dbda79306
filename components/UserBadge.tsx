'use client';
import { useEffect, useState } from 'react';

interface Me {
  readonly user: { readonly username: string; readonly role: string };
  readonly demo: boolean;
}

/** Who is signed in, with their role, a clear mark for the demo operator, and sign-out. Empty when nobody is. */
export function UserBadge() {
  const [me, setMe] = useState<Me | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetch('/api/auth/me', { signal: controller.signal, cache: 'no-store' })
      .then((response) => (response.ok ? (response.json() as Promise<Me>) : null))
      .then(setMe, () => undefined);
    return () => controller.abort();
  }, []);
  if (!me) return null;

  async function signOut() {
    await fetch('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    window.location.assign('/login');
  }

  return (
    <div className="ml-auto flex items-center gap-3 text-sm" data-testid="user-badge" data-role={me.user.role} data-demo={me.demo}>
      {me.demo && (
        <span data-testid="demo-badge" className="rounded bg-amber-500/20 px-2 py-0.5 text-xs font-semibold uppercase tracking-wide text-amber-300">
          demo operator
        </span>
      )}
      <span className="text-slate-300">
        {me.user.username} <span className="text-slate-500">· {me.user.role}</span>
      </span>
      <button type="button" onClick={signOut} className="rounded border border-slate-700 px-2 py-0.5 text-slate-400 hover:text-slate-200">
        Sign out
      </button>
    </div>
  );
}
