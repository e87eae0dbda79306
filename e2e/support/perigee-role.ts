/**
 * One role of a distributed Perigee (`perigee migrate | worker | ingest | sim | web`, or `start` for all of them)
 * as its own process, the way an operator deploys it on Kafka: for specs
 * that stop and restart one part while the others keep running.
 *
 * @example
 *   const web = startRole('web', env);
 *   const url = await web.waitFor(/Perigee console: (\S+)/);
 *   await web.kill('SIGKILL');
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface RoleProcess {
  readonly child: ChildProcess;
  /** Resolves with the first capture group of the first output line matching `pattern`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Sends the signal and waits for the process to exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

export function startRole(role: 'migrate' | 'worker' | 'ingest' | 'sim' | 'web' | 'start', env: Record<string, string>): RoleProcess {
  const child = spawn(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', 'server/cli.ts', role], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    if (output.length < 200_000) output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    waitFor: (pattern, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (!match) return;
          done();
          resolve(match[1] ?? match[0]);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`perigee ${role} printed nothing matching ${pattern} within ${timeoutMs} ms:\n${output}`));
        }, timeoutMs);
        const onExit = () => {
          done();
          reject(new Error(`perigee ${role} exited (${child.exitCode ?? child.signalCode}):\n${output}`));
        };
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off('exit', onExit);
        };
        listeners.add(check);
        child.once('exit', onExit);
        check();
      }),
    kill: async (signal) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}

/**
 * The environment every role of one deployment shares: its database, its
 * Kafka cluster, and free ports for the web server and the ingest gateway.
 */
export async function deploymentEnv({ databaseUrl, brokers, satellites, nodeId }: { databaseUrl: string; brokers: readonly string[]; satellites: number; nodeId: string }): Promise<Record<string, string>> {
  const [webPort, tcpPort, udpPort, eventsPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  return {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: brokers.join(','),
    HOST: '127.0.0.1',
    PORT: String(webPort),
    INGEST_HOST: '127.0.0.1',
    INGEST_TCP_PORT: String(tcpPort),
    INGEST_UDP_PORT: String(udpPort),
    INGEST_EVENTS_PORT: String(eventsPort),
    SIM_SATELLITES: String(satellites),
    WEB_NODE_ID: nodeId,
  };
}

/** A TCP port free right now (bound and released), for a process that must come back on the same one. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
