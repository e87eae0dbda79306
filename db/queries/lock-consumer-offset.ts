/**
 * Reads the last archived offset of a consumer group's partition and locks
 * its row until the transaction ends, creating the row when the partition is
 * new. Two archivers handed the same partition (a rebalance mid-batch) thus
 * take turns, and the second sees what the first stored.
 *
 * ON CONFLICT DO UPDATE, rather than SELECT ... FOR UPDATE after an insert,
 * does both in one statement: it locks the existing row like FOR UPDATE and
 * returns its offset unchanged.
 *
 * @example
 *   await client.query('BEGIN');
 *   const last = await lockConsumerOffset(client, { consumerGroup: 'perigee-worker', topic: 'telemetry.raw.power', partition: 0 });
 *   // { offset: null, logId: null } before anything was archived, else e.g. { offset: 41n, logId: 'kafka-cluster-id' }
 */
import type { Queryable } from '../pool';

export interface PartitionKey {
  readonly consumerGroup: string;
  readonly topic: string;
  readonly partition: number;
}

/** Stored for a partition that has a row but nothing archived yet; Kafka offsets start at 0. */
export const NOTHING_ARCHIVED = -1n;

const SQL = `
INSERT INTO consumer_offsets AS c (consumer_group, topic, partition, "offset")
VALUES ($1, $2, $3, $4)
ON CONFLICT (consumer_group, topic, partition) DO UPDATE SET "offset" = c."offset"
RETURNING "offset", log_id`;

export interface RecordedOffset {
  /** Null before anything was archived. */
  readonly offset: bigint | null;
  /** The log it belongs to; null when unknown (recorded before log identities, or by a bus without them). */
  readonly logId: string | null;
}

/** Must run inside a transaction; the lock is held until it ends. */
export async function lockConsumerOffset(q: Queryable, key: PartitionKey): Promise<RecordedOffset> {
  const { rows } = await q.query<{ offset: string; log_id: string | null }>(SQL, [key.consumerGroup, key.topic, key.partition, NOTHING_ARCHIVED.toString()]);
  const offset = BigInt(rows[0]!.offset);
  return { offset: offset === NOTHING_ARCHIVED ? null : offset, logId: rows[0]!.log_id };
}
