/**
 * Backpressure: the database goes away for a while under steady load. The
 * archiver holds the batch in hand and retries it without advancing its
 * partitions (nothing else piles up in memory: the rest waits in Kafka),
 * the processor keeps going, and once the database is back the archive
 * catches up with nothing lost and nothing stored twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '../../db/embedded-server';
import { createPool } from '../../db/pool';
import { THROWAWAY_SETTINGS, testBundleDir, type TestDatabase } from '../../db/testing/test-database';
import { KafkaBus } from '../adapters/kafka/kafka-bus';
import type { KafkaMockCluster } from '../adapters/kafka/testing/kafka-mock-cluster';
import { PostgresTelemetryStore } from '../adapters/postgres/postgres-telemetry-store';
import { loadConfig } from '../config';
import { demoFleet } from '../domain/mission/fleet';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { publishAsGateway } from '../ingest/testing/publish-as-gateway';
import { createLogger } from '../log';
import { FleetSimulator, type SimPacket } from '../sim/fleet-simulator';
import { startArchiver } from './archiver';
import { startProcessor } from './processor';
import { samplesOf, useDatabaseAndKafka } from './testing/database-and-kafka';

const mdb = defaultMissionDatabase();
const fleet = demoFleet(3);
const log = createLogger({ level: 'error', namespace: 'outage-test' });
/** The database is away this long, as an operator restarting it would take. */
const OUTAGE_MS = 30_000;

// The database and the cluster stop after this file's own afterAll (after-hooks run in reverse order).
const databaseAndKafka = useDatabaseAndKafka();
let db: TestDatabase;
let restarted: EmbeddedPostgresServer | undefined;
let cluster: KafkaMockCluster;

beforeAll(async () => {
  ({ db, cluster } = databaseAndKafka);
}, 120_000);

afterAll(async () => {
  await restarted?.stop();
});

describe('Worker > database outage', () => {
  it('pauses archiving while the database is down, keeps memory bounded, then catches up with nothing lost or doubled', async () => {
    const bus = new KafkaBus({ brokers: cluster.brokers, clientId: 'outage-test', log, retryDelayMs: 500 });
    // The archiver's own pool, as in production: it must survive the server going away.
    const pool = createPool({ url: db.url, max: 4, connectionTimeoutMillis: 2000, onIdleError: () => {} });
    const store = new PostgresTelemetryStore(pool);
    const archiver = await startArchiver({ bus, store, mdb, groupId: 'outage-archiver', log });
    const processor = await startProcessor({ bus, mdb, fleet, groupId: 'outage-processor', stream: loadConfig({}).stream, log });
    const producer = await bus.producer();
    const startMs = Math.floor(Date.now() / 1000) * 1000 - 60_000;
    const sim = new FleetSimulator({ mdb, fleet, seed: 4, startTimeMs: startMs });
    const packets: SimPacket[] = [];
    const heap: Array<{ phase: string; mb: number }> = [];
    const sample = (phase: string) => heap.push({ phase, mb: Math.round(process.memoryUsage().heapUsed / 1e6) });
    // Telemetry keeps coming at 5× real time, one second of it every 200 ms, before, during and after the outage
    // (librdkafka's mock cluster keeps only ~5 MiB per partition: what waits there must fit).
    let simMs = startMs;
    const feed = async (forMs: number) => {
      const until = Date.now() + forMs;
      while (Date.now() < until) {
        simMs += 1000;
        const slice = sim.advance(simMs).packets;
        packets.push(...slice);
        await publishAsGateway(producer, mdb, slice);
        await new Promise((r) => setTimeout(r, 200));
      }
    };

    await feed(3000);
    sample('before');
    await db.pool.end();
    await db.server.stop();
    const down = Date.now();
    await feed(OUTAGE_MS / 2);
    sample('mid-outage');
    const archivedDuring = archiver.stats().messagesStored;
    await feed(OUTAGE_MS / 2);
    sample('end of outage');
    expect(archiver.stats().messagesStored).toBe(archivedDuring); // nothing could be stored, nothing was skipped
    restarted = await startEmbeddedPostgres({ dataDir: db.dataDir, port: db.server.port, bundleDir: testBundleDir(), settings: THROWAWAY_SETTINGS });
    const outageMs = Date.now() - down;
    await feed(2000);

    const verify = createPool({ url: restarted.url, max: 1 });
    try {
      const deadline = Date.now() + 120_000;
      const count = async () => Number((await verify.query('SELECT count(*) AS n FROM packets')).rows[0].n);
      while ((await count()) < packets.length) {
        if (Date.now() > deadline) throw new Error(`archive holds ${await count()} of ${packets.length} packets after the outage`);
        await new Promise((r) => setTimeout(r, 250));
      }
      const caughtUpMs = Date.now() - down - outageMs;
      sample('caught up');
      const expectedSamples = samplesOf(mdb, packets);
      const totals = (await verify.query(
        `SELECT (SELECT count(*) FROM packets)::int AS packets, (SELECT count(*) FROM samples)::int AS samples,
                (SELECT count(*) FROM raw_packets)::int AS raw, (SELECT coalesce(sum(count), 0) FROM agg_1m)::int AS minute`,
      )).rows[0];
      expect(totals).toEqual({ packets: packets.length, samples: expectedSamples, raw: packets.length, minute: expectedSamples });
      console.log(
        `database outage: ${outageMs} ms down, caught up ${caughtUpMs} ms after restart; ${packets.length} packets; heap MB ` +
          heap.map((h) => `${h.phase} ${h.mb}`).join(', '),
      );
      // Bounded: the backlog waits in Kafka, not in this process.
      const before = heap[0]!.mb;
      expect(Math.max(...heap.map((h) => h.mb)) - before).toBeLessThan(150);
    } finally {
      await verify.end();
      await processor.stop();
      await archiver.stop();
      await bus.close();
      await pool.end();
    }
  }, 240_000);
});
