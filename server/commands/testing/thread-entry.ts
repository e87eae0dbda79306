/**
 * A stand-in entry for the real-time thread in tests of how the worker runs
 * it: reports ready like the real one and stops on 'stop'; loaded with
 * `?crashAfterMs=N` it throws N ms after starting.
 */
import { parentPort } from 'node:worker_threads';
import { currentThreadId } from '../process-priority';

const port = parentPort!;
port.postMessage({ ready: true, tid: currentThreadId() });
port.on('message', (message) => {
  if (message === 'stop') process.exit(0);
});
const crashAfterMs = new URL(import.meta.url).searchParams.get('crashAfterMs');
if (crashAfterMs !== null) {
  setTimeout(() => {
    throw new Error('lane failed');
  }, Number(crashAfterMs));
}
