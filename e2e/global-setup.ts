/**
 * Starts Perigee the way a user does (`node --import tsx server/cli.ts start`)
 * with a throwaway data folder and free ports, waits for the printed URL and
 * hands it to the specs through PERIGEE_E2E_URL. Returns the teardown.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'perigee-e2e-'));
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
      WEB_NODE_ID: 'e2e',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`perigee start printed no URL within 90 s:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Perigee is running: (http:\/\/\S+)/.exec(output);
      const ingest = /Perigee ingest: tcp:\/\/(\S+)/.exec(output);
      if (ingest) process.env.PERIGEE_E2E_INGEST_TCP = ingest[1]!;
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`perigee start exited with ${code}:\n${output}`));
    });
  });
  process.env.PERIGEE_E2E_URL = url;
  return async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
