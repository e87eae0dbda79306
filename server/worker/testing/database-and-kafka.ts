/**
 * A TimescaleDB and a Kafka mock cluster for the tests of a file: started
 * before its tests, stopped after them.
 *
 * @example
 *   const env = useDatabaseAndKafka();
 *   it('…', async () => { new KafkaBus({ brokers: env.cluster.brokers, … }); env.db.pool.query(…); });
 */
import type pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../../db/testing/test-database';
import { startKafkaMockCluster, type KafkaMockCluster } from '../../adapters/kafka/testing/kafka-mock-cluster';
import type { MissionDatabase } from '../../domain/mission/mission-database';

export function useDatabaseAndKafka(): { readonly db: TestDatabase; readonly cluster: KafkaMockCluster } {
  const env = {} as { db: TestDatabase; cluster: KafkaMockCluster };
  beforeAll(async () => {
    [env.db, env.cluster] = await Promise.all([startTestDatabase(), startKafkaMockCluster()]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([env.db?.stop(), env.cluster?.stop()]);
  });
  return env;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What the archive holds of silver and gold: packets (all, and distinct by natural key), samples, and the samples the 1-minute tier counts. */
export async function archiveTotals(pool: pg.Pool): Promise<{ packets: number; distinct_packets: number; samples: number; minute: number }> {
  const { rows } = await pool.query(
    `SELECT (SELECT count(*) FROM packets)::int AS packets,
            (SELECT count(DISTINCT (satellite_id, apid, sequence_count, ts)) FROM packets)::int AS distinct_packets,
            (SELECT count(*) FROM samples)::int AS samples,
            (SELECT coalesce(sum(count), 0) FROM agg_1m)::int AS minute`,
  );
  return rows[0];
}

/** Samples the packets carry: every parameter of each packet's layout. */
export function samplesOf(mdb: MissionDatabase, packets: readonly { readonly apid: number }[]): number {
  return packets.reduce((n, p) => n + mdb.latestLayout(p.apid)!.parameters.length, 0);
}
