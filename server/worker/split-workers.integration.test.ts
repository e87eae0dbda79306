/**
 * Two `perigee worker` processes splitting the work (WORKER_PARTS) on Kafka
 * and real TimescaleDB: one runs the processor's real-time lane at full
 * priority (WORKER_NICE=0), the other the playback lane and the archive at
 * the default nice value. Together they archive live telemetry and a pass
 * dump, and the alarm the first one raises is recorded by the second.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../db/testing/test-database';
import { KafkaBus } from '../adapters/kafka/kafka-bus';
import type { KafkaMockCluster } from '../adapters/kafka/testing/kafka-mock-cluster';
import { threadNiceValues } from '../commands/testing/thread-nice';
import { PROJECT_ROOT } from '../config';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { createLogger } from '../log';
import { expectArchived, sendLiveAlarmAndDump, waitForArchive } from './testing/live-alarm-and-dump';
import { useDatabaseAndKafka } from './testing/database-and-kafka';

const mdb = defaultMissionDatabase();
const log = createLogger({ level: 'error', namespace: 'split-workers-test' });

// The database and the cluster stop after this file's own afterAll (after-hooks run in reverse order).
const databaseAndKafka = useDatabaseAndKafka();
let db: TestDatabase;
let cluster: KafkaMockCluster;
let bus: KafkaBus;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  ({ db, cluster } = databaseAndKafka);
  bus = new KafkaBus({ brokers: cluster.brokers, clientId: 'split-workers-test', log });
}, 120_000);

afterAll(async () => {
  for (const w of workers) {
    if (w.exitCode === null) {
      w.kill('SIGTERM');
      await new Promise((r) => w.once('exit', r));
    }
  }
  await bus?.close();
});

function startWorker(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'worker'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: db.url, KAFKA_BROKERS: cluster.brokers.join(','), LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  workers.push(child);
  return child;
}

describe('Worker > split in two processes', () => {
  it('archives live telemetry and a dump, and records the alarm the real-time worker raised', async () => {
    const realtime = startWorker({ WORKER_PARTS: 'realtime', WORKER_NICE: '0' });
    const bulk = startWorker({ WORKER_PARTS: 'playback,archive' });
    const sent = await sendLiveAlarmAndDump(await bus.producer(), mdb);
    await waitForArchive(db.pool, sent);
    await expectArchived(db.pool, sent);
    // The archive's offsets are the bulk worker's, in its two lanes' groups.
    expect((await db.pool.query('SELECT DISTINCT consumer_group FROM consumer_offsets ORDER BY 1')).rows.map((r) => r.consumer_group)).toEqual([
      'perigee-archiver',
      'perigee-archiver-alarms',
    ]);
    // The real-time worker kept the priority it was started with; the bulk one gives way.
    expect(new Set(threadNiceValues(realtime.pid!))).toEqual(new Set(threadNiceValues('self')));
    expect(new Set(threadNiceValues(bulk.pid!))).toEqual(new Set([10]));
  }, 240_000);
});
