/**
 * `perigee start`: the whole system in one process — database (embedded
 * PostgreSQL + TimescaleDB unless DATABASE_URL is set), bus (in-process
 * unless KAFKA_BROKERS is set), archive worker, web console, ingest gateway
 * and a simulated fleet feeding the gateway over real sockets. Parts start
 * downstream first, so nothing is produced before its consumer listens, and
 * close in reverse. On Kafka with START_BULK_THREAD the playback lane and the
 * archive run on a thread of their own at WORKER_NICE (part-thread.ts).
 */
import type { Config } from '../config';
import { missionFleet } from '../domain/mission/fleet';
import { openMissionDatabase } from './mission-database';
import type { Logger } from '../log';
import { Health } from '../observability/health';
import { PerigeeMetrics } from '../observability/perigee-metrics';
import { Lifecycle } from './lifecycle';
import { startGatewayPart, startSimulatorPart, startWebPart, startWorkerPart, type PartContext } from './parts';
import { runBulkThread } from './part-thread';
import { openBus, openDatabase } from './services';
import { openConsoleAuth } from './auth-setup';

export interface RunningSystem {
  readonly url: string;
  /** Where ground stations (and tools) send packets: TCP stream, UDP datagrams, ground-station events. */
  readonly ingest: { readonly host: string; readonly tcpPort: number; readonly udpPort: number; readonly eventsPort: number };
  readonly lifecycle: Lifecycle;
}

export async function startSystem(config: Config, log: Logger): Promise<RunningSystem> {
  const lifecycle = new Lifecycle(log);
  const mdb = await openMissionDatabase(config);
  const context: PartContext = {
    config,
    mdb,
    fleet: missionFleet(mdb, config.sim.satellites),
    lifecycle,
    log,
    metrics: new PerigeeMetrics(),
  };
  try {
    const db = lifecycle.add('database', await openDatabase(config, context.mdb, log), (d) => d.close());
    const bus = lifecycle.add('bus', openBus(config, log), (b) => b.close());
    if (config.worker.bulkThread) {
      // The dump's work on a thread of its own, at a lower priority; the thread finds the database this process opened.
      await runBulkThread(context, { env: { ...process.env, DATABASE_URL: db.url }, nice: config.worker.nice });
      await startWorkerPart(context, bus, db, { parts: new Set(['realtime']) });
    } else await startWorkerPart(context, bus, db);
    const health = new Health([
      { name: 'database', check: () => db.pool.query('SELECT 1') },
      { name: 'bus', check: () => bus.ping() },
    ]);
    // The zero-setup run signs its console in as a demo operator unless PERIGEE_DEMO_LOGIN=0.
    const auth = await openConsoleAuth(config, db.pool, log, { demoLogin: config.auth.demoLogin ?? true });
    const web = await startWebPart(context, bus, db, health, auth);
    const gateway = await startGatewayPart(context, bus);
    const { host } = config.ingest;
    const ingest = { host, tcpPort: gateway.ports.tcp, udpPort: gateway.ports.udp, eventsPort: gateway.ports.events };
    await startSimulatorPart(context, ingest);
    return { url: web.url, ingest, lifecycle };
  } catch (error) {
    await lifecycle.close();
    throw error;
  }
}
