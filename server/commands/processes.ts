/**
 * The single-role processes of a distributed deployment on Kafka:
 * `perigee worker`, `perigee ingest`, `perigee web` and `perigee sim`. Each
 * opens only what its role needs.
 */
import type { Config } from '../config';
import { missionFleet } from '../domain/mission/fleet';
import { openMissionDatabase } from './mission-database';
import { MissionControlError } from '../errors';
import type { Logger } from '../log';
import { Health } from '../observability/health';
import { startMetricsServer } from '../observability/metrics-server';
import { PerigeeMetrics } from '../observability/perigee-metrics';
import { Lifecycle } from './lifecycle';
import { startGatewayPart, startSimulatorPart, startWebPart, startWorkerPart, type PartContext } from './parts';
import { openBus, openDatabase } from './services';
import { openConsoleAuth } from './auth-setup';
import { lowerProcessPriority } from './process-priority';
import { runPartThread } from './part-thread';

export type Role = 'worker' | 'ingest' | 'web' | 'sim';

export async function startRole(role: Role, config: Config, log: Logger): Promise<Lifecycle> {
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
    if (role === 'sim') {
      const { host, tcpPort, udpPort, eventsPort } = config.ingest;
      await startSimulatorPart(context, { host, tcpPort, udpPort, eventsPort });
      return lifecycle;
    }
    if (role === 'web' && config.auth.demoLogin === true) {
      throw new MissionControlError(
        'PERIGEE_DEMO_LOGIN is for the zero-setup `perigee start` only: `perigee web` always requires sign-in (unset PERIGEE_DEMO_LOGIN)',
      );
    }
    if (config.kafka.brokers === undefined) {
      throw new MissionControlError(
        `perigee ${role} runs as its own process and needs a shared bus: set KAFKA_BROKERS (or use \`perigee start\` for everything in one process)`,
      );
    }
    const bus = lifecycle.add('bus', openBus(config, log), (b) => b.close());
    const db = role === 'ingest' ? undefined : lifecycle.add('database', await openDatabase(config, context.mdb, log), (d) => d.close());
    const health = new Health([
      ...(db ? [{ name: 'database', check: () => db.pool.query('SELECT 1') }] : []),
      { name: 'bus', check: () => bus.ping() },
    ]);
    if (config.metricsPort !== undefined && role !== 'web') {
      const server = await startMetricsServer({ host: config.web.host, port: config.metricsPort, metrics: context.metrics, health });
      lifecycle.add('metrics', server, (s) => s.close());
      log.info(`metrics and health on http://${config.web.host}:${server.port}/metrics, /healthz, /readyz`);
    }
    if (role === 'ingest') await startGatewayPart(context, bus);
    else if (role === 'worker') {
      let parts = config.worker.parts;
      // The real-time lane on a thread that keeps this priority (WORKER_REALTIME_THREAD), started before the rest is
      // lowered; a worker running nothing else has no dump's work to keep it from.
      const thread = config.worker.realtimeThread && parts.has('realtime') && parts.size > 1 ? await runPartThread(context, { parts: ['realtime'] }) : undefined;
      if (thread) parts = new Set([...parts].filter((p) => p !== 'realtime'));
      // Bulk work (dumps, archive) yields the CPU to the live path of roles sharing the machine.
      if (config.worker.nice > 0) {
        const { nice } = lowerProcessPriority(config.worker.nice, log, { except: thread ? [thread.tid] : [] });
        log.info(`running at nice ${nice} (WORKER_NICE)${thread ? `, the real-time lane's thread ${thread.tid} as started` : ''}`);
      }
      await startWorkerPart(context, bus, db!, { watchLag: true, parts });
      log.info(`worker running ${[...config.worker.parts].join(', ')} (WORKER_PARTS)${thread ? ', realtime on its own thread' : ''}`);
    }
    else {
      const auth = await openConsoleAuth(config, db!.pool, log, { demoLogin: false });
      process.stdout.write(`Perigee console: ${(await startWebPart(context, bus, db!, health, auth)).url}\n`);
    }
    return lifecycle;
  } catch (error) {
    await lifecycle.close();
    throw error;
  }
}
