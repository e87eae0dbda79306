/**
 * Starts `perigee start` as a user does (node --import tsx server/cli.ts start)
 * with a throwaway data folder and free ports, and resolves once it printed
 * its URL and ingest address. Used by the end-to-end setup and the console
 * soak benchmark.
 *
 * @example
 *   const perigee = await startPerigee({ env: { SIM_SATELLITES: '20' } });
 *   perigee.url;          // http://127.0.0.1:41234
 *   await perigee.stop();
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RunningPerigee {
  readonly url: string;
  /** host:port of the ingest gateway's TCP stream. */
  readonly ingestTcp: string;
  readonly pid: number;
  /** SIGTERM, then SIGKILL after 20 s; removes the data folder. */
  stop(): Promise<void>;
}

export async function startPerigee({ env = {}, timeoutMs = 90_000 }: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<RunningPerigee> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'perigee-run-'));
  // As root, the embedded PostgreSQL runs as user postgres, which must be able to write here.
  fs.chmodSync(dataDir, 0o777);
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'start'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      INGEST_TCP_PORT: '0',
      INGEST_UDP_PORT: '0',
      INGEST_EVENTS_PORT: '0',
      PERIGEE_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const started = await new Promise<{ url: string; ingestTcp: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`perigee start printed no URL within ${timeoutMs / 1000} s:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Perigee is running: (http:\/\/\S+)/.exec(output);
      const ingest = /Perigee ingest: tcp:\/\/(\S+)/.exec(output);
      if (url && ingest) {
        clearTimeout(timer);
        resolve({ url: url[1]!, ingestTcp: ingest[1]! });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`perigee start exited with ${code}:\n${output}`));
    });
  });
  // Keep draining output so a chatty server never blocks on a full pipe.
  child.stdout.resume();
  child.stderr.resume();
  return {
    ...started,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
