/**
 * Hands the process's long-lived services to Next.js route handlers and
 * server components. Next bundles app/ separately from the custom server, so
 * module-level singletons would be duplicated; a well-known global symbol is
 * the one object both module graphs share. Set once by the web entry point.
 */
import type { MissionDatabase } from './domain/mission/mission-database';
import type { AlarmDesk, TelemetryHistory, TelemetryLineage } from './ports/telemetry-store';
import type { SatelliteCatalogue } from './domain/mission/fleet';
import type { FleetStatus } from './realtime/fleet-status';
import type { AlarmChange } from './realtime/events';
import type { AuthService } from './auth/auth-service';
import type { OpsView } from './observability/ops-monitor';
import type { TelemetryExport } from './ports/telemetry-export';
import type { PassArchive } from './ports/pass-archive';
import type { AuditTrail } from './ports/audit-trail';
import type { RuleThresholdStore } from './ports/rule-threshold-store';
import type { TunableThreshold } from './domain/stream/rules/rule-thresholds';
import type { SessionEnded } from './realtime/events';
import type { SocketRevocation } from './realtime/socket-server';

export interface PerigeeRuntime {
  readonly store: TelemetryHistory;
  /** Operators' alarm actions; absent where the node has no archive to write to. */
  readonly alarmDesk?: AlarmDesk;
  readonly mdb: MissionDatabase;
  readonly fleet: SatelliteCatalogue;
  /** Every satellite's live status (mode, subsystem health, passes, alarms) as the fleet overview shows it. */
  readonly fleetStatus: () => readonly FleetStatus[];
  /** Sign-in, sessions and accounts (server/auth/request-auth.ts wraps it for route handlers). */
  readonly auth: AuthService;
  /** Browsers without a session are signed in as the demo operator (`perigee start`); the login page says so. */
  readonly demoLogin: boolean;
  /** Tells every connected console that an alarm changed (Socket.IO); absent outside a web node. */
  readonly alarmChanged?: (change: AlarmChange) => void;
  /** This process's lag, throughput, latency and quarantine counts with the lag history; null where no metrics are kept. */
  readonly ops: () => Promise<OpsView | null>;
  /** Samples for CSV export; absent where the node has no archive (the export route answers 503). */
  readonly telemetryExport?: TelemetryExport;
  /** Most rows one CSV export may hold (EXPORT_MAX_ROWS). */
  readonly exportMaxRows?: number;
  /** Passes with what was received during them; absent where the node has no archive (the passes route answers 503). */
  readonly passArchive?: PassArchive;
  /** Where stored samples came from; absent where the node has no archive (the lineage route answers 503). */
  readonly lineage?: TelemetryLineage;
  /** Reads the audit log (audit page, alarm history); absent where the node has no archive. */
  readonly audit?: AuditTrail;
  /** The stream rules' tunable thresholds and where their values are stored; absent where the node has no archive. */
  readonly ruleThresholds?: { readonly store: RuleThresholdStore; readonly tunable: readonly TunableThreshold[] };
  /** Closes this node's sockets of ended sessions (sign-out, account disabled); returns how many. */
  readonly endSockets?: (revocation: SocketRevocation, reason: SessionEnded['reason']) => number;
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
