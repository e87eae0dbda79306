/**
 * One `perigee worker` on Kafka and real TimescaleDB, as it runs by default:
 * its real-time lane on a thread of its own (WORKER_REALTIME_THREAD), which raises the
 * alarm of a live packet, the rest of the worker archives it with the live
 * telemetry and a pass dump, only the thread keeps the priority the worker
 * started with, and the worker's METRICS_PORT serves what the thread counted
 * with what the rest of the worker counted. With WORKER_REALTIME_THREAD=0
 * the same work is done on the worker's one event loop, every thread lowered.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../db/testing/test-database';
import { KafkaBus } from '../adapters/kafka/kafka-bus';
import { startKafkaMockCluster, type KafkaMockCluster } from '../adapters/kafka/testing/kafka-mock-cluster';
import { threadNiceById, threadNiceValues } from '../commands/testing/thread-nice';
import { PROJECT_ROOT } from '../config';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { createLogger } from '../log';
import { expectArchived, sendLiveAlarmAndDump, waitForArchive } from './testing/live-alarm-and-dump';

const mdb = defaultMissionDatabase();
const log = createLogger({ level: 'error', namespace: 'realtime-thread-test' });

let db: TestDatabase;
let cluster: KafkaMockCluster;
let bus: KafkaBus;
let worker: ChildProcess | undefined;

// Each test its own database and cluster: the workload's counts are exact.
beforeEach(async () => {
  [db, cluster] = await Promise.all([startTestDatabase(), startKafkaMockCluster()]);
  bus = new KafkaBus({ brokers: cluster.brokers, clientId: 'realtime-thread-test', log });
}, 120_000);

afterEach(async () => {
  if (worker && worker.exitCode === null) {
    worker.kill('SIGTERM');
    await new Promise((r) => worker!.once('exit', r));
  }
  await bus?.close();
  await Promise.all([db?.stop(), cluster?.stop()]);
});

/** `perigee worker` as a process; resolves with it and its output so far once it says it runs (`started`). */
async function startWorker(env: Record<string, string>, started: RegExp): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'worker'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: db.url, KAFKA_BROKERS: cluster.brokers.join(','), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  worker = child;
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const deadline = Date.now() + 60_000;
  while (!started.test(output)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the worker did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => output };
}

async function stopWorker(child: ChildProcess): Promise<void> {
  // A clean stop ends any thread with the worker.
  child.kill('SIGTERM');
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  expect(code).toBe(0);
}

describe('Worker > real-time lane on its own thread', () => {
  it('raises and archives the live alarm, archives live telemetry and a dump, and lowers every thread but the lane\u2019s', async () => {
    const { child, output: log } = await startWorker({ METRICS_PORT: '0' }, /worker running .*realtime on its own thread/);
    const output = log();
    const tid = Number(/realtime on thread (\d+)/.exec(output)![1]);

    const sent = await sendLiveAlarmAndDump(await bus.producer(), mdb);
    await waitForArchive(db.pool, sent, () => `:\n${log()}`);
    await expectArchived(db.pool, sent);

    // The lane's thread kept the worker's starting priority (the test's); every other thread is at nice 10.
    const nice = threadNiceById(child.pid!);
    const [started0] = new Set(threadNiceValues('self'));
    expect(nice.get(tid)).toBe(started0);
    expect(new Set([...nice].filter(([id]) => id !== tid).map(([, n]) => n))).toEqual(new Set([10]));

    // The worker's /metrics: the live packets and the alarm counted on the thread, the dump counted by the worker itself.
    const metricsUrl = /metrics and health on (http:\/\/\S+\/metrics)/.exec(output)![1]!;
    const text = await (await fetch(metricsUrl)).text();
    const value = (pattern: RegExp) => [...text.matchAll(pattern)].map((m) => Number(m[1]));
    expect(value(/^perigee_processor_packets_total\{lane="realtime"\} (\d+)$/gm)).toEqual([sent.packets - sent.dumpPackets]);
    expect(value(/^perigee_processor_packets_total\{lane="playback"\} (\d+)$/gm)).toEqual([sent.dumpPackets]);
    expect(value(/^perigee_processor_alerts_total\{rule="[^"]+",kind="raised"\} (\d+)$/gm)).toEqual([1]);
    // The real-time lane's consumer group, caught up, among the worker's groups: its lag is watched for alarms.
    const groups = new Set([...text.matchAll(/^perigee_consumer_lag_messages\{group="([^"]+)"/gm)].map((m) => m[1]));
    expect(groups).toEqual(new Set(['perigee-processor', 'perigee-processor-playback', 'perigee-archiver', 'perigee-archiver-alarms']));
    expect(value(/^perigee_consumer_lag_messages\{group="perigee-processor",[^}]*\} (\d+)$/gm).every((lag) => lag === 0)).toBe(true);

    await stopWorker(child);
  }, 240_000);

  it('with WORKER_REALTIME_THREAD=0 does the same work on the worker\u2019s one event loop, every thread lowered', async () => {
    const { child, output } = await startWorker({ WORKER_REALTIME_THREAD: '0' }, /worker running /);
    expect(output()).not.toMatch(/on thread \d+/);
    const sent = await sendLiveAlarmAndDump(await bus.producer(), mdb);
    await waitForArchive(db.pool, sent, () => `:\n${output()}`);
    await expectArchived(db.pool, sent);
    expect(new Set(threadNiceValues(child.pid!))).toEqual(new Set([10]));
    await stopWorker(child);
  }, 240_000);
});
