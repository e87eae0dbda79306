/**
 * Streams thermal packets of one satellite with node_000 at `celsius` to the
 * running system's ingest gateway every 200 ms for `durationMs`, through
 * e2e/support/send-packet.ts (the real codec over TCP). Resolves once the
 * first packet is on the wire; `done` settles when the sender exits.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestAddress } from './env';

export function streamThermal(satelliteId: number, celsius: number, durationMs: number): Promise<{ done: Promise<void> }> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'send-packet.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', script, ingestAddress(), String(satelliteId), '288', JSON.stringify({ 'thermal.node_000': celsius }), '200', String(durationMs)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const done = new Promise<void>((ok, fail) => child.once('exit', (code) => (code === 0 ? ok() : fail(new Error(`sender exited with ${code}`)))));
    child.stdout.once('data', () => resolve({ done }));
    child.once('error', reject);
    done.catch(reject);
  });
}
