/**
 * The Kafka cluster replaced with its data gone (a mock cluster restarted is
 * exactly that: new brokers, empty logs, offsets from 0) while the archive
 * still holds the offsets it reached in the old one. The new log grows past
 * those offsets before the archiver comes back, so "recorded offset beyond
 * the log's end" cannot tell the logs apart; the cluster id can. Proven
 * here: every packet of both clusters is archived exactly once, and the
 * recorded offsets name the new cluster.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { startTestDatabase, type TestDatabase } from '../../db/testing/test-database';
import { KafkaBus } from '../adapters/kafka/kafka-bus';
import { startKafkaMockCluster, type KafkaMockCluster } from '../adapters/kafka/testing/kafka-mock-cluster';
import { PostgresTelemetryStore } from '../adapters/postgres/postgres-telemetry-store';
import { demoFleet } from '../domain/mission/fleet';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { publishAsGateway } from '../ingest/testing/publish-as-gateway';
import { createLogger } from '../log';
import { FleetSimulator } from '../sim/fleet-simulator';
import { TOPICS } from '../topics';
import { startArchiver } from './archiver';

const mdb = defaultMissionDatabase();
const log = createLogger({ level: 'error', namespace: 'log-identity-test' });
const GROUP = 'log-identity-archiver';
let db: TestDatabase;

beforeAll(async () => {
  db = await startTestDatabase();
}, 120_000);
afterAll(() => db?.stop());

const count = async (sql: string) => Number((await db.pool.query(sql)).rows[0].n);
async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Publishes `seconds` of a 3-satellite fleet's telemetry to a cluster; returns the packets sent. */
async function publish(cluster: KafkaMockCluster, sim: FleetSimulator, untilMs: number): Promise<number> {
  const bus = new KafkaBus({ brokers: cluster.brokers, clientId: 'log-identity-producer', log });
  const { packets } = sim.advance(untilMs);
  await publishAsGateway(await bus.producer(), mdb, packets);
  await bus.close();
  return packets.length;
}

async function clusterId(cluster: KafkaMockCluster): Promise<string> {
  const admin = new Kafka({ brokers: cluster.brokers, clientId: 'log-identity-admin', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return (await admin.describeCluster()).clusterId;
  } finally {
    await admin.disconnect();
  }
}

describe('Worker > Kafka cluster replaced', () => {
  it('archives every packet of the new cluster although its log grew past the offsets recorded for the old one', async () => {
    const store = new PostgresTelemetryStore(db.pool);
    const startMs = Math.floor(Date.now() / 1000) * 1000 - 120_000;
    const sim = new FleetSimulator({ mdb, fleet: demoFleet(3), seed: 5, startTimeMs: startMs });

    // The old cluster: 10 s of telemetry, archived.
    const old = await startKafkaMockCluster();
    const oldBus = new KafkaBus({ brokers: old.brokers, clientId: 'log-identity-test', log });
    const first = await publish(old, sim, startMs + 10_000);
    const oldArchiver = await startArchiver({ bus: oldBus, store, mdb, groupId: GROUP, log });
    await waitFor('the old cluster archived', async () => (await count('SELECT count(*) AS n FROM raw_packets')) === first);
    const oldId = await clusterId(old);
    await oldArchiver.stop();
    await oldBus.close();
    await old.stop();
    const recorded = await db.pool.query<{ partition: number; offset: string; log_id: string }>(
      `SELECT partition, "offset", log_id FROM consumer_offsets WHERE consumer_group = $1 AND topic = $2 ORDER BY partition`,
      [GROUP, TOPICS.rawAttitude],
    );
    expect(recorded.rows.length).toBeGreaterThan(0);
    expect(new Set(recorded.rows.map((r) => r.log_id))).toEqual(new Set([oldId]));

    // The new cluster, empty: 30 s of telemetry published before the archiver is back, so its log grows past the old offsets.
    const fresh = await startKafkaMockCluster();
    const second = await publish(fresh, sim, startMs + 40_000);
    const freshId = await clusterId(fresh);
    expect(freshId).not.toBe(oldId);
    const admin = new Kafka({ brokers: fresh.brokers, clientId: 'log-identity-admin', logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const ends = new Map((await admin.fetchTopicOffsets(TOPICS.rawAttitude)).map((p) => [p.partition, BigInt(p.high)]));
    await admin.disconnect();
    // The case that cannot be told by offsets alone: a partition whose new log ends beyond the offset recorded for the old one.
    expect(recorded.rows.some((r) => (ends.get(r.partition) ?? 0n) > BigInt(r.offset) + 1n)).toBe(true);

    const bus = new KafkaBus({ brokers: fresh.brokers, clientId: 'log-identity-test', log });
    const archiver = await startArchiver({ bus, store, mdb, groupId: GROUP, log });
    try {
      await waitFor('the new cluster archived', async () => (await count('SELECT count(*) AS n FROM raw_packets')) >= first + second);
      // Once each, nothing lost from either cluster.
      expect(await count('SELECT count(*) AS n FROM raw_packets')).toBe(first + second);
      expect(await count('SELECT count(*) AS n FROM (SELECT DISTINCT satellite_id, apid, sequence_count, onboard_time FROM raw_packets) d')).toBe(first + second);
      const now = await db.pool.query<{ log_id: string }>(`SELECT DISTINCT log_id FROM consumer_offsets WHERE consumer_group = $1 AND topic = $2`, [GROUP, TOPICS.rawAttitude]);
      expect(now.rows.map((r) => r.log_id)).toEqual([freshId]);
    } finally {
      await archiver.stop();
      await bus.close();
      await fresh.stop();
    }
  }, 150_000);
});
