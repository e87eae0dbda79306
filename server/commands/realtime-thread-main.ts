/**
 * Entry of the real-time thread (realtime-thread.ts): the processor's
 * real-time lane, configured from the same environment as the worker.
 * Posts its thread id once the lane runs; answers the worker's requests for
 * its metrics; stops on 'stop'.
 */
import { parentPort } from 'node:worker_threads';
import { loadConfig } from '../config';
import { missionFleet } from '../domain/mission/fleet';
import { createLogger } from '../log';
import { PerigeeMetrics } from '../observability/perigee-metrics';
import { Lifecycle } from './lifecycle';
import { openMissionDatabase } from './mission-database';
import { currentThreadId } from './process-priority';
import { startWorkerPart } from './parts';
import { answerWorker, type RealtimeThreadMessage } from './realtime-thread';
import { openBus, openDatabase } from './services';

const port = parentPort!;
const config = loadConfig(process.env);
const log = createLogger({ level: config.logLevel }).namespace('realtime');
const lifecycle = new Lifecycle(log);
const post = (message: RealtimeThreadMessage) => port.postMessage(message);
// The lane's counts only: the process's memory and CPU are the worker's to report, once.
const metrics = new PerigeeMetrics({ processMetrics: false });

try {
  const mdb = await openMissionDatabase(config);
  const bus = lifecycle.add('bus', openBus(config, log), (b) => b.close());
  const db = lifecycle.add('database', await openDatabase(config, mdb, log), (d) => d.close());
  const context = { config, mdb, fleet: missionFleet(mdb, config.sim.satellites), lifecycle, log, metrics };
  await startWorkerPart(context, bus, db, { parts: new Set(['realtime']) });
  // This thread's id: the worker leaves its priority as it is.
  post({ ready: true, tid: currentThreadId() });
} catch (error) {
  await lifecycle.close();
  post({ failed: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}

answerWorker(port, { metrics, stop: () => void lifecycle.close().then(() => process.exit(0)) });
