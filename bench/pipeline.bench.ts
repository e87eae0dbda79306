/**
 * Pipeline benchmark: runs Perigee's real path — TCP into the ingest gateway,
 * the bus, the archive worker, TimescaleDB, the live feed and Socket.IO —
 * and prints, measured in this one run on this machine:
 *
 *   1. capacity: a backlog of simulator packets sits on the raw topics (as
 *      the gateway publishes them, arrival times included); the processor and
 *      the archiver then start and drain it. Printed: processor packets/s and
 *      samples/s, archived samples/s with both running, and — the archive
 *      emptied and the same log archived again by a new group with nothing
 *      else running, three rounds — the archiver's own samples/s; each round
 *      followed by a raw COPY of the very sample rows it stored into a fresh
 *      table shaped like `samples` in the same database (copy-baseline.ts),
 *      and its ratio taken to that COPY (the ratio is what bronze + silver +
 *      gold + lineage writes, parsing and the bus cost on top of the bare
 *      insert; neighbouring measurements, so a machine that slows down
 *      between them moves both);
 *   2. latency: at real-time rates through the gateway, packet creation
 *      onboard → delivery to a Socket.IO client subscribed to every panel,
 *      and the part the live path adds (gateway arrival → Socket.IO emit),
 *      p50/p99/max; and alarms (alarm-probe.ts): a live packet under a
 *      limit injected every second, timed to the alert on the Socket.IO
 *      client and to its alarm event committed in the archive;
 *   3. a pass dump: while the fleet keeps streaming live, a recorder dump
 *      (default 10 minutes of a 20-satellite fleet) is pushed through the
 *      gateway as fast as it takes it. Printed: the live path's and the
 *      alarms' latency during the dump next to those without, and the time
 *      until the whole dump is archived (catch-up);
 *   4. sustained: a longer dump offered to the gateway at a fixed rate
 *      (default 100,000 samples/s for a minute), as a downlink forwards it,
 *      while the fleet keeps streaming live. Printed: samples/s archived
 *      while it was offered, the lag (offered, not yet archived) every 10 s —
 *      bounded when the pipeline keeps up, growing when it does not — the
 *      time to drain after the last packet, and the live path and alarms
 *      meanwhile.
 *
 * With --bulk-thread the latency and dump runs on Kafka put the playback lane
 * and the archive on a thread of their own at WORKER_NICE, as `perigee start`
 * does with START_BULK_THREAD.
 *
 * usage: npm run bench -- [--satellites 10] [--capacity-seconds 60] [--kafka-capacity-seconds 40] [--latency-seconds 20]
 *          [--sustained-rate 100000] [--sustained-seconds 60] [--bus memory,kafka] [--bulk-thread]
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io as connect } from 'socket.io-client';
import { startTestDatabase, type TestDatabase } from '../db/testing/test-database';
import { KafkaBus } from '../server/adapters/kafka/kafka-bus';
import { startKafkaMockCluster, type KafkaMockCluster } from '../server/adapters/kafka/testing/kafka-mock-cluster';
import { MemoryBus } from '../server/adapters/memory/memory-bus';
import { PostgresTelemetryStore } from '../server/adapters/postgres/postgres-telemetry-store';
import { demoFleet, FIRST_SATELLITE_ID } from '../server/domain/mission/fleet';
import { defaultMissionDatabase } from '../server/domain/mission/default-mission-database';
import { startIngestGateway } from '../server/ingest/gateway';
import { createLogger } from '../server/log';
import type { Bus } from '../server/ports/bus';
import { SOCKET_EVENTS } from '../server/realtime/events';
import { publishAsGateway } from '../server/ingest/testing/publish-as-gateway';
import { startLiveFeed } from '../server/realtime/live-feed';
import { startAlarmFeed } from '../server/realtime/alarm-feed';
import { createSocketServer } from '../server/realtime/socket-server';
import { createTestAuth } from '../server/auth/testing/test-auth';
import { FleetSimulator, type SimPacket } from '../server/sim/fleet-simulator';
import { startSimulator } from '../server/sim/sim-runner';
import { loadConfig, type Config } from '../server/config';
import { inProcessBusOptions } from '../server/commands/services';
import { secondTierParameterIds } from '../server/domain/aggregation/series-tier';
import { startArchiveLanes } from '../server/worker/archive-lanes';
import { startProcessor } from '../server/worker/processor';
import { runBulkThread } from '../server/commands/part-thread';
import { archiverSettings } from '../server/commands/worker-part';
import { Lifecycle } from '../server/commands/lifecycle';
import { PerigeeMetrics } from '../server/observability/perigee-metrics';
import { copyArchivedSamples, type CopyRates } from './copy-baseline';
import { formatNumber as fmt } from './format';
import { nominalRates } from './nominal-rates';
import { processTreeCpu } from './process-cpu';
import { frameLatencies, summarize, type LatencySummary } from './latency-summary';
import { describeAlarmTimes, startAlarmProbe, type AlarmProbeResult } from './alarm-probe';
import { recordedDump, sendWhole, type RecordedDump } from './recorded-dump';
import { archiveCounts, countPlayback, describeSustained, describeSustainedCpu, offerSustained, offeredDump, untilArchived, type Sustained } from './sustained-dump';

const { values: args } = parseArgs({
  options: {
    satellites: { type: 'string', default: '10' },
    'capacity-seconds': { type: 'string', default: '60' },
    // librdkafka's mock cluster keeps only ~5 MiB per partition and drops older data silently:
    // a backlog on Kafka must fit in it (40 s of 10 satellites are 2.9 MB of sample messages and
    // 5.4 MB of aggregates, each over the 4 partitions of its topic).
    'kafka-capacity-seconds': { type: 'string', default: '40' },
    'latency-seconds': { type: 'string', default: '20' },
    'dump-satellites': { type: 'string', default: '20' },
    'dump-minutes': { type: 'string', default: '10' },
    // The mock cluster keeps ~5 MiB per partition and silently drops older data: a dump on Kafka,
    // and the sample messages it turns into (~400 bytes a packet), must fit while they wait
    // (1 minute of 20 satellites: about 2 MB per partition of each topic).
    'kafka-dump-minutes': { type: 'string', default: '1' },
    // A dump offered at a fixed rate for a minute, the fleet streaming live (0: not run). On Kafka the
    // pipeline must keep up for the mock cluster to keep what waits: lag beyond ~5 MiB a partition is lost,
    // and the run then stops with the count of packets missing.
    'sustained-rate': { type: 'string', default: '100000' },
    'sustained-seconds': { type: 'string', default: '60' },
    bus: { type: 'string', default: 'memory,kafka' },
    'bulk-thread': { type: 'boolean', default: false },
  },
});
const satellites = Number(args.satellites);
const capacitySecondsFor = (kind: 'memory' | 'kafka') => Number(args[kind === 'kafka' ? 'kafka-capacity-seconds' : 'capacity-seconds']);
const latencySeconds = Number(args['latency-seconds']);
const dumpSatellites = Number(args['dump-satellites']);
const dumpMinutesFor = (kind: 'memory' | 'kafka') => Number(args[kind === 'kafka' ? 'kafka-dump-minutes' : 'dump-minutes']);
const sustainedRate = Number(args['sustained-rate']);
const sustainedSeconds = Number(args['sustained-seconds']);
const buses = args.bus.split(',') as Array<'memory' | 'kafka'>;

const mdb = defaultMissionDatabase();
const fleet = demoFleet(satellites);
const log = createLogger({ level: 'error', namespace: 'bench' });

async function countSamples(db: TestDatabase): Promise<number> {
  return Number((await db.pool.query('SELECT count(*) AS n FROM samples')).rows[0].n);
}

interface System {
  db: TestDatabase;
  bus: Bus;
  kind: 'memory' | 'kafka';
  /** The settings `perigee worker` would read against this bus: the environment, with KAFKA_BROKERS on Kafka. */
  config: Config;
  ingest: { host: string; tcpPort: number; udpPort: number; eventsPort: number };
  socketUrl: string;
  /** Cookie of a signed-in viewer, for the socket handshake. */
  socketCookie: string;
  close(): Promise<void>;
}

/**
 * `keepLog`: the in-process log keeps every message (the capacity run reads
 * it again from the start for the archiver alone); otherwise it keeps what
 * `perigee start` keeps.
 */
async function startSystem(kind: 'memory' | 'kafka', db: TestDatabase, { keepLog }: { keepLog: boolean }): Promise<System> {
  let cluster: KafkaMockCluster | undefined;
  let bus: Bus;
  if (kind === 'kafka') {
    cluster = await startKafkaMockCluster();
    bus = new KafkaBus({ brokers: cluster.brokers, clientId: 'bench', log });
  } else bus = keepLog ? new MemoryBus({ log, retainedMessagesPerPartition: 2_000_000, keptConsumedMessagesPerPartition: Infinity }) : new MemoryBus(inProcessBusOptions(loadConfig(process.env), log));
  const config = loadConfig(cluster ? { ...process.env, KAFKA_BROKERS: cluster.brokers.join(',') } : process.env);
  const gateway = await startIngestGateway({ host: '127.0.0.1', tcpPort: 0, udpPort: 0, eventsPort: 0, lingerMs: config.ingest.lingerMs, playbackLingerMs: config.ingest.playbackLingerMs, bus, mdb, log });
  const httpServer = http.createServer();
  const testAuth = createTestAuth();
  const io = createSocketServer(httpServer, { auth: testAuth.auth });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const feed = await startLiveFeed({ bus, io, mdb, fleet, nodeId: `bench-${kind}`, log });
  const alarmFeed = await startAlarmFeed({ bus, io, nodeId: `bench-${kind}`, log });
  return {
    db,
    bus,
    config,
    kind,
    ingest: { host: '127.0.0.1', tcpPort: gateway.ports.tcp, udpPort: gateway.ports.udp, eventsPort: gateway.ports.events },
    socketUrl: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`,
    socketCookie: await testAuth.cookieFor('viewer'),
    close: async () => {
      await gateway.close();
      await alarmFeed.stop();
      await feed.stop();
      io.close();
      await bus.close();
      await cluster?.stop();
    },
  };
}

/** The processor and the archiver's lanes on a system, configured from the environment as `perigee worker` is. */
async function startWorker(system: System) {
  const { config } = system;
  const store = new PostgresTelemetryStore(system.db.pool, { secondTierParameterIds: secondTierParameterIds(mdb) });
  const archiver = await startArchiveLanes({
    bus: system.bus,
    store,
    mdb,
    groupId: `bench-archiver-${system.kind}`,
    log,
    ...archiverSettings(config.worker),
  });
  const processor = await startProcessor({ bus: system.bus, mdb, fleet, groupId: `bench-processor-${system.kind}`, stream: config.stream, log });
  return {
    processor,
    archivedSamples: async () => archiver.stats().samples,
    /** The archiver itself (the capacity run stops it and reads its stats). */
    archiver,
    /** The worker settings it runs with. */
    config: config.worker,
    stop: async () => {
      await processor.stop();
      await archiver.stop();
    },
  };
}

/**
 * As `perigee start` runs with START_BULK_THREAD on Kafka: the processor's real-time lane here, the playback
 * lane and the archive on a thread at WORKER_NICE, configured from the same environment.
 */
async function startWorkerWithBulkThread(system: System) {
  const { config } = system;
  const processor = await startProcessor({
    bus: system.bus, mdb, fleet, groupId: `bench-processor-${system.kind}`, stream: config.stream, log, lanes: { realtime: true, playback: false },
  });
  // The thread's counts, read through a registry of this benchmark's as the process's are.
  const lifecycle = new Lifecycle(log);
  const metrics = new PerigeeMetrics({ processMetrics: false });
  await runBulkThread(
    { lifecycle, metrics, log },
    {
      env: {
        ...process.env,
        KAFKA_BROKERS: config.kafka.brokers!.join(','),
        DATABASE_URL: system.db.url,
        PROCESSOR_GROUP_ID: `bench-processor-${system.kind}`,
        ARCHIVER_GROUP_ID: `bench-archiver-${system.kind}`,
        LOG_LEVEL: 'error',
      },
      nice: config.worker.nice,
    },
  );
  return {
    processor,
    archivedSamples: async () =>
      (await metrics.families()).find((f) => f.name === 'perigee_archiver_samples_total')?.values.reduce((n, v) => n + v.value, 0) ?? 0,
    config: config.worker,
    stop: async () => {
      await processor.stop();
      await lifecycle.close();
    },
  };
}

type RunningWorker = Awaited<ReturnType<typeof startWorker>> | Awaited<ReturnType<typeof startWorkerWithBulkThread>>;

/**
 * Puts `packets` through a just-started worker and waits until the processor
 * has seen them and the archive holds their samples: consumer groups join
 * and take a first batch before any clock starts (a join takes seconds on
 * Kafka).
 */
async function warmUp(system: System, worker: RunningWorker, packets: readonly SimPacket[]): Promise<void> {
  const seen = worker.processor.stats().pipeline.packets;
  const base = await countSamples(system.db);
  await publishAsGateway(await system.bus.producer(), mdb, packets);
  for (let waited = 0; ; waited += 100) {
    if (worker.processor.stats().pipeline.packets - seen >= packets.length && (await countSamples(system.db)) > base) break;
    if (waited > 60_000) throw new Error('the worker did not take its first packets within a minute');
    await sleep(100);
  }
  await sleep(1000);
}

/** Rounds of the archiver alone, each followed by a raw COPY of the rows it stored: every ratio is of two neighbouring measurements. */
const ALONE_ROUNDS = 3;

/** One round of the archiver alone and the COPY of the same rows just after it. */
interface AloneRound {
  /** Samples/s the archiver stored alone. */
  readonly rate: number;
  readonly copy: CopyRates;
}

interface Capacity {
  packets: number;
  samples: number;
  processorSeconds: number;
  archiveSeconds: number;
  /** The archiver alone on the same log, round by round. */
  alone: readonly AloneRound[];
}

/** The faster format's rows/s: the floor the ratios are taken to. */
const copyRate = (copy: CopyRates) => Math.max(copy.binary, copy.text);

/** The rounds' middle value. */
const median = (values: readonly number[]) => summarize(values).p50;

/** Drains `seconds` of the fleet's telemetry waiting on the raw topics; returns how fast each stage went. */
async function measureCapacity(system: System): Promise<Capacity> {
  const capacitySeconds = capacitySecondsFor(system.kind);
  const startMs = Math.floor((Date.now() - capacitySeconds * 1000 - 60_000) / 1000) * 1000;
  const sim = new FleetSimulator({ mdb, fleet, seed: 3, startTimeMs: startMs });
  const { packets } = sim.advance(startMs + capacitySeconds * 1000);
  const samples = packets.slice(50).reduce((n, p) => n + mdb.latestLayout(p.apid)!.parameters.length, 0);
  const producer = await system.bus.producer();
  const publish = (batch: typeof packets) => publishAsGateway(producer, mdb, batch);
  // Both groups join and take a first batch before the clock starts: a group join takes seconds on Kafka.
  const worker = await startWorker(system);
  const { archiver, processor } = worker;
  await warmUp(system, worker, packets.slice(0, 50));
  const before = await countSamples(system.db);
  const archivedBefore = archiver.stats().samples;
  const processedBefore = processor.stats().pipeline.packets;
  const started = performance.now();
  await publish(packets.slice(50));
  let processorSeconds = 0;
  let progress = { stored: 0, atMs: performance.now() };
  // Progress from the archiver's own count of committed samples: polling count(*) on the
  // growing table would take database time from the archive being measured.
  for (;;) {
    if (processorSeconds === 0 && processor.stats().pipeline.packets - processedBefore >= packets.length - 50) {
      processorSeconds = (performance.now() - started) / 1000;
    }
    const stored = archiver.stats().samples - archivedBefore;
    if (stored >= samples && processorSeconds > 0) break;
    if (stored > progress.stored) progress = { stored, atMs: performance.now() };
    else if (performance.now() - progress.atMs > 60_000) throw new Error(`capacity run stalled at ${stored} of ${samples} samples`);
    await sleep(10);
  }
  const archiveSeconds = (performance.now() - started) / 1000;
  const counted = (await countSamples(system.db)) - before;
  if (counted !== samples) throw new Error(`the samples table holds ${counted} new rows, ${samples} were produced`);
  await worker.stop();
  const total = await countSamples(system.db);
  const alone: AloneRound[] = [];
  for (let round = 1; round <= ALONE_ROUNDS; round++) {
    alone.push({ rate: await archiveAlone(system, worker.config, round, total), copy: await copyArchivedSamples(system.db.pool) });
  }
  return { packets: packets.length - 50, samples, processorSeconds, archiveSeconds, alone };
}

/**
 * The archiver alone: the same log — raw packets and the processor's outputs, still on the bus — archived again
 * into an emptied archive by a new group, with nothing else running. Timed from when the messages of its first
 * transaction were taken, so a consumer-group join is not counted (a short log may go in one transaction).
 * Returns its samples/s; the archive then holds `total` samples again.
 */
async function archiveAlone(system: System, settings: Config['worker'], round: number, total: number): Promise<number> {
  await system.db.pool.query('TRUNCATE samples, agg_1s, agg_1m, packets, raw_packets, quarantine, alarm_events, alarms, ground_station_events');
  const alone = await startArchiveLanes({
    bus: system.bus,
    store: new PostgresTelemetryStore(system.db.pool, { secondTierParameterIds: secondTierParameterIds(mdb) }),
    mdb,
    groupId: `bench-archiver-alone-${system.kind}-${round}`,
    log,
    ...archiverSettings(settings),
  });
  try {
    let firstTakenAtMs: number | undefined;
    const deadline = performance.now() + 300_000;
    for (;;) {
      const { samples: stored, lastBatchMs } = alone.stats();
      if (firstTakenAtMs === undefined && stored > 0) firstTakenAtMs = performance.now() - lastBatchMs;
      if (stored >= total) break;
      if (performance.now() > deadline) throw new Error(`the archiver alone stored ${stored} of ${total} samples`);
      await sleep(5);
    }
    const seconds = (performance.now() - firstTakenAtMs!) / 1000;
    if ((await countSamples(system.db)) !== total) throw new Error('the archiver alone did not store the same samples');
    return total / seconds;
  } finally {
    await alone.stop();
  }
}

interface Latency {
  frames: number;
  /** Alarms raised by live packets injected every second: to the console, and into the archive. */
  alarms: AlarmProbeResult;
  endToEnd: LatencySummary;
  livePath: LatencySummary;
  /** How late this process's event loop ran timers while measuring (everything shares it here), ms. */
  loopDelay: LatencySummary;
}

interface DumpRun extends RecordedDump {
  /** Samples the worker's archiver has stored so far, live ones included. */
  readonly archivedSamples: () => Promise<number>;
}

/**
 * Real-time fleet through the gateway for at least `seconds`, with the
 * processor and archiver running; `load`, if given, runs from the start of
 * the measured window (which lasts until it resolves, if longer).
 */
async function measureLatency(system: System, { load, seconds = latencySeconds }: { load?: () => Promise<void>; seconds?: number } = {}): Promise<Latency> {
  const client = connect(system.socketUrl, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: { cookie: system.socketCookie },
  });
  const frames = frameLatencies();
  client.on(SOCKET_EVENTS.telemetryFrames, frames.record);
  await new Promise<void>((resolve) => client.on('connect', () => resolve()));
  for (const s of fleet.satellites) {
    await client.emitWithAck(SOCKET_EVENTS.subscribe, { satelliteId: s.id, subsystems: ['attitude', 'thermal', 'power'] });
  }
  const sim = startSimulator({ mdb, fleet, seed: 5, faults: { duplicateRate: 0, driftRate: 0, corruptRate: 0, reorderRate: 0 }, transport: 'tcp', gateway: system.ingest, log });
  await sleep(3000); // consumer groups settle before measuring
  frames.reset();
  const alarms = startAlarmProbe({ client, tcpPort: system.ingest.tcpPort, pool: system.db.pool, mdb, satelliteId: FIRST_SATELLITE_ID + satellites });
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const measureUntil = performance.now() + seconds * 1000;
  await load?.();
  const left = measureUntil - performance.now();
  if (left > 0) await sleep(left);
  loop.disable();
  const alarmTimes = await alarms.stop();
  await sim.stop();
  client.close();
  const loopDelay = { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 };
  return { ...frames.summary(), alarms: alarmTimes, loopDelay };
}

/** The whole dump into the gateway at once, as fast as it takes it; resolves with the seconds until all of it is archived. */
async function burstDump(system: System, dump: DumpRun): Promise<number> {
  const archive = { dump, archivedSamples: dump.archivedSamples, playbackPackets: () => countPlayback(system.db.pool) };
  const counts = await archiveCounts(archive);
  const started = performance.now();
  await sendWhole(dump, system.ingest.tcpPort);
  await untilArchived(archive, counts);
  return (performance.now() - started) / 1000;
}

/** The live path and alarms while the system takes a load, next to those without. */
function printLoaded(kind: string, what: string, loaded: Latency, idle: Latency): void {
  console.log(
    `[${kind} bus] live path ${what}: p50 ${fmt(loaded.livePath.p50)} ms, p99 ${fmt(loaded.livePath.p99)} ms, max ${fmt(loaded.livePath.max)} ms ` +
      `(without: p50 ${fmt(idle.livePath.p50)} ms, p99 ${fmt(idle.livePath.p99)} ms) over ${fmt(loaded.frames)} frames; ` +
      `event loop delay p99 ${fmt(loaded.loopDelay.p99)} ms, max ${fmt(loaded.loopDelay.max)} ms`,
  );
  console.log(`[${kind} bus] ${what}: ${describeAlarmTimes(loaded.alarms)}`);
}

async function main(): Promise<void> {
  const perSatellite = nominalRates(mdb).samplesPerS;
  console.log(`Perigee pipeline benchmark: ${satellites} satellites (${fmt(perSatellite * satellites)} samples/s at nominal rates)`);
  for (const kind of buses) {
    // A database per bus and phase: the runs' simulated fleets share satellite ids and time grid, and a
    // sample already stored under the same (satellite, parameter, time) is, rightly, not stored again.
    {
      const db = await startTestDatabase();
      const system = await startSystem(kind, db, { keepLog: true });
      try {
        const capacity = await measureCapacity(system);
        const processorRate = capacity.samples / capacity.processorSeconds;
        const archiveRate = capacity.samples / capacity.archiveSeconds;
        const copies = capacity.alone.map((r) => r.copy);
        const together = archiveRate / median(copies.map(copyRate));
        const ratios = capacity.alone.map((r) => r.rate / copyRate(r.copy));
        console.log(
          `[${kind} bus] processor: ${fmt(capacity.packets / capacity.processorSeconds)} packets/s, ${fmt(processorRate)} samples/s ` +
            `(${fmt(capacity.packets)} packets, ${fmt(capacity.samples)} samples in ${fmt(capacity.processorSeconds, 1)} s)`,
        );
        console.log(
          `[${kind} bus] raw COPY of the archive's ${fmt(copies[0]!.rows)} sample rows into a fresh table shaped like samples in the same database, ` +
            `after each round of the archiver alone: binary ${copies.map((c) => fmt(c.binary)).join(', ')} rows/s; text ${copies.map((c) => fmt(c.text)).join(', ')} rows/s; ` +
            `ratios are to the faster`,
        );
        console.log(
          `[${kind} bus] pipeline, processor and archiver together: ${fmt(archiveRate)} samples/s archived = ${fmt(together, 2)} × raw COPY (the rounds' median); ` +
            `${fmt(archiveRate / (perSatellite * satellites), 1)} × this fleet's nominal rate`,
        );
        console.log(
          `[${kind} bus] archiver alone on the same log (bronze + silver + gold + lineage), ${ALONE_ROUNDS} rounds: ` +
            `${capacity.alone.map((r) => fmt(r.rate)).join(', ')} samples/s = ${ratios.map((r) => fmt(r, 2)).join(', ')} × the raw COPY just after; median ${fmt(median(ratios), 2)}`,
        );
      } finally {
        await system.close();
        await db.stop();
      }
    }
    // Latency and the dump on a fresh system whose in-process log keeps what `perigee start` keeps.
    const db = await startTestDatabase();
    const system = await startSystem(kind, db, { keepLog: false });
    const bulkThread = args['bulk-thread'] && kind === 'kafka';
    const worker = bulkThread ? await startWorkerWithBulkThread(system) : await startWorker(system);
    if (bulkThread) console.log(`[${kind} bus] latency and dump runs: playback lane and archive on a thread at nice ${worker.config.nice}`);
    try {
      const startMs = Math.floor((Date.now() - 120_000) / 1000) * 1000;
      await warmUp(system, worker, new FleetSimulator({ mdb, fleet, seed: 7, startTimeMs: startMs }).advance(startMs + 5_000).packets);
      const latency = await measureLatency(system);
      console.log(
        `[${kind} bus] latency onboard → Socket.IO client: p50 ${fmt(latency.endToEnd.p50)} ms, p99 ${fmt(latency.endToEnd.p99)} ms, ` +
          `max ${fmt(latency.endToEnd.max)} ms over ${fmt(latency.frames)} frames in ${latencySeconds} s`,
      );
      console.log(
        `[${kind} bus] live path gateway arrival → Socket.IO emit: p50 ${fmt(latency.livePath.p50)} ms, p99 ${fmt(latency.livePath.p99)} ms, ` +
          `max ${fmt(latency.livePath.max)} ms; event loop delay p99 ${fmt(latency.loopDelay.p99)} ms, max ${fmt(latency.loopDelay.max)} ms`,
      );
      console.log(`[${kind} bus] without a dump: ${describeAlarmTimes(latency.alarms)}`);
      const dump = recordedDump(mdb, dumpSatellites, dumpMinutesFor(kind));
      const archivedSamples = worker.archivedSamples;
      let catchUpSeconds = 0;
      const during = await measureLatency(system, { load: async () => void (catchUpSeconds = await burstDump(system, { ...dump, archivedSamples })) });
      console.log(
        `[${kind} bus] pass dump of ${dumpSatellites} satellites × ${dumpMinutesFor(kind)} min (${fmt(dump.packets)} packets, ${fmt(dump.samples)} samples) ` +
          `archived in ${fmt(catchUpSeconds, 1)} s (${fmt(dump.samples / catchUpSeconds)} samples/s) while the fleet streamed live`,
      );
      printLoaded(kind, 'during the dump', during, latency);
      if (sustainedRate > 0) {
        const { dump: offered, minutes } = offeredDump(mdb, dumpSatellites, sustainedRate, sustainedSeconds);
        let result: Sustained | undefined;
        const under = await measureLatency(system, {
          seconds: 0,
          load: async () =>
            void (result = await offerSustained({
              dump: offered,
              port: system.ingest.tcpPort,
              samplesPerS: sustainedRate,
              liveSamplesPerS: perSatellite * satellites,
              archivedSamples,
              playbackPackets: () => countPlayback(system.db.pool),
              cpu: () => processTreeCpu('perigee'),
            })),
        });
        console.log(
          `[${kind} bus] sustained: a dump of ${dumpSatellites} satellites × ${minutes} min (${fmt(offered.packets)} packets, ${fmt(offered.samples)} samples) ` +
            `while the fleet streamed live, ${describeSustained(result!, sustainedRate)}`,
        );
        // Where the two cores went while it was offered: this process (Perigee, with the benchmark's client and simulator), PostgreSQL, the mock cluster.
        console.log(`[${kind} bus] while the sustained dump was offered: ${describeSustainedCpu(result!)}`);
        printLoaded(kind, 'during the sustained dump', under, latency);
      }
    } finally {
      await worker.stop();
      await system.close();
      await db.stop();
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
