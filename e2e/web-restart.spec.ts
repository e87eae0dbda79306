/**
 * A web node restarted under a watching console, in a distributed Perigee on
 * the Kafka mock cluster (worker, ingest, simulator and web as their own
 * processes, a throwaway TimescaleDB): the web process is killed (SIGKILL,
 * as a crash) and started again on the same port while telemetry keeps
 * flowing through the rest. The browser shows the connection lost, Socket.IO
 * reconnects to the new process on its own (the session lives in the
 * database, so the new node knows it), and the console backfills the missed
 * interval from the archive: afterwards the attitude plot has no hole as
 * long as the outage (what may remain are the short holes of volatile frames
 * a loaded browser missed, which the plot already had before the kill).
 */
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { startTestDatabase, type TestDatabase } from '../db/testing/test-database';
import { startKafkaMockCluster, type KafkaMockCluster } from '../server/adapters/kafka/testing/kafka-mock-cluster';
import { deploymentEnv, startRole, type RoleProcess } from './support/perigee-role';

let db: TestDatabase;
let cluster: KafkaMockCluster;
const roles: RoleProcess[] = [];
let env: Record<string, string>;
let url: string;
/** How long no web node runs, besides its start-up, ms. */
const OUTAGE_MS = 6000;
const admin = { username: 'restart-admin', password: randomBytes(12).toString('base64url') };

test.beforeAll(async () => {
  test.setTimeout(180_000);
  [db, cluster] = await Promise.all([startTestDatabase(), startKafkaMockCluster()]);
  env = {
    ...(await deploymentEnv({ databaseUrl: db.url, brokers: cluster.brokers, satellites: 1, nodeId: 'restart' })),
    KAFKA_SESSION_TIMEOUT_MS: '6000',
  };
  const migrate = startRole('migrate', env);
  await migrate.waitFor(/database ready/);
  roles.push(startRole('worker', { ...env, LOG_LEVEL: 'info' }), startRole('ingest', { ...env, LOG_LEVEL: 'info' }));
  await Promise.all([roles[0]!.waitFor(/archiving /), roles[1]!.waitFor(/listening: packets/)]);
  roles.push(startRole('sim', env));
  url = await startWeb();
});

test.afterAll(async () => {
  for (const role of roles.reverse()) await role.kill('SIGTERM');
  await Promise.all([db?.stop(), cluster?.stop()]);
});

async function startWeb(): Promise<string> {
  const web = startRole('web', { ...env, PERIGEE_ADMIN_USER: admin.username, PERIGEE_ADMIN_PASSWORD: admin.password });
  roles.push(web);
  return web.waitFor(/Perigee console: (\S+)/, 90_000);
}

test('a web node killed and restarted: the console reconnects by itself and backfills the missed interval, leaving no hole as long as the outage', async ({ page }) => {
  test.setTimeout(180_000);
  const login = await page.request.post(`${url}/api/auth/login`, { data: admin, headers: { origin: url } });
  expect(login.status()).toBe(200);
  await page.goto(`${url}/satellites/101`);
  const panel = page.getByTestId('panel-attitude');
  await expect.poll(async () => Number(await panel.getAttribute('data-live-count')), { timeout: 30_000 }).toBeGreaterThan(20);
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
  // On a loaded machine the live view can already hold short holes (volatile frames a busy browser missed):
  // they are the baseline, and the outage's hole must not outlast the backfill beyond it.
  await page.waitForTimeout(5000);
  const baselineGapMs = Math.max(1000, Number(await panel.getAttribute('data-largest-gap-ms')));

  const web = roles.pop()!;
  await web.kill('SIGKILL');
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'disconnected');
  await expect(page.getByTestId('backfill-state')).toHaveAttribute('data-state', 'outage');
  await page.waitForTimeout(OUTAGE_MS);
  // The satellite kept sending while no web node ran: the plot has a hole for now, longer than anything before.
  await expect.poll(async () => Number(await panel.getAttribute('data-largest-gap-ms'))).toBeGreaterThan(Math.max(OUTAGE_MS, baselineGapMs));
  const outageStartedMs = Date.now() - OUTAGE_MS;

  expect(await startWeb()).toBe(url);
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
  await expect(page.getByTestId('backfill-state')).toHaveAttribute('data-state', 'backfilled', { timeout: 30_000 });
  // Frames flow from the new node, and the hole is filled from the archive.
  const liveBefore = Number(await panel.getAttribute('data-live-count'));
  await expect.poll(async () => Number(await panel.getAttribute('data-live-count')), { timeout: 30_000 }).toBeGreaterThan(liveBefore + 10);
  const missedMs = Date.now() - outageStartedMs;
  // The missed interval (the outage and the new node's start-up, tens of seconds) is filled from the archive:
  // what may remain are holes shorter than the outage, e.g. volatile frames a loaded browser missed.
  await expect.poll(async () => Number(await panel.getAttribute('data-largest-gap-ms')), { timeout: 40_000 }).toBeLessThan(OUTAGE_MS);
  console.info(`web restart: ${missedMs} ms without a web node; largest attitude gap after backfill ${await panel.getAttribute('data-largest-gap-ms')} ms (before the kill ${baselineGapMs} ms)`);
});
