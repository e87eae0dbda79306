/**
 * The fleet as the console lists it: catalogue satellites in catalogue order
 * with when the archive last saw each, then any spacecraft the archive has
 * data for that the catalogue does not name (a ground station may relay a
 * spacecraft before the catalogue is updated; hiding it would hide data).
 * Shared by the fleet page and GET /api/satellites.
 */
import type { SatelliteCatalogue } from '../domain/mission/fleet';
import type { TelemetryHistory } from '../ports/telemetry-store';

export interface FleetEntry {
  readonly id: number;
  /** Catalogue name; null for a spacecraft only the archive knows. */
  readonly name: string | null;
  readonly firstSeenMs: number | null;
  readonly lastSeenMs: number | null;
}

export async function getFleetOverview({ fleet, store }: { fleet: SatelliteCatalogue; store: TelemetryHistory }): Promise<FleetEntry[]> {
  const seen = new Map((await store.listSatellites()).map((s) => [s.satelliteId, s]));
  const entries: FleetEntry[] = fleet.satellites.map((satellite) => {
    const summary = seen.get(satellite.id);
    seen.delete(satellite.id);
    return { id: satellite.id, name: satellite.name, firstSeenMs: summary?.firstSeenMs ?? null, lastSeenMs: summary?.lastSeenMs ?? null };
  });
  const uncatalogued = [...seen.values()].sort((a, b) => a.satelliteId - b.satelliteId);
  for (const s of uncatalogued) entries.push({ id: s.satelliteId, name: null, firstSeenMs: s.firstSeenMs, lastSeenMs: s.lastSeenMs });
  return entries;
}
