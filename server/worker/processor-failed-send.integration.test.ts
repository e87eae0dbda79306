/**
 * The processor's sends fail for real and nothing is lost. Its producer
 * reaches the brokers through a network the test cuts, with one retry, so
 * kafkajs gives up within a second and the send rejects; its consumer and
 * everything else stay connected. The bus hands the failed slice over again
 * (after its retry delay, with heartbeats) until the sends go through. The
 * lane's dedupe window has seen those packets, so before LaneOutbox every
 * one of them was dropped as a duplicate and its samples never published;
 * now the held outputs go out on the redelivery.
 *
 * Proven on kafkajs against the mock cluster and TimescaleDB: the archive
 * holds every packet, sample and 1-minute aggregate exactly once, and the
 * processor counted no duplicate although it saw slices again.
 */
import { describe, expect, it } from 'vitest';
import { KafkaBus } from '../adapters/kafka/kafka-bus';
import { CuttableNetwork } from '../adapters/kafka/testing/cuttable-network';
import { PostgresTelemetryStore } from '../adapters/postgres/postgres-telemetry-store';
import { loadConfig } from '../config';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { demoFleet } from '../domain/mission/fleet';
import { publishAsGateway } from '../ingest/testing/publish-as-gateway';
import { silentLogger } from '../log';
import type { Bus } from '../ports/bus';
import { FleetSimulator, type SimPacket } from '../sim/fleet-simulator';
import { startArchiver } from './archiver';
import { startProcessor } from './processor';
import { archiveTotals, samplesOf, sleep, useDatabaseAndKafka } from './testing/database-and-kafka';

const mdb = defaultMissionDatabase();
const fleet = demoFleet(2);
const CUT_MS = 4000;

const env = useDatabaseAndKafka();

/** Consumes through one bus and produces through another. */
function splitBus(consume: Bus, produce: Bus): Bus {
  return {
    description: `${consume.description} (producing through a cuttable network)`,
    ping: () => consume.ping(),
    producer: () => produce.producer(),
    subscribe: (options) => consume.subscribe(options),
    close: async () => {
      await Promise.all([consume.close(), produce.close()]);
    },
  };
}

describe('Processor > failed sends on Kafka', () => {
  it('publishes the outputs of slices whose sends failed when they come again: every packet and sample archived once', async () => {
    const network = new CuttableNetwork();
    const consumeBus = new KafkaBus({ brokers: env.cluster.brokers, clientId: 'failed-send-worker', log: silentLogger, retryDelayMs: 300 });
    // Connection errors while cut are the point of the test: not logged.
    const produceBus = new KafkaBus({ brokers: env.cluster.brokers, clientId: 'failed-send-producer', log: silentLogger, retries: 1, socketFactory: network.socketFactory });
    const gatewayBus = new KafkaBus({ brokers: env.cluster.brokers, clientId: 'failed-send-gateway', log: silentLogger });
    const archiverBus = new KafkaBus({ brokers: env.cluster.brokers, clientId: 'failed-send-archiver', log: silentLogger });
    const processor = await startProcessor({ bus: splitBus(consumeBus, produceBus), mdb, fleet, groupId: 'failed-send-processor', stream: loadConfig({}).stream, log: silentLogger });
    const archiver = await startArchiver({ bus: archiverBus, store: new PostgresTelemetryStore(env.db.pool), mdb, groupId: 'failed-send-archiver', log: silentLogger });
    const producer = await gatewayBus.producer();
    const startMs = Math.floor(Date.now() / 1000) * 1000 - 30_000;
    const sim = new FleetSimulator({ mdb, fleet, seed: 12, startTimeMs: startMs });
    const packets: SimPacket[] = [];
    let simMs = startMs;
    const feed = async (seconds: number) => {
      for (let s = 0; s < seconds; s++) {
        simMs += 1000;
        const slice = sim.advance(simMs).packets;
        packets.push(...slice);
        await publishAsGateway(producer, mdb, slice);
        await sleep(200);
      }
    };
    const count = async (sql: string) => Number((await env.db.pool.query(sql)).rows[0].n);

    try {
      await feed(4);
      for (const deadline = Date.now() + 20_000; (await count('SELECT count(*) AS n FROM packets')) < packets.length; await sleep(100)) {
        if (Date.now() > deadline) throw new Error('the first seconds were not archived');
      }
      network.cut();
      const cutAt = Date.now();
      await feed(6);
      const failedDuringCut = processor.stats().outbox.realtime.failedSends;
      await sleep(Math.max(0, CUT_MS - (Date.now() - cutAt)));
      network.restore();
      await feed(3);

      for (const deadline = Date.now() + 60_000; (await count('SELECT count(*) AS n FROM packets')) < packets.length; await sleep(250)) {
        if (Date.now() > deadline) throw new Error(`archive holds ${await count('SELECT count(*) AS n FROM packets')} of ${packets.length} packets; outbox ${JSON.stringify(processor.stats().outbox)}`);
      }
      await sleep(1000); // anything doubled would have arrived by now

      const expectedSamples = samplesOf(mdb, packets);
      const totals = await archiveTotals(env.db.pool);
      const stats = processor.stats();
      console.info(
        `failed sends: ${stats.outbox.realtime.failedSends} (${failedDuringCut} during the ${CUT_MS} ms cut, ${network.refused} connections refused), ` +
          `${stats.outbox.realtime.redelivered} packets redelivered and not processed again; ${packets.length} packets, ${expectedSamples} samples archived`,
      );
      expect(failedDuringCut).toBeGreaterThan(0);
      expect(stats.outbox.realtime.redelivered).toBeGreaterThan(0);
      expect(stats.outbox.realtime.heldMessages).toBe(0);
      expect(totals).toEqual({ packets: packets.length, distinct_packets: packets.length, samples: expectedSamples, minute: expectedSamples });
      expect([stats.pipeline.packets, stats.pipeline.duplicates]).toEqual([packets.length, 0]);
    } finally {
      await processor.stop();
      await archiver.stop();
      await Promise.all([consumeBus.close(), produceBus.close(), gatewayBus.close(), archiverBus.close()]);
    }
  }, 180_000);
});
