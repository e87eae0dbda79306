/**
 * Builds the passes list for a filter: recorded passes from the archive,
 * predictions from the fleet's orbits for every satellite and station the
 * filter allows, merged (listPasses), and what each past or running pass
 * received and raised, read for all of them in one query.
 *
 * @example
 *   await reportPasses({ archive: store, fleet, layouts: mdb.layouts, filter, nowMs: Date.now() }); // PassesResponse
 */
import type { SatelliteCatalogue } from '../domain/mission/fleet';
import { predictPasses } from '../domain/orbit/pass-predictor';
import { listPasses, passGapThresholdMs } from '../domain/passes/pass-list';
import type { PassArchive, PassFilter } from '../ports/pass-archive';
import type { PassesResponse, PassRow } from './passes-response';

export interface PassReportOptions {
  readonly archive: PassArchive;
  readonly fleet: SatelliteCatalogue;
  readonly layouts: ReadonlyArray<{ readonly rateHz: number }>;
  readonly filter: PassFilter;
  readonly nowMs: number;
}

export async function reportPasses({ archive, fleet, layouts, filter, nowMs }: PassReportOptions): Promise<PassesResponse> {
  const satellites = fleet.satellites.filter((s) => filter.satelliteId === undefined || s.id === filter.satelliteId);
  const stations = fleet.groundStations.filter((s) => filter.station === undefined || s.id === filter.station);
  const predicted = satellites.flatMap((sat) => stations.flatMap((station) => predictPasses(sat, station, filter.fromMs, filter.toMs)));
  const recorded = await archive.listRecordedPasses(filter);
  const passes = listPasses({ recorded, predicted, nowMs }).filter((p) => p.losMs >= filter.fromMs && p.aosMs <= filter.toMs);
  const gapThresholdMs = passGapThresholdMs(layouts);
  const heard = passes.filter((p) => p.status !== 'upcoming');
  const telemetry = await archive.passTelemetry(
    heard.map((p) => ({ satelliteId: p.satelliteId, station: p.station, aosMs: p.aosMs, losMs: Math.min(p.losMs, nowMs) })),
    gapThresholdMs,
  );
  const byPass = new Map(heard.map((p, i) => [p, telemetry[i]!]));
  const nameOf = new Map<number | string, string>([...fleet.satellites.map((s) => [s.id, s.name] as const), ...fleet.groundStations.map((s) => [s.id, s.name] as const)]);
  const rows = passes.map(
    (p): PassRow => ({
      ...p,
      satelliteName: nameOf.get(p.satelliteId) ?? String(p.satelliteId),
      stationName: nameOf.get(p.station) ?? p.station,
      telemetry: byPass.has(p) ? { ...byPass.get(p)!, gaps: [...byPass.get(p)!.gaps] } : null,
    }),
  );
  return { fromMs: filter.fromMs, toMs: filter.toMs, gapThresholdMs, passes: rows };
}
