/**
 * Live path during a pass dump with one process per role, as Perigee is
 * deployed on Kafka: `perigee ingest`, `perigee worker`, `perigee web` and
 * `perigee sim` each run as their own process against librdkafka's mock
 * cluster and an embedded TimescaleDB. A Socket.IO client signed in to the
 * web process subscribes to every panel of the fleet; the benchmark prints
 * the live path (gateway arrival → Socket.IO emit, both stamped on the frame)
 * and the end-to-end latency (onboard creation → client) at real-time
 * rates, then the same while a recorder dump is pushed into the ingest
 * gateway as fast as it takes it, and the time until the dump is archived;
 * alarms raised by a live packet injected every second, timed to the
 * client and into the archive (alarm-probe.ts), over both intervals; then
 * the cores each process used over both intervals, and each role's peak
 * resident memory before and after the dump. Then a longer dump offered to
 * the gateway at a fixed rate (`--sustained-rate` samples/s for
 * `--sustained-seconds`, sustained-dump.ts): the samples/s archived
 * meanwhile, the lag every 10 s, the drain after the last packet, the live
 * path and alarms meanwhile, and the cores each process used.
 *
 * The pipeline benchmark (`npm run bench`) runs every part in one process,
 * as `perigee start` does; this one shows what separating them buys the
 * live path. Needs the console built (`npm run build`) for the web role.
 *
 * With --split-worker the worker runs as two processes (WORKER_PARTS): the
 * processor's real-time lane at full priority (WORKER_NICE=0), and the
 * playback lane with the archive at the default nice value.
 *
 * By default the worker runs its real-time lane on a thread of its own at
 * full priority (WORKER_REALTIME_THREAD), the rest at nice 10; with
 * --realtime-on-main the lane shares the worker's event loop and nice value.
 *
 * usage: npm run bench:roles -- [--satellites 10] [--seconds 20] [--dump-satellites 20] [--dump-minutes 1]
 *          [--sustained-rate 100000] [--sustained-seconds 60] [--split-worker | --realtime-on-main]
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { io as connect, type Socket } from 'socket.io-client';
import { startTestDatabase } from '../db/testing/test-database';
import { startKafkaMockCluster } from '../server/adapters/kafka/testing/kafka-mock-cluster';
import { defaultMissionDatabase } from '../server/domain/mission/default-mission-database';
import { FIRST_SATELLITE_ID } from '../server/domain/mission/fleet';
import { SOCKET_EVENTS } from '../server/realtime/events';
import { deploymentEnv, freePort, startRole, type RoleProcess } from '../e2e/support/perigee-role';
import { formatNumber as fmt } from './format';
import { frameLatencies, type LatencySummary } from './latency-summary';
import { describeAlarmTimes, startAlarmProbe, type AlarmProbeOptions, type AlarmProbeResult } from './alarm-probe';
import { cpuBetween, describeCores, descendantCpu, rolePeakMemory } from './process-cpu';
import { recordedDump, sendWhole } from './recorded-dump';
import { archiveCounts, countPlayback, describeSustained, describeSustainedCpu, offerSustained, offeredDump, untilArchived, type Sustained } from './sustained-dump';
import { nominalRates } from './nominal-rates';

const { values: args } = parseArgs({
  options: {
    satellites: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '20' },
    'dump-satellites': { type: 'string', default: '20' },
    // The mock cluster keeps ~5 MiB per partition and silently drops older data: the dump's sample
    // messages (~400 bytes a packet) must fit while they wait for the archiver.
    'dump-minutes': { type: 'string', default: '1' },
    // Then a longer dump offered at a fixed rate (sustained-dump.ts; 0: not run).
    'sustained-rate': { type: 'string', default: '100000' },
    'sustained-seconds': { type: 'string', default: '60' },
    'split-worker': { type: 'boolean', default: false },
    'realtime-on-main': { type: 'boolean', default: false },
  },
});
const satellites = Number(args.satellites);
const seconds = Number(args.seconds);
const mdb = defaultMissionDatabase();
const ROOT = path.resolve(import.meta.dirname, '..');

interface Measured {
  readonly frames: number;
  readonly livePath: LatencySummary;
  readonly endToEnd: LatencySummary;
  readonly alarms: AlarmProbeResult;
}

/**
 * Collects the live path and end-to-end latency of every frame the client
 * gets while `during` runs, and times alarms raised by a live packet
 * injected every second (alarm-probe.ts).
 */
async function measure(client: Socket, probe: Omit<AlarmProbeOptions, 'client'>, during: () => Promise<void>): Promise<Measured> {
  const frames = frameLatencies();
  client.on(SOCKET_EVENTS.telemetryFrames, frames.record);
  const alarms = startAlarmProbe({ client, ...probe });
  await during();
  client.off(SOCKET_EVENTS.telemetryFrames, frames.record);
  return { ...frames.summary(), alarms: await alarms.stop() };
}

/** perigee_archiver_samples_total from the worker's metrics. */
async function archivedSamples(metricsUrl: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  const line = text.split('\n').find((l) => l.startsWith('perigee_archiver_samples_total'));
  return line === undefined ? 0 : Number(line.split(' ').pop());
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) throw new Error('the web role serves the built console: run `npm run build` first');
  const [db, cluster] = await Promise.all([startTestDatabase(), startKafkaMockCluster()]);
  const roles: RoleProcess[] = [];
  // Interrupted (Ctrl-C, a closed pipe), the roles must not outlive the benchmark.
  process.once('exit', () => roles.forEach((r) => r.child.kill('SIGKILL')));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => process.exit(130));
  process.stdout.on('error', () => process.exit(141));
  try {
    const env = await deploymentEnv({ databaseUrl: db.url, brokers: cluster.brokers, satellites, nodeId: 'bench' });
    const [tcpPort, metricsPort] = [Number(env.INGEST_TCP_PORT), await freePort()];
    const admin = { username: 'bench-admin', password: randomBytes(12).toString('base64url') };
    const migrate = startRole('migrate', env);
    await migrate.waitFor(/database ready/);
    const split = args['split-worker'];
    // The metrics (archived samples) come from the process that archives.
    const worker = startRole('worker', {
      ...env,
      LOG_LEVEL: 'info',
      METRICS_PORT: String(metricsPort),
      ...(split ? { WORKER_PARTS: 'playback,archive' } : {}),
      ...(args['realtime-on-main'] ? { WORKER_REALTIME_THREAD: '0' } : {}),
    });
    const realtime = split ? startRole('worker', { ...env, LOG_LEVEL: 'info', WORKER_PARTS: 'realtime', WORKER_NICE: '0' }) : undefined;
    const ingest = startRole('ingest', { ...env, LOG_LEVEL: 'info' });
    roles.push(worker, ingest, ...(realtime ? [realtime] : []));
    await Promise.all([worker.waitFor(/archiving /), ingest.waitFor(/listening: packets/), realtime?.waitFor(/processing /)]);
    const web = startRole('web', { ...env, PERIGEE_ADMIN_USER: admin.username, PERIGEE_ADMIN_PASSWORD: admin.password });
    roles.push(web);
    const url = await web.waitFor(/Perigee console: (\S+)/, 90_000);
    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', body: JSON.stringify(admin), headers: { origin: url, 'content-type': 'application/json' } });
    if (login.status !== 200) throw new Error(`sign-in refused: ${login.status} ${await login.text()}`);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    roles.push(startRole('sim', env));

    const client = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie, origin: url } });
    await new Promise<void>((resolve, reject) => client.on('connect', () => resolve()).on('connect_error', reject));
    for (let id = 101; id < 101 + satellites; id++) {
      await client.emitWithAck(SOCKET_EVENTS.subscribe, { satelliteId: id, subsystems: ['attitude', 'thermal', 'power'] });
    }
    const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    const archive = {
      archivedSamples: () => archivedSamples(metricsUrl),
      playbackPackets: () => countPlayback(db.pool),
    };
    // Consumer groups join and the first packets reach the archive before anything is timed.
    for (const started = Date.now(); (await archivedSamples(metricsUrl)) === 0; ) {
      if (Date.now() - started > 90_000) throw new Error('nothing archived within 90 s');
      await new Promise((r) => setTimeout(r, 500));
    }
    // Built before anything is timed: while this process simulates the dump, frames queue unread in its socket.
    const dump = recordedDump(mdb, Number(args['dump-satellites']), Number(args['dump-minutes']));
    const rate = Number(args['sustained-rate']);
    const dumpSatellites = Number(args['dump-satellites']);
    const sustained = rate > 0 ? offeredDump(mdb, dumpSatellites, rate, Number(args['sustained-seconds'])) : undefined;
    await new Promise((r) => setTimeout(r, 3000));
    console.log(
      `Perigee roles benchmark: ingest, ${split ? 'two workers (realtime at nice 0; playback and archive)' : args['realtime-on-main'] ? 'worker (every part on one event loop at nice 10)' : 'worker (realtime on a thread at nice 0)'}, web and sim as separate processes ` +
        `on Kafka (mock cluster), ${satellites} satellites live`,
    );

    const quietCpu = descendantCpu();
    // Timed as run: the interval also holds the wait for the last injected alarms.
    const quietStarted = performance.now();
    const probe = { tcpPort, pool: db.pool, mdb, satelliteId: FIRST_SATELLITE_ID + satellites };
    const quiet = await measure(client, probe, () => new Promise((r) => setTimeout(r, seconds * 1000)));
    const quietUsed = cpuBetween(quietCpu, descendantCpu());
    const quietMemory = rolePeakMemory();
    const quietSeconds = (performance.now() - quietStarted) / 1000;
    let catchUpSeconds = NaN;
    let dumpUsed: Array<[string, number]> = [];
    const during = await measure(client, probe, async () => {
      const counts = await archiveCounts(archive);
      const started = performance.now();
      const until = started + seconds * 1000;
      const dumpCpu = descendantCpu();
      await sendWhole(dump, tcpPort);
      await untilArchived({ dump, ...archive }, counts);
      catchUpSeconds = (performance.now() - started) / 1000;
      dumpUsed = cpuBetween(dumpCpu, descendantCpu());
      const left = until - performance.now();
      if (left > 0) await new Promise((r) => setTimeout(r, left));
    });
    const line = (m: Measured) =>
      `live path p50 ${fmt(m.livePath.p50)} ms, p99 ${fmt(m.livePath.p99)} ms, max ${fmt(m.livePath.max)} ms; ` +
      `onboard → client p50 ${fmt(m.endToEnd.p50)} ms, p99 ${fmt(m.endToEnd.p99)} ms (${fmt(m.frames)} frames)`;
    console.log(`without a dump: ${line(quiet)}`);
    console.log(`without a dump: ${describeAlarmTimes(quiet.alarms)}`);
    console.log(`during the dump: ${line(during)}`);
    console.log(`during the dump: ${describeAlarmTimes(during.alarms)}`);
    console.log(
      `pass dump of ${args['dump-satellites']} satellites × ${args['dump-minutes']} min (${fmt(dump.packets)} packets, ${fmt(dump.samples)} samples) ` +
        `archived in ${fmt(catchUpSeconds, 1)} s (${fmt(dump.samples / catchUpSeconds)} samples/s) while the fleet streamed live`,
    );
    // Where the two cores went: CPU seconds per process (Perigee's roles, PostgreSQL, the mock cluster) over each interval.
    console.log(`CPU without a dump (${fmt(quietSeconds, 1)} s): ${describeCores(quietUsed, quietSeconds)}`);
    console.log(`CPU while the dump was archived (${fmt(catchUpSeconds, 1)} s): ${describeCores(dumpUsed, catchUpSeconds)}`);
    const memory = (peaks: Array<[string, number]>) => peaks.map(([name, mib]) => `${name} ${fmt(mib)}`).join(', ');
    console.log(`peak resident memory, MiB: before the dump ${memory(quietMemory)}; after it ${memory(rolePeakMemory())}`);

    if (sustained) {
      const { dump: offered, minutes } = sustained;
      let result: Sustained | undefined;
      const under = await measure(client, probe, async () => {
        result = await offerSustained({
          dump: offered,
          port: tcpPort,
          samplesPerS: rate,
          liveSamplesPerS: nominalRates(mdb).samplesPerS * satellites,
          ...archive,
          cpu: () => descendantCpu(),
        });
      });
      console.log(
        `sustained: a dump of ${dumpSatellites} satellites × ${minutes} min (${fmt(offered.packets)} packets, ${fmt(offered.samples)} samples) ` +
          `while the fleet streamed live, ${describeSustained(result!, rate)}`,
      );
      console.log(`during the sustained dump: ${line(under)}`);
      console.log(`during the sustained dump: ${describeAlarmTimes(under.alarms)}`);
      console.log(`while the sustained dump was offered (${fmt(result!.offerSeconds, 1)} s): ${describeSustainedCpu(result!)}`);
    }
    client.close();
  } finally {
    for (const role of roles.reverse()) await role.kill('SIGTERM');
    await Promise.all([db.stop(), cluster.stop()]);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
