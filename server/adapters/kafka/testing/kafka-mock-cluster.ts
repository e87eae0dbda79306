/**
 * Starts librdkafka's mock cluster through kcat (Debian package `kcat`) for
 * integration tests: a real Kafka protocol endpoint with 3 brokers, topics
 * auto-created with 4 partitions. It keeps only ~5 MiB per partition.
 *
 * @example
 *   const cluster = await startKafkaMockCluster();
 *   const bus = new KafkaBus({ brokers: cluster.brokers, clientId: 'test', log });
 *   await cluster.stop();
 */
import { spawn } from 'node:child_process';

export interface KafkaMockCluster {
  readonly brokers: string[];
  stop(): Promise<void>;
}

export async function startKafkaMockCluster({ brokers = 3, timeoutMs = 15_000 } = {}): Promise<KafkaMockCluster> {
  const child = spawn('kcat', ['-X', `test.mock.num.brokers=${brokers}`, '-b', 'localhost:1', '-C', '-t', 'perigee-mock-keepalive', '-q'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const list = await new Promise<string[]>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => fail(new Error(`kcat printed no mock bootstrap servers within ${timeoutMs} ms:\n${seen}`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.once('error', (error: NodeJS.ErrnoException) =>
      fail(error.code === 'ENOENT' ? new Error('kcat is not installed: apt-get install -y kcat (the test command installs it)') : error),
    );
    const onEarlyExit = (code: number | null) => fail(new Error(`kcat exited (${code}) before the mock cluster was up:\n${seen}`));
    child.once('exit', onEarlyExit);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (seen.length < 10_000) seen += chunk;
      const match = /replaced with ([0-9.:,]+)/.exec(seen) ?? /bootstrap\.servers=([0-9.:,]+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        child.off('exit', onEarlyExit);
        resolve(match[1]!.split(','));
      }
    });
  });
  // Keep draining stderr so kcat never blocks on a full pipe.
  child.stderr.resume();
  return {
    brokers: list,
    stop: async () => {
      if (child.exitCode !== null) return;
      // kcat's mock cluster does not always leave on SIGTERM: escalate after a grace period.
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 1000);
      await exited;
      clearTimeout(timer);
    },
  };
}
