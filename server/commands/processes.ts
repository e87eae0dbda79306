/**
 * The single-role processes for a distributed deployment on Kafka:
 * `perigee worker`, `perigee ingest`, `perigee web` and `perigee sim`. Each
 * opens only what its role needs.
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
import { MissionControlError } from '../errors';

export type Role = 'worker' | 'ingest' | 'web' | 'sim';

function requireKafka(config: Config, role: Role): void {
  if (config.kafka.brokers === undefined) {
    throw new MissionControlError(
      `perigee ${role} runs as its own process and needs a shared bus: set KAFKA_BROKERS (or use \`perigee start\` for everything in one process)`,
    );
  }
}

export async function startRole(role: Role, config: Config, log: Logger): Promise<Lifecycle> {
  const lifecycle = new Lifecycle(log);
  const mdb = defaultMissionDatabase();
  const fleet = demoFleet(config.sim.satellites);
  try {
    if (role === 'sim') {
      lifecycle.add(
        'simulator',
        await startSimulator({
          mdb,
          fleet,
          seed: config.sim.seed,
          faults: config.sim.faults,
          transport: config.sim.transport,
          gateway: { host: config.ingest.host, tcpPort: config.ingest.tcpPort, udpPort: config.ingest.udpPort, eventsPort: config.ingest.eventsPort },
          log: log.namespace('sim'),
        }),
        (s) => s.stop(),
      );
      return lifecycle;
    }
    requireKafka(config, role);
    const bus = lifecycle.add('bus', openBus(config, log), (b) => b.close());
    if (role === 'ingest') {
      lifecycle.add('gateway', await startIngestGateway({ ...config.ingest, bus, mdb, log: log.namespace('ingest') }), (g) => g.close());
      return lifecycle;
    }
    const db = lifecycle.add('database', await openDatabase(config, mdb, log), (d) => d.close());
    if (role === 'worker') {
      lifecycle.add(
        'worker',
        await startArchiveWorker({ bus, store: db.store, mdb, groupId: config.worker.groupId, log: log.namespace('worker') }),
        (w) => w.stop(),
      );
    } else {
      const web = lifecycle.add(
        'web',
        await startWebServer({ web: config.web, bus, store: db.store, mdb, fleet, log, projectDir: PROJECT_ROOT }),
        (w) => w.close(),
      );
      process.stdout.write(`Perigee console: ${web.url}\n`);
    }
    return lifecycle;
  } catch (error) {
    await lifecycle.close();
    throw error;
  }
}
