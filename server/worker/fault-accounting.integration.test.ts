/**
 * Data quality end to end: the simulator injects 12% drifted clocks, 2%
 * duplicate retransmits and 1% corrupt packets; the packets go onto the raw
 * Kafka topics exactly as the gateway publishes them (with the arrival time
 * the gateway would stamp), through the processor and the archiver into
 * TimescaleDB. Every injected fault must be accounted for — repaired,
 * quarantined or deduplicated — with counts that match exactly, and no
 * sample may be stored at a wrong time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../db/testing/test-database';
import { KafkaBus } from '../adapters/kafka/kafka-bus';
import type { KafkaMockCluster } from '../adapters/kafka/testing/kafka-mock-cluster';
import { PostgresTelemetryStore } from '../adapters/postgres/postgres-telemetry-store';
import { loadConfig } from '../config';
import { demoFleet } from '../domain/mission/fleet';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { createLogger } from '../log';
import { FleetSimulator } from '../sim/fleet-simulator';
import { publishAsGateway } from '../ingest/testing/publish-as-gateway';
import { startArchiver, type Archiver } from './archiver';
import { startProcessor, type Processor } from './processor';
import { samplesOf, useDatabaseAndKafka } from './testing/database-and-kafka';

const mdb = defaultMissionDatabase();
const fleet = demoFleet(3);
const log = createLogger({ level: 'error', namespace: 'fault-test' });
/** Link delay between the spacecraft and the gateway. */
const LINK_DELAY_MS = 45;

// The database and the cluster stop after this file's own afterAll (after-hooks run in reverse order).
const databaseAndKafka = useDatabaseAndKafka();
let db: TestDatabase;
let cluster: KafkaMockCluster;
let bus: KafkaBus;
let processor: Processor;
let archiver: Archiver;

beforeAll(async () => {
  ({ db, cluster } = databaseAndKafka);
  bus = new KafkaBus({ brokers: cluster.brokers, clientId: 'fault-test', log });
}, 120_000);

afterAll(async () => {
  await processor?.stop();
  await archiver?.stop();
  await bus?.close();
});

async function rows<T = Record<string, unknown>>(sql: string): Promise<T[]> {
  return (await db.pool.query(sql)).rows as T[];
}

async function count(sql: string): Promise<number> {
  return Number((await db.pool.query(sql)).rows[0].n);
}

describe('Stream processing > fault accounting', () => {
  it('repairs, quarantines or deduplicates every injected fault, exactly, and stores no sample at a wrong time (four partitions processed at once)', async () => {
    const startMs = Math.floor((Date.now() - 300_000) / 1000) * 1000;
    const sim = new FleetSimulator({
      mdb,
      fleet,
      seed: 12,
      startTimeMs: startMs,
      faults: { driftRate: 0.12, duplicateRate: 0.02, corruptRate: 0.01, reorderRate: 0 },
    });
    const { packets } = sim.advance(startMs + 120_000);
    const faults = sim.faultCounts();
    expect(faults.drift).toBeGreaterThan(700);
    expect(faults.duplicate).toBeGreaterThan(90);
    expect(faults.corrupt).toBeGreaterThan(40);

    const producer = await bus.producer();
    await publishAsGateway(producer, mdb, packets, { linkDelayMs: LINK_DELAY_MS });
    // Several partitions in flight: each batch is still processed whole, and the accounting must not change.
    const stream = loadConfig({ PROCESSOR_PARTITIONS_CONCURRENTLY: '4' }).stream;
    archiver = await startArchiver({ bus, store: new PostgresTelemetryStore(db.pool), mdb, groupId: 'fault-archiver', log });
    processor = await startProcessor({ bus, mdb, fleet, groupId: 'fault-processor', stream, log });

    const deadline = Date.now() + 120_000;
    while (processor.stats().pipeline.packets < packets.length) {
      if (Date.now() > deadline) throw new Error(`processor saw ${processor.stats().pipeline.packets} of ${packets.length} packets`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const pipeline = processor.stats().pipeline;
    // Settle: the archiver has stored every frame and refusal the processor published.
    const expectedQuarantine = pipeline.packetsQuarantined;
    for (;;) {
      const n = await count(`SELECT count(*) AS n FROM packets`);
      const q = await count(`SELECT count(*) AS n FROM quarantine WHERE stage = 'processor'`);
      if (n === pipeline.frames && q >= expectedQuarantine) break;
      if (Date.now() > deadline) throw new Error(`archive holds ${n} of ${pipeline.frames} packets, ${q} refusals`);
      await new Promise((r) => setTimeout(r, 200));
    }

    // Corrupt packets: quarantined with their bytes, for exactly the CRC reason.
    const byReason = await rows<{ reason: string; n: number }>(
      `SELECT reason, count(*)::int AS n FROM quarantine WHERE stage = 'processor' GROUP BY reason ORDER BY reason`,
    );
    const quarantined = Object.fromEntries(byReason.map((r) => [r.reason, r.n]));
    expect(quarantined['crc-mismatch']).toBe(faults.corrupt);
    // Duplicates: dropped by the processor, not stored twice.
    expect(pipeline.duplicates).toBe(faults.duplicate);
    // Drifted clocks: each one repaired (its received time kept) or quarantined.
    const repaired = await count(`SELECT count(*) AS n FROM packets WHERE received_onboard_time IS NOT NULL`);
    expect(repaired + (quarantined['clock-drift'] ?? 0)).toBe(faults.drift);
    expect(Object.keys(quarantined).sort()).toEqual(['clock-drift', 'crc-mismatch'].filter((r) => quarantined[r] !== undefined));

    // Every stored packet sits at its true onboard time; every good packet is stored.
    const drifted = new Set(packets.filter((p) => p.fault === 'drift').map((p) => `${p.satelliteId}:${p.apid}:${p.sequenceCount}`));
    const quarantinedDrift = await rows<{ satellite_id: number; apid: number; seq: number }>(
      `SELECT q.satellite_id, q.apid, (get_byte(q.payload, 2) & 63) * 256 + get_byte(q.payload, 3) AS seq
         FROM quarantine q WHERE q.reason = 'clock-drift'`,
    );
    const refused = new Set(quarantinedDrift.map((r) => `${r.satellite_id}:${r.apid}:${r.seq}`));
    expect([...refused].every((k) => drifted.has(k))).toBe(true);
    const good = packets.filter((p) => p.fault !== 'corrupt' && p.fault !== 'duplicate' && !refused.has(`${p.satelliteId}:${p.apid}:${p.sequenceCount}`));
    const expected = good.map((p) => `${p.satelliteId}:${p.apid}:${p.sequenceCount}:${p.trueOnboardTimeMs}`).sort();
    const stored = await rows<{ k: string }>(
      `SELECT satellite_id || ':' || apid || ':' || sequence_count || ':' || round((extract(epoch FROM ts) * 1000)::numeric)::bigint AS k FROM packets`,
    );
    expect(stored.map((r) => r.k).sort()).toEqual(expected);
    const expectedSamples = samplesOf(mdb, good);
    const samples = await count(`SELECT count(*) AS n FROM samples`);
    expect(samples).toBe(expectedSamples);
  }, 240_000);
});
