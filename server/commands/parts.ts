/**
 * How each part of Perigee starts from configuration, shared by
 * `perigee start` (all parts in one process) and the single-role processes.
 * Each returns the started part and registers its shutdown with the lifecycle.
 */
import { PROJECT_ROOT, WORKER_PARTS, type Config, type WorkerPart } from '../config';
import { MissionControlError } from '../errors';
import type { SatelliteCatalogue } from '../domain/mission/fleet';
import type { MissionDatabase } from '../domain/mission/mission-database';
import { startIngestGateway, type IngestGateway } from '../ingest/gateway';
import type { Logger } from '../log';
import type { Bus } from '../ports/bus';
import type { OpenDatabase } from './services';
import { startWebServer, type WebServer } from '../realtime/web-server';
import { startSimulator, type GatewayAddress } from '../sim/sim-runner';
import { startArchiveLanes } from '../worker/archive-lanes';
import { startProcessor } from '../worker/processor';
import { startShelveExpiry } from '../worker/shelve-expiry';
import type { Health } from '../observability/health';
import type { PerigeeMetrics } from '../observability/perigee-metrics';
import type { Lifecycle } from './lifecycle';
import { ConsumerLagRule } from '../domain/alarms/consumer-lag-rule';
import { LagAlarmMonitor } from '../observability/lag-alarm-monitor';
import { OpsMonitor } from '../observability/ops-monitor';
import type { ConsoleAuth } from './auth-setup';

export interface PartContext {
  readonly config: Config;
  readonly mdb: MissionDatabase;
  readonly fleet: SatelliteCatalogue;
  readonly lifecycle: Lifecycle;
  readonly log: Logger;
  /** This process's metrics registry. */
  readonly metrics: PerigeeMetrics;
}

/** What the worker and the web node use of the open database. */
export type PartDatabase = Pick<OpenDatabase, 'store' | 'audit' | 'ruleThresholds'>;

/**
 * The processor, the archiver (its telemetry and alarm lanes) and the
 * shelve expiry, each consumer group at its own pace; `parts` picks some
 * of them (WORKER_PARTS), all by default. `watchLag` also samples
 * this process's metrics for consumer lag alarms: for a worker on its own
 * (`perigee worker`); with `perigee start` the web part watches every group.
 */
export async function startWorkerPart(
  { config, mdb, fleet, lifecycle, log, metrics }: PartContext,
  bus: Bus,
  { store, ruleThresholds }: PartDatabase,
  { watchLag = false, parts = new Set(WORKER_PARTS) }: { watchLag?: boolean; parts?: ReadonlySet<WorkerPart> } = {},
): Promise<void> {
  if (parts.has('archive')) {
    const archiver = await startArchiveLanes({
      bus,
      store,
      mdb,
      groupId: config.worker.archiverGroupId,
      log: log.namespace('archiver'),
      metrics,
      partitionsConcurrently: config.worker.archiverPartitionsConcurrently,
      transactionsConcurrently: config.worker.archiverTransactionsConcurrently,
      batchMessages: config.worker.archiverBatchMessages,
    });
    lifecycle.add('archiver', archiver, (a) => a.stop());
    const expiry = startShelveExpiry({ store, log: log.namespace('alarms') });
    lifecycle.add('shelve expiry', expiry, async (e) => e.stop());
  }
  if (parts.has('realtime') || parts.has('playback')) {
    const processor = await startProcessor({
      bus,
      mdb,
      fleet,
      groupId: config.worker.processorGroupId,
      stream: config.stream,
      log: log.namespace('processor'),
      metrics,
      lanes: { realtime: parts.has('realtime'), playback: parts.has('playback') },
      // Admins tune thresholds in the console; the processor reads them again every refresh, no restart.
      thresholds: {
        read: async () => new Map((await ruleThresholds.listThresholds()).map((t) => [t.ruleId, t.value])),
        refreshMs: config.worker.ruleThresholdRefreshMs,
      },
    });
    lifecycle.add('processor', processor, (p) => p.stop());
  }
  if (watchLag) {
    const lagAlarms = new LagAlarmMonitor({ rule: new ConsumerLagRule(config.lagAlarms), store, log: log.namespace('lag-alarms') });
    const ops = new OpsMonitor({ metrics, onSample: (snapshot) => lagAlarms.observe(snapshot) });
    ops.start();
    lifecycle.add('lag alarms', ops, async (o) => o.stop());
  }
}

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
