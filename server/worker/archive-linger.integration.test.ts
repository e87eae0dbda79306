/**
 * The archiver's linger (ARCHIVER_LINGER_MS), with the real archiver writing
 * to TimescaleDB from the in-process bus: a fleet streaming at its real rate
 * is stored in far fewer transactions than without it, each holding the
 * batches of several partitions, and every packet once; while the flow is
 * heavy nothing lingers; a backlog is archived without waiting for company —
 * with a linger of a minute it is stored in seconds.
 */
import { describe, expect, it } from 'vitest';
import { useSuiteDatabase } from '../../db/testing/suite-database';
import { MemoryBus } from '../adapters/memory/memory-bus';
import { PostgresTelemetryStore } from '../adapters/postgres/postgres-telemetry-store';
import { demoFleet } from '../domain/mission/fleet';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { publishAsGateway } from '../ingest/testing/publish-as-gateway';
import { createLogger } from '../log';
import type { BusProducer } from '../ports/bus';
import { FleetSimulator } from '../sim/fleet-simulator';
import { startArchiver } from './archiver';
import { sleep } from './testing/database-and-kafka';

const mdb = defaultMissionDatabase();
const fleet = demoFleet(2);
const log = createLogger({ level: 'error', namespace: 'linger-test' });
const TICK_MS = 100;

/** The real store, recording how many partitions' batches each archive transaction held. */
class RecordingStore extends PostgresTelemetryStore {
  readonly transactions: number[] = [];
  override async archiveBatches(batches: Parameters<PostgresTelemetryStore['archiveBatches']>[0]) {
    const result = await super.archiveBatches(batches);
    this.transactions.push(batches.length);
    return result;
  }
}

const suite = useSuiteDatabase();

const count = async (table: string) => Number((await suite.db.pool.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

/** Streams the fleet through the bus at its real rate for `forMs`; returns the packets sent. */
async function stream(producer: BusProducer, sim: FleetSimulator, startMs: number, forMs: number): Promise<number> {
  let sent = 0;
  for (let simMs = startMs + TICK_MS; simMs <= startMs + forMs; simMs += TICK_MS) {
    const tickStarted = Date.now();
    const { packets } = sim.advance(simMs);
    await publishAsGateway(producer, mdb, packets);
    sent += packets.length;
    await sleep(Math.max(0, TICK_MS - (Date.now() - tickStarted)));
  }
  return sent;
}

/** Archives a live stream of `forMs` with the given linger; returns the transactions it took. */
async function archiveLive(lingerMs: number, startMs: number, forMs: number) {
  await suite.db.pool.query('TRUNCATE raw_packets, samples, agg_1s, agg_1m, packets, consumer_offsets');
  const bus = new MemoryBus({ partitionsPerTopic: 4 });
  const store = new RecordingStore(suite.db.pool);
  const archiver = await startArchiver({ bus, store, mdb, groupId: `linger-${lingerMs}`, log, partitionsConcurrently: 16, lingerMs });
  const producer = await bus.producer();
  const sent = await stream(producer, new FleetSimulator({ mdb, fleet, seed: 5, startTimeMs: startMs }), startMs, forMs);
  const deadline = Date.now() + 20_000;
  while ((await count('raw_packets')) < sent && Date.now() < deadline) await sleep(50);
  await sleep(lingerMs + 200);
  await archiver.stop();
  await bus.close();
  return { sent, transactions: store.transactions, stored: await count('raw_packets'), distinct: Number((await suite.db.pool.query('SELECT count(*) AS n FROM (SELECT DISTINCT topic, partition, "offset" FROM raw_packets) d')).rows[0].n) };
}

describe('Worker > archiver linger', () => {
  it('stores a live stream in far fewer transactions, each with several partitions, and every packet once', async () => {
    const startMs = Date.UTC(2026, 0, 1, 12);
    const plain = await archiveLive(0, startMs, 3_000);
    const lingering = await archiveLive(400, startMs, 3_000);
    for (const run of [plain, lingering]) {
      expect(run.stored).toBe(run.sent);
      expect(run.distinct).toBe(run.sent);
    }
    // Two satellites over three raw topics of four partitions: a handful of partitions fed every tick.
    const partitionsPer = (t: number[]) => t.reduce((a, b) => a + b, 0) / t.length;
    expect(lingering.transactions.length * 3).toBeLessThan(plain.transactions.length);
    expect(partitionsPer(lingering.transactions)).toBeGreaterThan(2 * partitionsPer(plain.transactions));
  }, 90_000);

  it('lingers no more while the flow is heavy: after a batch of 200 packets, a lone tick goes at once; a second later it lingers again', async () => {
    await suite.db.pool.query('TRUNCATE consumer_offsets');
    /** Records each transaction's messages without storing them, so the test controls time, not the database. */
    class InstantStore extends PostgresTelemetryStore {
      readonly stored: number[] = [];
      override async archiveBatches(batches: Parameters<PostgresTelemetryStore['archiveBatches']>[0]) {
        this.stored.push(batches.reduce((n, b) => n + b.messages.length, 0));
        return { batches: batches.map((b) => ({ storedMessages: b.messages.length, skippedMessages: 0, logReset: false })), samples: 0, duplicateSamples: 0 };
      }
    }
    const store = new InstantStore(suite.db.pool);
    const stored = () => store.stored.reduce((a, b) => a + b, 0);
    const waitFor = async (n: number, ms: number) => {
      const deadline = Date.now() + ms;
      while (stored() < n && Date.now() < deadline) await sleep(10);
      return stored();
    };
    const bus = new MemoryBus({ partitionsPerTopic: 4 });
    const producer = await bus.producer();
    const archiver = await startArchiver({ bus, store, mdb, groupId: 'linger-heavy', log, partitionsConcurrently: 16, lingerMs: 3_000 });
    const startMs = Date.now() - 60_000;
    const sim = new FleetSimulator({ mdb, fleet, seed: 7, startTimeMs: startMs });
    // Twenty seconds of the fleet at once: fresh, fewer than 500 messages a partition, but 200 a satellite's attitude partition.
    const heavy = sim.advance(startMs + 20_000).packets;
    await publishAsGateway(producer, mdb, heavy);
    expect(await waitFor(heavy.length, 2_000)).toBe(heavy.length);
    const tick = sim.advance(startMs + 20_100).packets;
    await publishAsGateway(producer, mdb, tick);
    expect(await waitFor(heavy.length + tick.length, 500)).toBe(heavy.length + tick.length);
    // A second and more after the heavy batch, a tick waits for company again (up to 3 s here).
    await sleep(1_100);
    const later = sim.advance(startMs + 20_200).packets;
    await publishAsGateway(producer, mdb, later);
    await sleep(500);
    expect(stored()).toBe(heavy.length + tick.length);
    expect(await waitFor(heavy.length + tick.length + later.length, 5_000)).toBe(heavy.length + tick.length + later.length);
    await archiver.stop();
    await bus.close();
  }, 60_000);

  it('archives a backlog without lingering: with a linger of a minute, two minutes of telemetry are stored within seconds', async () => {
    await suite.db.pool.query('TRUNCATE raw_packets, samples, agg_1s, agg_1m, packets, consumer_offsets');
    const bus = new MemoryBus({ partitionsPerTopic: 4 });
    const producer = await bus.producer();
    const startMs = Date.UTC(2026, 0, 1, 14);
    const { packets } = new FleetSimulator({ mdb, fleet, seed: 6, startTimeMs: startMs }).advance(startMs + 120_000);
    await publishAsGateway(producer, mdb, packets);
    const store = new RecordingStore(suite.db.pool);
    const archiver = await startArchiver({ bus, store, mdb, groupId: 'linger-backlog', log, partitionsConcurrently: 16, lingerMs: 60_000 });
    const deadline = Date.now() + 30_000;
    while ((await count('raw_packets')) < packets.length && Date.now() < deadline) await sleep(50);
    await archiver.stop();
    await bus.close();
    expect(await count('raw_packets')).toBe(packets.length);
    expect(store.transactions.length).toBeGreaterThan(1);
  }, 90_000);
});
