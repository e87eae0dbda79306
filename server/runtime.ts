/**
 * Hands the process's long-lived services to Next.js route handlers and
 * server components. Next bundles app/ separately from the custom server, so
 * module-level singletons would be duplicated; a well-known global symbol is
 * the one object both module graphs share. Set once by the web entry point.
 */
import type { MissionDatabase } from './domain/mission/mission-database';
import type { TelemetryHistory } from './ports/telemetry-store';
import type { SatelliteCatalogue } from './domain/mission/fleet';
import type { FleetStatus } from './realtime/fleet-status';
import type { OpsView } from './observability/ops-monitor';

export interface PerigeeRuntime {
  readonly store: TelemetryHistory;
  readonly mdb: MissionDatabase;
  readonly fleet: SatelliteCatalogue;
  /** Every satellite's live status (mode, subsystem health, passes, alarms) as the fleet overview shows it. */
  readonly fleetStatus: () => readonly FleetStatus[];
  /** This process's lag, throughput, latency and quarantine counts with the lag history; null where no metrics are kept. */
  readonly ops: () => Promise<OpsView | null>;
}

const RUNTIME_KEY = Symbol.for('perigee.runtime');
type Holder = { [RUNTIME_KEY]?: PerigeeRuntime };

export function setRuntime(runtime: PerigeeRuntime): void {
  (globalThis as Holder)[RUNTIME_KEY] = runtime;
}

/** The services of the running web node; throws when the console runs outside `perigee web`/`start`. */
export function getRuntime(): PerigeeRuntime {
  const runtime = (globalThis as Holder)[RUNTIME_KEY];
  if (!runtime) throw new Error('Perigee runtime not initialised: start the console with `perigee web` or `perigee start`');
  return runtime;
}
