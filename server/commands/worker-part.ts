/**
 * The worker's part — the processor's lanes, the archiver and the shelve
 * expiry — and the context every part starts from. Apart from parts.ts so a
 * thread running worker parts (part-thread-main.ts) loads none of the web
 * console, gateway or simulator.
 */
import { WORKER_PARTS, type Config, type WorkerPart } from '../config';
import type { SatelliteCatalogue } from '../domain/mission/fleet';
import type { MissionDatabase } from '../domain/mission/mission-database';
import type { Logger } from '../log';
import type { Bus } from '../ports/bus';
import type { OpenDatabase } from './services';
import { startArchiveLanes } from '../worker/archive-lanes';
import { startProcessor } from '../worker/processor';
import { startShelveExpiry } from '../worker/shelve-expiry';
import type { PerigeeMetrics } from '../observability/perigee-metrics';
import type { Lifecycle } from './lifecycle';
import { ConsumerLagRule } from '../domain/alarms/consumer-lag-rule';
import { LagAlarmMonitor } from '../observability/lag-alarm-monitor';
import { OpsMonitor } from '../observability/ops-monitor';

export interface PartContext {
  readonly config: Config;
  readonly mdb: MissionDatabase;
  readonly fleet: SatelliteCatalogue;
  readonly lifecycle: Lifecycle;
  readonly log: Logger;
  /** This process's metrics registry. */
  readonly metrics: PerigeeMetrics;
}

/** How the archive reads and batches, from the worker's configuration (ARCHIVER_* settings). */
export function archiverSettings(worker: Config['worker']) {
  return {
    partitionsConcurrently: worker.archiverPartitionsConcurrently,
    transactionsConcurrently: worker.archiverTransactionsConcurrently,
    lingerMs: worker.archiverLingerMs,
    batchMessages: worker.archiverBatchMessages,
  };
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
      ...archiverSettings(config.worker),
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
