import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestAddress } from './env';

/**
 * Streams thermal packets of a satellite with `node` (node_000 unless
 * given) at `celsius` to the running Perigee's ingest gateway every 200 ms
 * for `durationMs` (the simulator keeps sending its own 1 Hz packets, so a
 * single packet would be the newest for under a second), through
 * send-packet.ts and the real codec.
 * Resolves once the first packet is on the wire.
 */
export function streamThermalOf(satelliteId: number, celsius: number, durationMs: number, node = 'thermal.node_000'): Promise<{ done: Promise<void> }> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'send-packet.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', script, ingestAddress(), String(satelliteId), '288', JSON.stringify({ [node]: celsius }), '200', String(durationMs)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const done = new Promise<void>((ok, fail) => child.once('exit', (code) => (code === 0 ? ok() : fail(new Error(`sender exited with ${code}`)))));
    child.stdout.once('data', () => resolve({ done }));
    child.once('error', reject);
    done.catch(reject);
  });
}
