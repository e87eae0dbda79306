/**
 * A stand-in entry for the real-time thread in tests of how the worker runs
 * it: reports ready like the real one, answers metrics requests and stops on
 * 'stop'. Query parameters: `crashAfterMs=N` throws N ms after starting;
 * `packets=N` counts N real-time packets into the thread's registry;
 * `stallMs=N` keeps the thread's event loop busy for N ms after starting.
 */
import { parentPort } from 'node:worker_threads';
import { PerigeeMetrics } from '../../observability/perigee-metrics';
import { currentThreadId } from '../process-priority';
import { answerWorker } from '../realtime-thread';

const port = parentPort!;
const query = new URL(import.meta.url).searchParams;
const metrics = new PerigeeMetrics({ processMetrics: false });
metrics.packetsProcessed.inc({ lane: 'realtime' }, Number(query.get('packets') ?? 0));
answerWorker(port, { metrics, stop: () => process.exit(0) });
port.postMessage({ ready: true, tid: currentThreadId() });
const crashAfterMs = query.get('crashAfterMs');
if (crashAfterMs !== null) {
  setTimeout(() => {
    throw new Error('lane failed');
  }, Number(crashAfterMs));
}
const stallMs = query.get('stallMs');
if (stallMs !== null) {
  setTimeout(() => {
    const until = Date.now() + Number(stallMs);
    while (Date.now() < until);
  }, 0);
}
