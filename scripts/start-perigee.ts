/**
 * Starts `perigee start` as a user does (node --max-semi-space-size=64 --import tsx server/cli.ts start)
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

/** An account created with `perigee users add` before the system starts. */
export interface StartUser {
  readonly username: string;
  readonly role: 'viewer' | 'operator' | 'admin';
  readonly password: string;
}

export async function startPerigee({
  env = {},
  timeoutMs = 90_000,
  users = [],
}: { env?: Record<string, string>; timeoutMs?: number; users?: readonly StartUser[] } = {}): Promise<RunningPerigee> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'perigee-run-'));
  // As root, the embedded PostgreSQL runs as user postgres, which must be able to write here.
  fs.chmodSync(dataDir, 0o777);
  const childEnv = {
    ...process.env,
    PORT: '0',
    INGEST_TCP_PORT: '0',
    INGEST_UDP_PORT: '0',
    INGEST_EVENTS_PORT: '0',
    PERIGEE_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ...env,
  };
  // The same data folder, so the accounts are in the database the system then starts on.
  for (const user of users) await addUser(root, childEnv, user);
  const child = spawn(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', 'server/cli.ts', 'start'], {
    cwd: root,
    env: childEnv,
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

/** `perigee users add`, the password on stdin as a user pipes it. */
function addUser(root: string, env: NodeJS.ProcessEnv, { username, role, password }: StartUser): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'users', 'add', username, '--role', role], {
      cwd: root,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`perigee users add ${username} exited with ${code}:\n${output}`))));
    child.stdin.end(`${password}\n`);
  });
}
