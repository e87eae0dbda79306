import Link from 'next/link';

export default function NotFound() {
  return (
    <div data-testid="not-found" className="space-y-2">
      <h1 className="text-xl font-semibold text-slate-100">Not found</h1>
      <p className="text-slate-400">
        No such satellite or page. <Link href="/" className="text-sky-300 hover:underline">Back to the fleet</Link>
      </p>
    </div>
  );
}
