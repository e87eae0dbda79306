/**
 * How each part of Perigee starts from configuration, shared by
 * `perigee start` (all parts in one process) and the single-role processes.
 * Each returns the started part and registers its shutdown with the lifecycle.
 * The worker's part is in worker-part.ts.
 */
import { PROJECT_ROOT } from '../config';
import { MissionControlError } from '../errors';
import { startIngestGateway, type IngestGateway } from '../ingest/gateway';
import type { Bus } from '../ports/bus';
import { startWebServer, type WebServer } from '../realtime/web-server';
import { startSimulator, type GatewayAddress } from '../sim/sim-runner';
import type { Health } from '../observability/health';
import type { ConsoleAuth } from './auth-setup';
import type { PartContext, PartDatabase } from './worker-part';

export { startWorkerPart, type PartContext, type PartDatabase } from './worker-part';

export async function startWebPart(
  { config, mdb, fleet, lifecycle, log, metrics }: PartContext,
  bus: Bus,
  { store, audit, ruleThresholds }: PartDatabase,
  health: Health,
  { auth, demoLogin }: ConsoleAuth,
): Promise<WebServer> {
  const web = await startWebServer({
    web: config.web, bus, store, alarmDesk: store, audit, ruleThresholds, mdb, fleet, auth, demoLogin, log, projectDir: PROJECT_ROOT, metrics, health,
    telemetryExport: store, exportMaxRows: config.export.maxRows, passArchive: store, lineage: store,
    lagAlarms: { settings: config.lagAlarms, store },
  });
  return lifecycle.add('web', web, (w) => w.close());
}

export async function startGatewayPart({ config, mdb, lifecycle, log, metrics }: PartContext, bus: Bus): Promise<IngestGateway> {
  const gateway = await startIngestGateway({ ...config.ingest, bus, mdb, log: log.namespace('ingest'), metrics });
  return lifecycle.add('gateway', gateway, (g) => g.close());
}

export async function startSimulatorPart({ config, mdb, fleet, lifecycle, log }: PartContext, gateway: GatewayAddress): Promise<void> {
  const { seed, faults, transport, link, powerVersion } = config.sim;
  if (link.mode === 'passes' && mdb.layouts.some((l) => l.header === 'ccsds')) {
    // Store and forward marks dumped packets with the Perigee secondary header's playback flag, which these packets lack.
    throw new MissionControlError('SIM_LINK_MODE=passes needs packets with Perigee headers (the playback flag); the mission database has packets with only a primary header: use SIM_LINK_MODE=relay');
  }
  // The demonstration fleet's physical models know only the built-in mission database; any other is simulated from its definitions.
  const model = config.missionDatabase === undefined ? 'physics' : 'definitions';
  const simulator = await startSimulator({ mdb, fleet, seed, faults, transport, link, model, powerVersion, gateway, log: log.namespace('sim') });
  lifecycle.add('simulator', simulator, (s) => s.stop());
}
