/**
 * One `perigee worker` on Kafka and real TimescaleDB with its real-time lane
 * on a thread of its own (WORKER_REALTIME_THREAD): the thread raises the
 * alarm of a live packet, the rest of the worker archives it with the live
 * telemetry and a pass dump, and only the thread keeps the priority the
 * worker started with.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../db/testing/test-database';
import { KafkaBus } from '../adapters/kafka/kafka-bus';
import { startKafkaMockCluster, type KafkaMockCluster } from '../adapters/kafka/testing/kafka-mock-cluster';
import { threadNiceById, threadNiceValues } from '../commands/testing/thread-nice';
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
const log = createLogger({ level: 'error', namespace: 'realtime-thread-test' });
const VOLTAGE = 'power.battery_voltage';

let db: TestDatabase;
let cluster: KafkaMockCluster;
let bus: KafkaBus;
let worker: ChildProcess | undefined;

beforeAll(async () => {
  [db, cluster] = await Promise.all([startTestDatabase(), startKafkaMockCluster()]);
  bus = new KafkaBus({ brokers: cluster.brokers, clientId: 'realtime-thread-test', log });
}, 120_000);

afterAll(async () => {
  if (worker && worker.exitCode === null) {
    worker.kill('SIGTERM');
    await new Promise((r) => worker!.once('exit', r));
  }
  await bus?.close();
  await Promise.all([db?.stop(), cluster?.stop()]);
});

const scalar = async (sql: string) => Number((await db.pool.query(sql)).rows[0].n);

function power(sequenceCount: number, onboardTimeMs: number, voltage: number, playback: boolean): Uint8Array {
  const values = Object.fromEntries(mdb.latestLayout(272)!.parameters.map((p) => [p.name, 2]));
  Object.assign(values, { [VOLTAGE]: voltage, 'power.battery_soc': 80, 'power.battery_temperature': 20, 'power.eclipse': 0 });
  return encodePacket(mdb, { apid: 272, satelliteId: 101, sequenceCount, onboardTimeMs, values, playback });
}

describe('Worker > real-time lane on its own thread', () => {
  it('raises and archives the live alarm, archives live telemetry and a dump, and lowers every thread but the lane\u2019s', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'worker'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATABASE_URL: db.url, KAFKA_BROKERS: cluster.brokers.join(','), LOG_LEVEL: 'info', WORKER_REALTIME_THREAD: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker = child;
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const started = Date.now() + 60_000;
    while (!/worker running .*realtime on its own thread/.test(output)) {
      if (Date.now() > started || child.exitCode !== null) throw new Error(`the worker did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const tid = Number(/real-time lane on thread (\d+)/.exec(output)![1]);

    const now = Date.now();
    const live = new FleetSimulator({ mdb, fleet: demoFleet(1), seed: 4, startTimeMs: now - 10_000 }).advance(now - 2_000).packets;
    const lowAt = now - 1_000;
    const dump = Array.from({ length: 30 }, (_, i) => power(i, now - 3_600_000 + i * 200, 23.5, true));
    const producer = await bus.producer();
    await publishAsGateway(producer, mdb, live);
    await producer.send(TOPICS.rawPower, [{ key: '101', value: Buffer.from(power(9000, lowAt, 24, false)), headers: receptionHeaders({ arrivalMs: lowAt + 40 }) }]);
    await producer.send(TOPICS.rawPlayback, dump.map((bytes) => ({ key: '101', value: Buffer.from(bytes), headers: receptionHeaders({ arrivalMs: now, playback: true }) })));

    const expected = live.length + 1 + dump.length;
    const deadline = Date.now() + 120_000;
    while ((await scalar('SELECT count(*) AS n FROM packets')) < expected || (await scalar('SELECT count(*) AS n FROM alarm_events')) === 0) {
      if (Date.now() > deadline) throw new Error(`archive holds ${await scalar('SELECT count(*) AS n FROM packets')} of ${expected} packets:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    await new Promise((r) => setTimeout(r, 1000));

    expect(await scalar('SELECT count(*) AS n FROM packets')).toBe(expected);
    expect(await scalar('SELECT count(*) AS n FROM packets WHERE playback')).toBe(dump.length);
    expect(await scalar('SELECT count(*) AS n FROM raw_packets')).toBe(expected);
    const events = await db.pool.query(`SELECT subject, kind, severity, value, (extract(epoch FROM window_end) * 1000)::float8 AS at FROM alarm_events`);
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0]).toMatchObject({ subject: VOLTAGE, kind: 'raised', severity: 'critical' });
    expect(events.rows[0].value).toBeCloseTo(24, 3);
    expect(Math.abs(events.rows[0].at - lowAt)).toBeLessThan(0.02);

    // The lane's thread kept the worker's starting priority (the test's); every other thread is at nice 10.
    const nice = threadNiceById(child.pid!);
    const [started0] = new Set(threadNiceValues('self'));
    expect(nice.get(tid)).toBe(started0);
    expect(new Set([...nice].filter(([id]) => id !== tid).map(([, n]) => n))).toEqual(new Set([10]));

    // A clean stop ends the thread with the worker.
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code).toBe(0);
  }, 240_000);
});
