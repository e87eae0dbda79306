import Link from 'next/link';
import { getRuntime } from '@/server/runtime';
import { getFleetOverview, type FleetEntry } from '@/server/realtime/fleet-overview';
import { ageOf, formatAge, freshnessOf } from '@/components/telemetry/format';
import { FRESHNESS_TEXT_CLASS } from '@/components/limit-style';

// Reads the running node's store: there is nothing to prerender at build time.
export const dynamic = 'force-dynamic';

export default async function FleetPage() {
  const { fleet, store } = getRuntime();
  let entries: FleetEntry[];
  let archiveError: string | undefined;
  try {
    entries = await getFleetOverview({ fleet, store });
  } catch (error) {
    // The catalogue is still worth showing when the archive is down; only "last seen" is missing.
    entries = fleet.satellites.map((s) => ({ id: s.id, name: s.name, firstSeenMs: null, lastSeenMs: null }));
    archiveError = error instanceof Error ? error.message : String(error);
  }
  const nowMs = Date.now();

  return (
    <div className="max-w-3xl space-y-3">
      <h1 className="text-xl font-semibold text-slate-100">Fleet</h1>
      {archiveError && (
        <p data-testid="archive-error" className="rounded border border-red-900 bg-red-950/50 px-3 py-2 text-sm text-red-300">
          Archive unavailable, last-seen times are missing: {archiveError}
        </p>
      )}
      <table data-testid="fleet" className="w-full text-sm">
        <thead className="text-left text-xs uppercase tracking-wide text-slate-400">
          <tr>
            <th className="py-1 pr-4">Satellite</th>
            <th className="py-1 pr-4">Spacecraft id</th>
            <th className="py-1 pr-4">Last seen</th>
            <th className="py-1">Age</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const age = ageOf(entry.lastSeenMs ?? undefined, nowMs);
            return (
              <tr key={entry.id} data-testid={`satellite-${entry.id}`} className="border-t border-slate-800">
                <td className="py-1.5 pr-4">
                  <Link href={`/satellites/${entry.id}`} className="font-medium text-sky-300 hover:underline">
                    {entry.name ?? `uncatalogued ${entry.id}`}
                  </Link>
                </td>
                <td className="py-1.5 pr-4 font-mono tabular-nums">{entry.id}</td>
                <td className="py-1.5 pr-4 font-mono text-xs text-slate-400" data-last-seen-ms={entry.lastSeenMs ?? undefined}>
                  {entry.lastSeenMs === null ? 'never' : new Date(entry.lastSeenMs).toISOString().replace('T', ' ').slice(0, 19) + 'Z'}
                </td>
                <td className={`py-1.5 tabular-nums ${FRESHNESS_TEXT_CLASS[freshnessOf(age)]}`}>{formatAge(age)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
