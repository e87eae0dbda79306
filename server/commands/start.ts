/**
 * `perigee start`: the whole system in one process — database (embedded
 * PostgreSQL + TimescaleDB unless DATABASE_URL is set), bus (in-process
 * unless KAFKA_BROKERS is set), ingest gateway, archive worker, web console
 * and a simulated fleet feeding the gateway over real sockets.
 */
import { PROJECT_ROOT, type Config } from '../config';
import { demoFleet } from '../domain/mission/fleet';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { startIngestGateway } from '../ingest/gateway';
import type { Logger } from '../log';
import { startWebServer } from '../realtime/web-server';
import { startSimulator } from '../sim/sim-runner';
import { startArchiveWorker } from '../worker/archive-worker';
import { Lifecycle } from './lifecycle';
import { openBus, openDatabase } from './services';

export interface RunningSystem {
  readonly url: string;
  readonly ingestPorts: { readonly tcp: number; readonly udp: number; readonly events: number };
  readonly lifecycle: Lifecycle;
}

export interface StartOptions {
  /** Run the simulated fleet (default true). */
  readonly simulate?: boolean;
}

export async function startSystem(config: Config, log: Logger, { simulate = true }: StartOptions = {}): Promise<RunningSystem> {
  const lifecycle = new Lifecycle(log);
  try {
    const mdb = defaultMissionDatabase();
    const fleet = demoFleet(config.sim.satellites);
    const db = lifecycle.add('database', await openDatabase(config, mdb, log), (d) => d.close());
    const bus = lifecycle.add('bus', openBus(config, log), (b) => b.close());
    lifecycle.add(
      'worker',
      await startArchiveWorker({ bus, store: db.store, mdb, groupId: config.worker.groupId, log: log.namespace('worker') }),
      (w) => w.stop(),
    );
    const web = lifecycle.add(
      'web',
      await startWebServer({ web: config.web, bus, store: db.store, mdb, fleet, log, projectDir: PROJECT_ROOT }),
      (w) => w.close(),
    );
    const gateway = lifecycle.add(
      'gateway',
      await startIngestGateway({ ...config.ingest, bus, mdb, log: log.namespace('ingest') }),
      (g) => g.close(),
    );
    if (simulate) {
      lifecycle.add(
        'simulator',
        await startSimulator({
          mdb,
          fleet,
          seed: config.sim.seed,
          faults: config.sim.faults,
          transport: config.sim.transport,
          gateway: { host: config.ingest.host, tcpPort: gateway.ports.tcp, udpPort: gateway.ports.udp, eventsPort: gateway.ports.events },
          log: log.namespace('sim'),
        }),
        (s) => s.stop(),
      );
    }
    return { url: web.url, ingestPorts: gateway.ports, lifecycle };
  } catch (error) {
    await lifecycle.close();
    throw error;
  }
}
