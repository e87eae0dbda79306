/**
 * Effectively-once under crashes: `perigee worker` (processor + archiver) is
 * killed with SIGKILL in the middle of its batches, again and again, while
 * telemetry keeps arriving on Kafka; after it is restarted and catches up,
 * the archive holds every produced packet and sample exactly once, and the
 * gold tiers count each sample exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../db/testing/test-database';
import { KafkaBus } from '../adapters/kafka/kafka-bus';
import { threadNiceValues } from '../commands/testing/thread-nice';
import type { KafkaMockCluster } from '../adapters/kafka/testing/kafka-mock-cluster';
import { PROJECT_ROOT } from '../config';
import { secondTierParameterIds } from '../domain/aggregation/series-tier';
import { decodePacket } from '../domain/codec/packet-codec';
import { demoFleet } from '../domain/mission/fleet';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { createLogger } from '../log';
import { FleetSimulator } from '../sim/fleet-simulator';
import { publishAsGateway } from '../ingest/testing/publish-as-gateway';
import { useDatabaseAndKafka } from './testing/database-and-kafka';

const mdb = defaultMissionDatabase();
const log = createLogger({ level: 'error', namespace: 'crash-test' });
const SECONDS = 40;
const KILLS = 3;

// The database and the cluster stop after this file's own afterAll (after-hooks run in reverse order).
const databaseAndKafka = useDatabaseAndKafka();
let db: TestDatabase;
let cluster: KafkaMockCluster;
let bus: KafkaBus;

beforeAll(async () => {
  ({ db, cluster } = databaseAndKafka);
  bus = new KafkaBus({ brokers: cluster.brokers, clientId: 'crash-test-producer', log });
}, 120_000);

afterAll(async () => {
  await bus?.close();
});

function startWorker(): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'worker'], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      KAFKA_BROKERS: cluster.brokers.join(','),
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      LOG_LEVEL: 'error',
      WEB_NODE_ID: 'crash-test',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function scalar(sql: string): Promise<number> {
  return Number((await db.pool.query(sql)).rows[0].n);
}

async function waitUntil(what: string, done: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('Worker > crash recovery', () => {
  it('stores every packet and sample exactly once across repeated SIGKILLs under load', async () => {
    const now = Date.now();
    const startMs = now - SECONDS * 1000;
    const sim = new FleetSimulator({ mdb, fleet: demoFleet(3), seed: 21, startTimeMs: startMs });
    const packets = sim.advance(now).packets;
    const decoded = packets.map((p) => {
      const r = decodePacket(mdb, p.bytes);
      if (!r.ok) throw r.error;
      return r.packet;
    });
    const expectedSamples = decoded.reduce((n, p) => n + p.values.length, 0);
    // The 1-second tier keeps the parameters sampled faster than 1 Hz (attitude, power).
    const secondTier = secondTierParameterIds(mdb);
    const expectedPerSecond = new Map<number, number>();
    let expectedSecondTier = 0;
    for (const p of decoded) {
      const inTier = p.layout.parameters.filter((param) => secondTier.has(param.id)).length;
      if (inTier === 0) continue;
      const second = Math.floor(p.onboardTimeMs / 1000) * 1000;
      expectedPerSecond.set(second, (expectedPerSecond.get(second) ?? 0) + inTier);
      expectedSecondTier += inTier;
    }

    const producer = await bus.producer();
    const produce = (from: number, to: number) => publishAsGateway(producer, mdb, packets.slice(from, to));

    // Load keeps arriving in slices while the worker is killed and restarted.
    const slices = KILLS + 2;
    const sliceSize = Math.ceil(packets.length / slices);
    let worker = startWorker();
    for (let kill = 0; kill < KILLS; kill++) {
      await produce(kill * sliceSize, (kill + 1) * sliceSize);
      const before = await scalar('SELECT count(*) AS n FROM samples');
      // Kill once the worker is visibly mid-stream: some of this slice stored, not all of it.
      await waitUntil('progress before the kill', async () => (await scalar('SELECT count(*) AS n FROM samples')) > before, 60_000);
      worker.kill('SIGKILL');
      await new Promise((r) => worker.once('exit', r));
      worker = startWorker();
    }
    await produce(KILLS * sliceSize, packets.length);
    try {
      await waitUntil('every sample archived', async () => (await scalar('SELECT count(*) AS n FROM samples')) >= expectedSamples, 120_000);
      // Give a late duplicate the chance to show up before counting.
      await new Promise((r) => setTimeout(r, 2000));
      // The worker role runs below the live path's priority (WORKER_NICE, 10 by default), every thread of it
      // but the one raising alarms (its real-time lane's, WORKER_REALTIME_THREAD), which keeps this test's.
      const [ours] = new Set(threadNiceValues('self'));
      const nice = threadNiceValues(worker.pid!);
      expect(nice.filter((n) => n !== 10)).toEqual([ours]);
      expect(nice.filter((n) => n === 10).length).toBeGreaterThan(1);
    } finally {
      worker.kill('SIGTERM');
      await new Promise((r) => worker.once('exit', r));
    }

    expect(await scalar('SELECT count(*) AS n FROM samples')).toBe(expectedSamples);
    expect(await scalar('SELECT count(*) AS n FROM raw_packets')).toBe(packets.length);
    expect(await scalar('SELECT count(DISTINCT (topic, partition, "offset")) AS n FROM raw_packets')).toBe(packets.length);
    expect(await scalar('SELECT count(*) AS n FROM packets')).toBe(packets.length);
    expect(await scalar('SELECT coalesce(sum(count), 0) AS n FROM agg_1s')).toBe(expectedSecondTier);
    expect(await scalar('SELECT coalesce(sum(count), 0) AS n FROM agg_1m')).toBe(expectedSamples);
    const perSecond = await db.pool.query(`SELECT (extract(epoch FROM bucket) * 1000)::float8 AS ms, sum(count)::int AS n FROM agg_1s GROUP BY 1 ORDER BY 1`);
    expect(perSecond.rows.map((r) => [r.ms, r.n])).toEqual([...expectedPerSecond].sort((a, b) => a[0] - b[0]));
  }, 300_000);
});
