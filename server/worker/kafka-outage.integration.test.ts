/**
 * The brokers go away mid-stream and come back: every connection between
 * Perigee's kafkajs clients (the gateway's producer, the processor's and the
 * archiver's consumer groups) and the Kafka mock cluster is cut and refused
 * for a while, then allowed again at the same addresses — what a cluster
 * restart looks like from the clients (testing/cuttable-network.ts explains
 * why the mock is not killed: it would lose its logs, which a real Kafka keeps
 * across a restart). Telemetry keeps arriving throughout; the producer
 * re-sends a chunk whose send failed, as the gateway does.
 *
 * Proven: without any process restart the clients reconnect; the consumer
 * groups resume where they were (the archiver from the offsets recorded in
 * its own transactions); and the archive holds every packet exactly once in
 * silver (packets, samples, the 1-minute tier), and in bronze each log offset
 * once — a chunk the producer had to re-send may sit in the log twice, and
 * bronze keeps each receipt, but the processor drops the retransmit.
 */
import { describe, expect, it } from 'vitest';
import { KafkaBus } from '../adapters/kafka/kafka-bus';
import { CuttableNetwork } from '../adapters/kafka/testing/cuttable-network';
import { PostgresTelemetryStore } from '../adapters/postgres/postgres-telemetry-store';
import { loadConfig } from '../config';
import { demoFleet } from '../domain/mission/fleet';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { publishAsGateway } from '../ingest/testing/publish-as-gateway';
import { createLogger, silentLogger } from '../log';
import { FleetSimulator, type SimPacket } from '../sim/fleet-simulator';
import { startArchiver } from './archiver';
import { startProcessor } from './processor';
import { archiveTotals, samplesOf, sleep, useDatabaseAndKafka } from './testing/database-and-kafka';

const mdb = defaultMissionDatabase();
const fleet = demoFleet(3);
const log = createLogger({ level: 'error', namespace: 'kafka-outage-test' });
const OUTAGE_MS = 8000;

const env = useDatabaseAndKafka();

describe('Worker > Kafka outage', () => {
  it('reconnects every client after the brokers vanish and return, and archives every packet once', async () => {
    const network = new CuttableNetwork();
    // The clients' connection errors during the cut are the point of the test: not logged.
    const workerBus = new KafkaBus({ brokers: env.cluster.brokers, clientId: 'kafka-outage-worker', log: silentLogger, retryDelayMs: 500, socketFactory: network.socketFactory });
    const gatewayBus = new KafkaBus({ brokers: env.cluster.brokers, clientId: 'kafka-outage-gateway', log: silentLogger, socketFactory: network.socketFactory });
    const store = new PostgresTelemetryStore(env.db.pool);
    const archiver = await startArchiver({ bus: workerBus, store, mdb, groupId: 'outage-archiver', log });
    const processor = await startProcessor({ bus: workerBus, mdb, fleet, groupId: 'outage-processor', stream: loadConfig({}).stream, log });
    const producer = await gatewayBus.producer();
    const startMs = Math.floor(Date.now() / 1000) * 1000 - 60_000;
    const sim = new FleetSimulator({ mdb, fleet, seed: 8, startTimeMs: startMs });
    const packets: SimPacket[] = [];
    let resends = 0;
    let simMs = startMs;
    // One second of telemetry every 200 ms; a chunk whose send failed is sent again until it is on the bus.
    const feed = async (forMs: number) => {
      const until = Date.now() + forMs;
      while (Date.now() < until) {
        simMs += 1000;
        const slice = sim.advance(simMs).packets;
        packets.push(...slice);
        for (;;) {
          try {
            await publishAsGateway(producer, mdb, slice);
            break;
          } catch {
            resends++;
            await sleep(500);
          }
        }
        await sleep(200);
      }
    };

    try {
      await feed(4000);
      const archivedBefore = archiver.stats().messagesStored;
      expect(archivedBefore).toBeGreaterThan(0);
      network.cut();
      const cutAt = Date.now();
      // The producer is stuck in its send (kafkajs retries) or re-sending: telemetry waits with it.
      const during = feed(OUTAGE_MS);
      await sleep(OUTAGE_MS);
      const archivedDuring = archiver.stats().messagesStored;
      expect(archivedDuring - archivedBefore).toBeLessThan(50); // at most a batch already fetched when the brokers vanished
      network.restore();
      await during;
      await feed(3000);

      const deadline = Date.now() + 60_000;
      const count = async (sql: string) => Number((await env.db.pool.query(sql)).rows[0].n);
      while ((await count('SELECT count(*) AS n FROM packets')) < packets.length) {
        if (Date.now() > deadline) throw new Error(`archive holds ${await count('SELECT count(*) AS n FROM packets')} of ${packets.length} packets`);
        await sleep(250);
      }
      await sleep(1000); // anything doubled would have arrived by now
      const caughtUpMs = Date.now() - cutAt - OUTAGE_MS;

      const expectedSamples = samplesOf(mdb, packets);
      const totals = {
        ...(await archiveTotals(env.db.pool)),
        ...(
          await env.db.pool.query(
            `SELECT (SELECT count(DISTINCT (topic, partition, "offset")) FROM raw_packets)::int AS raw_offsets,
                    (SELECT count(*) FROM raw_packets)::int AS raw,
                    (SELECT count(DISTINCT (satellite_id, apid, sequence_count, onboard_time)) FROM raw_packets)::int AS raw_distinct`,
          )
        ).rows[0],
      };
      console.info(
        `kafka outage: ${OUTAGE_MS} ms cut (${network.refused} connections refused), ${resends} chunk re-sends, ` +
          `archived ${archivedBefore} before, ${archivedDuring} by the end of the cut; caught up ${caughtUpMs} ms after; ${packets.length} packets`,
      );
      expect(network.refused).toBeGreaterThan(0);
      expect(totals).toMatchObject({ packets: packets.length, distinct_packets: packets.length, samples: expectedSamples, minute: expectedSamples, raw_distinct: packets.length });
      expect(totals.raw_offsets).toBe(totals.raw);
      expect(processor.stats().pipeline.duplicates).toBe(totals.raw - packets.length);
    } finally {
      await processor.stop();
      await archiver.stop();
      await workerBus.close();
      await gatewayBus.close();
    }
  }, 180_000);
});
