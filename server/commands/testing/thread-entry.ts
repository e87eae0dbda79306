/**
 * A stand-in entry for a part thread in tests of how a process runs
 * it: reports ready like the real one, answers metrics requests and stops on
 * 'stop'. Each part it is given counts N packets into the thread's registry
 * (as a lane of that name), N from `packets=N` or else STAND_IN_PACKETS in
 * its environment. Query parameters: `crashAfterMs=N` throws N ms after starting;
 * `stallMs=N` keeps the thread's event loop busy for N ms once it is ready.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PerigeeMetrics } from '../../observability/perigee-metrics';
import { currentThreadId } from '../process-priority';
import { answerProcess, type PartThreadData } from '../part-thread';

const port = parentPort!;
const query = new URL(import.meta.url).searchParams;
const metrics = new PerigeeMetrics({ processMetrics: false });
for (const part of (workerData as PartThreadData).parts) {
  metrics.packetsProcessed.inc({ lane: part }, Number(query.get('packets') ?? process.env.STAND_IN_PACKETS ?? 0));
}
answerProcess(port, { metrics, stop: () => process.exit(0) });
port.postMessage({ ready: true, tid: currentThreadId() });
const crashAfterMs = query.get('crashAfterMs');
if (crashAfterMs !== null) {
  setTimeout(() => {
    throw new Error('lane failed');
  }, Number(crashAfterMs));
}
const stallMs = query.get('stallMs');
if (stallMs !== null) {
  // Busy from the moment it is ready: a request the process sends once it starts waits for the loop.
  const until = Date.now() + Number(stallMs);
  while (Date.now() < until);
}
