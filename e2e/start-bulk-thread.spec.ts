/**
 * `perigee start` on Kafka with START_BULK_THREAD (the Kafka mock cluster, a
 * throwaway TimescaleDB): the processor's playback lane and the archive run
 * on a thread of their own at WORKER_NICE, everything else on the main
 * thread at the priority it started with. The console shows live telemetry
 * (main thread); a pass dump produced onto the playback topic is decoded and
 * archived on the thread — every packet, no alarm — and the ops page, fed by
 * the process's metrics, counts the thread's work with the rest.
 */
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { startTestDatabase, type TestDatabase } from '../db/testing/test-database';
import { KafkaBus } from '../server/adapters/kafka/kafka-bus';
import { startKafkaMockCluster, type KafkaMockCluster } from '../server/adapters/kafka/testing/kafka-mock-cluster';
import { threadNiceById, threadNiceValues } from '../server/commands/testing/thread-nice';
import { defaultMissionDatabase } from '../server/domain/mission/default-mission-database';
import { createLogger } from '../server/log';
import { sendDump } from '../server/worker/testing/power-workload';
import { deploymentEnv, startRole, type RoleProcess } from './support/perigee-role';

const mdb = defaultMissionDatabase();
const admin = { username: 'bulk-admin', password: randomBytes(12).toString('base64url') };
let db: TestDatabase;
let cluster: KafkaMockCluster;
let perigee: RoleProcess;
let url: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  [db, cluster] = await Promise.all([startTestDatabase(), startKafkaMockCluster()]);
  const env = await deploymentEnv({ databaseUrl: db.url, brokers: cluster.brokers, satellites: 1, nodeId: 'bulk-thread' });
  perigee = startRole('start', { ...env, LOG_LEVEL: 'info', START_BULK_THREAD: '1', PERIGEE_ADMIN_USER: admin.username, PERIGEE_ADMIN_PASSWORD: admin.password });
  url = await perigee.waitFor(/Perigee is running: (\S+)/, 120_000);
});

test.afterAll(async () => {
  await perigee?.kill('SIGTERM');
  await Promise.all([db?.stop(), cluster?.stop()]);
});

test('the dump is archived on the bulk thread at nice 10 while the console stays live, and the ops page counts both threads', async ({ page }) => {
  test.setTimeout(180_000);
  const tid = Number(await perigee.waitFor(/playback, archive on thread (\d+)/));
  await perigee.waitFor(/thread \d+ at nice 10 \(WORKER_NICE\)/);
  // Only the bulk thread was lowered: every other thread kept the priority the process started with (this test's).
  const nice = threadNiceById(perigee.child.pid!);
  const [ours] = new Set(threadNiceValues('self'));
  expect(nice.get(tid)).toBe(10);
  expect(new Set([...nice].filter(([id]) => id !== tid).map(([, n]) => n))).toEqual(new Set([ours]));

  // Live telemetry on the console, from the main thread's live feed.
  const login = await page.request.post(`${url}/api/auth/login`, { data: admin, headers: { origin: url } });
  expect(login.status()).toBe(200);
  await page.goto(`${url}/satellites/101`);
  await expect.poll(async () => Number(await page.getByTestId('panel-attitude').getAttribute('data-live-count')), { timeout: 30_000 }).toBeGreaterThan(10);

  // A pass dump: decoded by the playback lane and archived, both on the thread; hour-old low voltages raise no alarm.
  const bus = new KafkaBus({ brokers: cluster.brokers, clientId: 'bulk-thread-test', log: createLogger({ level: 'error', namespace: 'bulk-thread-test' }) });
  let dumpPackets: number;
  try {
    dumpPackets = await sendDump(await bus.producer(), mdb);
  } finally {
    await bus.close();
  }
  const playback = async () => Number((await db.pool.query('SELECT count(*) AS n FROM packets WHERE playback')).rows[0].n);
  await expect.poll(playback, { timeout: 60_000 }).toBe(dumpPackets);
  // Every parameter of every dumped packet, at its hour-old time.
  const dumpSamples = `SELECT count(*)::int AS n FROM samples WHERE ts < now() - interval '30 minutes'`;
  await expect.poll(async () => (await db.pool.query(dumpSamples)).rows[0].n).toBe(dumpPackets * mdb.latestLayout(272)!.parameters.length);
  expect((await db.pool.query(`SELECT count(*)::int AS n FROM alarm_events WHERE window_end < now() - interval '30 minutes'`)).rows[0].n).toBe(0);

  // The ops page: the thread's playback lane counted with the main thread's real-time lane, every group's lag watched.
  await page.goto(`${url}/ops`);
  const row = (what: string) => page.locator(`[data-testid="ops-throughput-row"][data-stage="processor"][data-what="${what}"] td`).last();
  await expect(row('packets (playback)')).toHaveText(String(dumpPackets), { timeout: 15_000 });
  await expect.poll(async () => Number(await row('packets (realtime)').textContent())).toBeGreaterThan(0);
  for (const role of ['processor', 'processor playback', 'archiver', 'live feed']) {
    await expect(page.locator(`[data-testid^="ops-group-"][data-role="${role}"]`).first()).toBeVisible();
  }

  // A clean stop ends the thread with the process.
  perigee.child.kill('SIGTERM');
  const code = await new Promise<number | null>((resolve) => perigee.child.once('exit', resolve));
  expect(code).toBe(0);
});
