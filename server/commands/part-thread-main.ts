/**
 * Entry of a part thread (part-thread.ts): the worker parts named in its
 * workerData, configured from the thread's environment. Posts its thread id
 * once they run; answers the process's requests for its metrics; stops on
 * 'stop'.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadConfig } from '../config';
import { missionFleet } from '../domain/mission/fleet';
import { createLogger } from '../log';
import { PerigeeMetrics } from '../observability/perigee-metrics';
import { Lifecycle } from './lifecycle';
import { openMissionDatabase } from './mission-database';
import { currentThreadId } from './process-priority';
import { startWorkerPart } from './worker-part';
import { answerProcess, type PartThreadData, type PartThreadMessage } from './part-thread';
import { openBus, openDatabase } from './services';

const port = parentPort!;
const { parts } = workerData as PartThreadData;
const config = loadConfig(process.env);
const log = createLogger({ level: config.logLevel }).namespace(`thread ${parts.join('+')}`);
const lifecycle = new Lifecycle(log);
const post = (message: PartThreadMessage) => port.postMessage(message);
// The parts' counts only: the process's memory and CPU are its main thread's to report, once.
const metrics = new PerigeeMetrics({ processMetrics: false });

try {
  const mdb = await openMissionDatabase(config);
  const bus = lifecycle.add('bus', openBus(config, log), (b) => b.close());
  const db = lifecycle.add('database', await openDatabase(config, mdb, log), (d) => d.close());
  const context = { config, mdb, fleet: missionFleet(mdb, config.sim.satellites), lifecycle, log, metrics };
  await startWorkerPart(context, bus, db, { parts: new Set(parts) });
  // This thread's id: the process sets its priority by it.
  post({ ready: true, tid: currentThreadId() });
} catch (error) {
  await lifecycle.close();
  post({ failed: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}

answerProcess(port, { metrics, stop: () => void lifecycle.close().then(() => process.exit(0)) });
