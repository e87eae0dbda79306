/** What a page restricted to some roles shows everyone else (its API answers them 403). */
export function Forbidden({ what, roles }: { what: string; roles: string }) {
  return (
    <div data-testid="forbidden" className="max-w-xl rounded-lg border border-slate-800 bg-slate-900/40 p-4 text-sm">
      <h1 className="mb-1 text-lg font-semibold text-slate-100">Not for your role</h1>
      <p className="text-slate-400">
        {what} is open to {roles} only. Ask an admin if you need it.
      </p>
    </div>
  );
}
