/**
 * Two `perigee worker` processes splitting the work (WORKER_PARTS) on Kafka
 * and real TimescaleDB: one runs the processor's real-time lane at full
 * priority (WORKER_NICE=0), the other the playback lane and the archive at
 * the default nice value. Together they archive live telemetry and a pass
 * dump, and the alarm the first one raises is recorded by the second.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../db/testing/test-database';
import { KafkaBus } from '../adapters/kafka/kafka-bus';
import { startKafkaMockCluster, type KafkaMockCluster } from '../adapters/kafka/testing/kafka-mock-cluster';
import { threadNiceValues } from '../commands/testing/thread-nice';
import { PROJECT_ROOT } from '../config';
import { encodePacket } from '../domain/codec/packet-codec';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { demoFleet } from '../domain/mission/fleet';
import { publishAsGateway } from '../ingest/testing/publish-as-gateway';
import { createLogger } from '../log';
import { receptionHeaders } from '../raw-packet-headers';
import { FleetSimulator } from '../sim/fleet-simulator';
import { TOPICS } from '../topics';

const mdb = defaultMissionDatabase();
const log = createLogger({ level: 'error', namespace: 'split-workers-test' });
const VOLTAGE = 'power.battery_voltage';

let db: TestDatabase;
let cluster: KafkaMockCluster;
let bus: KafkaBus;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  [db, cluster] = await Promise.all([startTestDatabase(), startKafkaMockCluster()]);
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
  await Promise.all([db?.stop(), cluster?.stop()]);
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

async function scalar(sql: string): Promise<number> {
  return Number((await db.pool.query(sql)).rows[0].n);
}

function power(sequenceCount: number, onboardTimeMs: number, voltage: number, playback: boolean): Uint8Array {
  const values = Object.fromEntries(mdb.latestLayout(272)!.parameters.map((p) => [p.name, 2]));
  Object.assign(values, { [VOLTAGE]: voltage, 'power.battery_soc': 80, 'power.battery_temperature': 20, 'power.eclipse': 0 });
  return encodePacket(mdb, { apid: 272, satelliteId: 101, sequenceCount, onboardTimeMs, values, playback });
}

describe('Worker > split in two processes', () => {
  it('archives live telemetry and a dump, and records the alarm the real-time worker raised', async () => {
    const realtime = startWorker({ WORKER_PARTS: 'realtime', WORKER_NICE: '0' });
    const bulk = startWorker({ WORKER_PARTS: 'playback,archive' });
    const now = Date.now();
    // Ten seconds of one satellite's live telemetry, the last two left out: the alarm's packet comes last.
    const live = new FleetSimulator({ mdb, fleet: demoFleet(1), seed: 4, startTimeMs: now - 10_000 }).advance(now - 2_000).packets;
    const lowAt = now - 1_000;
    const hourAgo = now - 3_600_000;
    const dump = Array.from({ length: 30 }, (_, i) => power(i, hourAgo + i * 200, 23.5, true));
    const producer = await bus.producer();
    await publishAsGateway(producer, mdb, live);
    await producer.send(TOPICS.rawPower, [{ key: '101', value: Buffer.from(power(9000, lowAt, 24, false)), headers: receptionHeaders({ arrivalMs: lowAt + 40 }) }]);
    await producer.send(
      TOPICS.rawPlayback,
      dump.map((bytes) => ({ key: '101', value: Buffer.from(bytes), headers: receptionHeaders({ arrivalMs: now, playback: true }) })),
    );

    const expected = live.length + 1 + dump.length;
    const deadline = Date.now() + 120_000;
    while ((await scalar('SELECT count(*) AS n FROM packets')) < expected || (await scalar('SELECT count(*) AS n FROM alarm_events')) === 0) {
      if (Date.now() > deadline) throw new Error(`archive holds ${await scalar('SELECT count(*) AS n FROM packets')} of ${expected} packets`);
      await new Promise((r) => setTimeout(r, 250));
    }
    await new Promise((r) => setTimeout(r, 1000));

    expect(await scalar('SELECT count(*) AS n FROM packets')).toBe(expected);
    expect(await scalar('SELECT count(*) AS n FROM packets WHERE playback')).toBe(dump.length);
    expect(await scalar('SELECT count(*) AS n FROM raw_packets')).toBe(expected);
    // Only the live low voltage raised an alarm: the dump's hour-old ones did not.
    const events = await db.pool.query(`SELECT subject, kind, severity, value, (extract(epoch FROM window_end) * 1000)::float8 AS at FROM alarm_events`);
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0]).toMatchObject({ subject: VOLTAGE, kind: 'raised', severity: 'critical' });
    expect(events.rows[0].value).toBeCloseTo(24, 3);
    expect(Math.abs(events.rows[0].at - lowAt)).toBeLessThan(0.02);
    expect((await db.pool.query('SELECT state FROM alarms')).rows).toEqual([{ state: 'unacknowledged' }]);
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
