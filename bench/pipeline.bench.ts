/**
 * Pipeline benchmark: runs Perigee's real path — TCP into the ingest gateway,
 * the bus, the archive worker, TimescaleDB, the live feed and Socket.IO —
 * and prints, measured in this one run on this machine:
 *
 *   1. capacity: samples/s archived when a backlog of simulator packets is
 *      pushed as fast as the gateway takes it, against a raw COPY of the
 *      same number of sample rows into a table shaped like `samples`
 *      (the ratio is what decoding, validation, bronze + gold writes and
 *      the bus cost on top of the bare insert);
 *   2. latency: at real-time rates, packet creation onboard → delivery to a
 *      Socket.IO client subscribed to every panel, p50/p99/max.
 *
 * usage: npm run bench -- [--satellites 10] [--capacity-seconds 60] [--latency-seconds 20] [--bus memory,kafka]
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import { io as connect } from 'socket.io-client';
import { startTestDatabase, type TestDatabase } from '../db/testing/test-database';
import { KafkaBus } from '../server/adapters/kafka/kafka-bus';
import { startKafkaMockCluster, type KafkaMockCluster } from '../server/adapters/kafka/testing/kafka-mock-cluster';
import { MemoryBus } from '../server/adapters/memory/memory-bus';
import { PostgresTelemetryStore } from '../server/adapters/postgres/postgres-telemetry-store';
import { demoFleet } from '../server/domain/mission/fleet';
import { defaultMissionDatabase } from '../server/domain/mission/default-mission-database';
import { startIngestGateway } from '../server/ingest/gateway';
import { createLogger } from '../server/log';
import type { Bus } from '../server/ports/bus';
import { SOCKET_EVENTS, type LiveFrame } from '../server/realtime/events';
import { startLiveFeed } from '../server/realtime/live-feed';
import { createSocketServer } from '../server/realtime/socket-server';
import { FleetSimulator } from '../server/sim/fleet-simulator';
import { startSimulator } from '../server/sim/sim-runner';
import { loadConfig } from '../server/config';
import { startArchiver } from '../server/worker/archiver';
import { startProcessor } from '../server/worker/processor';

const { values: args } = parseArgs({
  options: {
    satellites: { type: 'string', default: '10' },
    'capacity-seconds': { type: 'string', default: '60' },
    'latency-seconds': { type: 'string', default: '20' },
    bus: { type: 'string', default: 'memory,kafka' },
  },
});
const satellites = Number(args.satellites);
const capacitySeconds = Number(args['capacity-seconds']);
const latencySeconds = Number(args['latency-seconds']);
const buses = args.bus.split(',') as Array<'memory' | 'kafka'>;

const mdb = defaultMissionDatabase();
const fleet = demoFleet(satellites);
const log = createLogger({ level: 'error', namespace: 'bench' });

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function countSamples(db: TestDatabase): Promise<number> {
  return Number((await db.pool.query('SELECT count(*) AS n FROM samples')).rows[0].n);
}

/** Raw COPY of `rows` sample rows into a hypertable shaped like samples: the floor under any archive. */
async function measureCopy(db: TestDatabase, rows: number): Promise<number> {
  await db.pool.query(`CREATE TABLE bench_copy (LIKE samples INCLUDING DEFAULTS INCLUDING INDEXES)`);
  await db.pool.query(`SELECT create_hypertable('bench_copy', by_range('ts', INTERVAL '1 hour'))`);
  const startMs = Date.UTC(2026, 10, 25);
  function* lines() {
    const chunk: string[] = [];
    for (let i = 0; i < rows; i++) {
      const ts = new Date(startMs + Math.floor(i / 400) * 2.5).toISOString();
      chunk.push(`${ts}\t${101 + (i % satellites)}\t${1000 + (i % 208)}\t${(i % 997) / 10}\t${i % 65536}\t0\n`);
      if (chunk.length === 10_000) yield chunk.splice(0).join('');
    }
    if (chunk.length) yield chunk.join('');
  }
  const client = await db.pool.connect();
  try {
    const started = performance.now();
    await pipeline(Readable.from(lines()), client.query(copyFrom('COPY bench_copy (ts, satellite_id, parameter_id, value, raw_value, quality) FROM STDIN')));
    return rows / ((performance.now() - started) / 1000);
  } finally {
    client.release();
    await db.pool.query('DROP TABLE bench_copy');
  }
}

interface System {
  db: TestDatabase;
  bus: Bus;
  tcpPort: number;
  ingest: { host: string; tcpPort: number; udpPort: number; eventsPort: number };
  socketUrl: string;
  close(): Promise<void>;
}

async function startSystem(kind: 'memory' | 'kafka', db: TestDatabase): Promise<System> {
  let cluster: KafkaMockCluster | undefined;
  let bus: Bus;
  if (kind === 'kafka') {
    cluster = await startKafkaMockCluster();
    bus = new KafkaBus({ brokers: cluster.brokers, clientId: 'bench', log });
  } else bus = new MemoryBus({ log });
  const archiver = await startArchiver({ bus, store: new PostgresTelemetryStore(db.pool), mdb, groupId: `bench-archiver-${kind}`, log });
  const processor = await startProcessor({ bus, mdb, fleet, groupId: `bench-processor-${kind}`, stream: loadConfig({}).stream, log });
  const gateway = await startIngestGateway({ host: '127.0.0.1', tcpPort: 0, udpPort: 0, eventsPort: 0, bus, mdb, log });
  const httpServer = http.createServer();
  const io = createSocketServer(httpServer);
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const feed = await startLiveFeed({ bus, io, mdb, fleet, nodeId: `bench-${kind}`, log });
  return {
    db,
    bus,
    tcpPort: gateway.ports.tcp,
    ingest: { host: '127.0.0.1', tcpPort: gateway.ports.tcp, udpPort: gateway.ports.udp, eventsPort: gateway.ports.events },
    socketUrl: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`,
    close: async () => {
      await gateway.close();
      await feed.stop();
      io.close();
      await processor.stop();
      await archiver.stop();
      await bus.close();
      await cluster?.stop();
    },
  };
}

/** Pushes `seconds` of the fleet's telemetry as fast as TCP takes it; returns archived samples/s. */
async function measureCapacity(system: System): Promise<{ samples: number; seconds: number; rate: number }> {
  const startMs = Date.UTC(2026, 10, 25, 3, 0, 0);
  const sim = new FleetSimulator({ mdb, fleet, seed: 3, startTimeMs: startMs });
  const { packets } = sim.advance(startMs + capacitySeconds * 1000);
  const expected = packets.reduce((n, p) => n + mdb.latestLayout(p.apid)!.parameters.length, 0);
  const before = await countSamples(system.db);
  const payload = Buffer.concat(packets.map((p) => p.bytes));
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect(system.tcpPort, '127.0.0.1', () => socket.end(payload, () => resolve()));
    socket.on('error', reject);
  });
  let progress = { stored: 0, atMs: performance.now() };
  for (;;) {
    const stored = (await countSamples(system.db)) - before;
    if (stored >= expected) break;
    if (stored > progress.stored) progress = { stored, atMs: performance.now() };
    else if (performance.now() - progress.atMs > 60_000) throw new Error(`capacity run stalled at ${stored} of ${expected} samples`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (performance.now() - started) / 1000;
  return { samples: expected, seconds, rate: expected / seconds };
}

/** Real-time fleet for `latencySeconds`; latency of every frame from onboard creation to the browser socket. */
async function measureLatency(system: System): Promise<{ frames: number; p50: number; p99: number; max: number }> {
  const client = connect(system.socketUrl, { transports: ['websocket'], forceNew: true, reconnection: false });
  const latencies: number[] = [];
  client.on(SOCKET_EVENTS.telemetryFrame, (frame: LiveFrame) => latencies.push(Date.now() - frame.onboardTimeMs));
  await new Promise<void>((resolve) => client.on('connect', () => resolve()));
  for (const s of fleet.satellites) {
    await client.emitWithAck(SOCKET_EVENTS.subscribe, { satelliteId: s.id, subsystems: ['attitude', 'thermal', 'power'] });
  }
  const sim = startSimulator({ mdb, fleet, seed: 5, faults: { duplicateRate: 0, driftRate: 0, corruptRate: 0, reorderRate: 0 }, transport: 'tcp', gateway: system.ingest, log });
  await new Promise((r) => setTimeout(r, 3000)); // consumer groups settle before measuring
  latencies.length = 0;
  await new Promise((r) => setTimeout(r, latencySeconds * 1000));
  await sim.stop();
  client.close();
  const sorted = [...latencies].sort((a, b) => a - b);
  return { frames: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const perSatellite = mdb.layouts.reduce((n, l) => n + l.rateHz * l.parameters.length, 0);
  console.log(`Perigee pipeline benchmark: ${satellites} satellites (${fmt(perSatellite * satellites)} samples/s at nominal rates)`);
  const db = await startTestDatabase();
  try {
    const copyRows = 400_000;
    const copyRate = await measureCopy(db, copyRows);
    console.log(`raw COPY into a samples-shaped hypertable: ${fmt(copyRate)} rows/s (${fmt(copyRows)} rows)`);
    for (const kind of buses) {
      const system = await startSystem(kind, db);
      try {
        const capacity = await measureCapacity(system);
        const latency = await measureLatency(system);
        console.log(
          `[${kind} bus] capacity: ${fmt(capacity.rate)} samples/s archived (${fmt(capacity.samples)} samples in ${fmt(capacity.seconds, 1)} s) = ` +
            `${fmt(capacity.rate / copyRate, 2)} × raw COPY; ${fmt(capacity.rate / (perSatellite * satellites), 1)} × this fleet's nominal rate`,
        );
        console.log(
          `[${kind} bus] latency onboard → Socket.IO client: p50 ${fmt(latency.p50)} ms, p99 ${fmt(latency.p99)} ms, max ${fmt(latency.max)} ms over ${fmt(latency.frames)} frames in ${latencySeconds} s`,
        );
      } finally {
        await system.close();
      }
    }
  } finally {
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
