import Link from 'next/link';

/** What a page restricted to some roles shows everyone else, with status 403 (its API answers them 403 too). */
export function Forbidden() {
  return (
    <div data-testid="forbidden" className="max-w-xl space-y-2 rounded-lg border border-slate-800 bg-slate-900/40 p-4 text-sm">
      <h1 className="text-lg font-semibold text-slate-100">Not for your role</h1>
      <p className="text-slate-400">
        This page is open to other roles only (the audit log to operators and admins, administration to admins). Ask an admin if you need it.{' '}
        <Link href="/" className="text-sky-300 hover:underline">
          Back to the fleet
        </Link>
      </p>
    </div>
  );
}
