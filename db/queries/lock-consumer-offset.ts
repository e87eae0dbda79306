/**
 * Reads the last archived offsets of a consumer group's partitions and locks
 * their rows until the transaction ends, creating the rows of partitions
 * that are new. Two archivers handed the same partition (a rebalance
 * mid-batch) thus take turns, and the second sees what the first stored.
 *
 * ON CONFLICT DO UPDATE, rather than SELECT ... FOR UPDATE after an insert,
 * does both in one statement: it locks an existing row like FOR UPDATE and
 * returns its offset unchanged. Every partition of a transaction goes in the
 * same statement (one round trip, not one per partition), its rows taken in
 * the order given: callers pass one order for every transaction, so two
 * transactions never wait on each other's rows crosswise.
 *
 * @example
 *   await client.query('BEGIN');
 *   const [last] = await lockConsumerOffsets(client, [{ consumerGroup: 'perigee-worker', topic: 'telemetry.raw.power', partition: 0 }]);
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

// ORDER BY the position given: the rows are inserted, or found and locked, in that order.
const SQL = `
INSERT INTO consumer_offsets AS c (consumer_group, topic, partition, "offset")
SELECT u.consumer_group, u.topic, u.partition, $4::bigint
  FROM unnest($1::text[], $2::text[], $3::integer[]) WITH ORDINALITY AS u(consumer_group, topic, partition, position)
 ORDER BY u.position
ON CONFLICT (consumer_group, topic, partition) DO UPDATE SET "offset" = c."offset"
RETURNING consumer_group, topic, partition, "offset", log_id`;

export interface RecordedOffset {
  /** Null before anything was archived. */
  readonly offset: bigint | null;
  /** The log it belongs to; null when unknown (recorded before log identities, or by a bus without them). */
  readonly logId: string | null;
}

const keyOf = (consumerGroup: string, topic: string, partition: number) => `${consumerGroup}\u0000${topic}\u0000${partition}`;

/**
 * The recorded offset of each key, in the order of `keys`; a key may appear once only. Must run inside a
 * transaction; the locks are held until it ends.
 */
export async function lockConsumerOffsets(q: Queryable, keys: readonly PartitionKey[]): Promise<RecordedOffset[]> {
  if (keys.length === 0) return [];
  const { rows } = await q.query<{ consumer_group: string; topic: string; partition: number; offset: string; log_id: string | null }>(SQL, [
    keys.map((k) => k.consumerGroup),
    keys.map((k) => k.topic),
    keys.map((k) => k.partition),
    NOTHING_ARCHIVED.toString(),
  ]);
  const recorded = new Map(rows.map((r) => [keyOf(r.consumer_group, r.topic, r.partition), r]));
  return keys.map((k) => {
    const row = recorded.get(keyOf(k.consumerGroup, k.topic, k.partition));
    if (row === undefined) throw new Error(`no offset row returned for ${k.consumerGroup} ${k.topic}[${k.partition}]`);
    const offset = BigInt(row.offset);
    return { offset: offset === NOTHING_ARCHIVED ? null : offset, logId: row.log_id };
  });
}
