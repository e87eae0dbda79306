import { getRuntime } from '@/server/runtime';
import { getFleetOverview, type FleetEntry } from '@/server/realtime/fleet-overview';
import { FleetOverview } from '@/components/FleetOverview';

// Reads the running node's store and live status: there is nothing to prerender at build time.
export const dynamic = 'force-dynamic';

export default async function FleetPage() {
  const { fleet, store, fleetStatus } = getRuntime();
  let entries: FleetEntry[];
  let archiveError: string | undefined;
  try {
    entries = await getFleetOverview({ fleet, store });
  } catch (error) {
    // The catalogue and the live status are still worth showing when the archive is down; only "last seen" is missing.
    entries = fleet.satellites.map((s) => ({ id: s.id, name: s.name, firstSeenMs: null, lastSeenMs: null }));
    archiveError = error instanceof Error ? error.message : String(error);
  }
  return (
    <FleetOverview
      initialStatus={fleetStatus()}
      archive={entries.map(({ id, name, lastSeenMs }) => ({ id, name, lastSeenMs }))}
      archiveError={archiveError}
    />
  );
}
