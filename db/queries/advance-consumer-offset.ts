/**
 * Records the last archived offsets of partitions, in the transaction that
 * stored the messages up to them (their rows are locked by
 * lockConsumerOffsets): every partition of the transaction in one statement.
 *
 * @example
 *   await advanceConsumerOffsets(client, [{ key: { consumerGroup: 'perigee-worker', topic: 'telemetry.raw.power', partition: 0 }, offset: 57n }]);
 */
import type { Queryable } from '../pool';
import type { PartitionKey } from './lock-consumer-offset';

const SQL = `
UPDATE consumer_offsets AS c
   SET "offset" = u.offset, log_id = coalesce(u.log_id, c.log_id), updated_at = now()
  FROM unnest($1::text[], $2::text[], $3::integer[], $4::bigint[], $5::boolean[], $6::text[])
       AS u(consumer_group, topic, partition, "offset", rewind, log_id)
 WHERE c.consumer_group = u.consumer_group AND c.topic = u.topic AND c.partition = u.partition
   AND (c."offset" < u.offset OR u.rewind)`;

export interface OffsetAdvance {
  readonly key: PartitionKey;
  readonly offset: bigint;
  /** Records a lower offset too: for a partition whose log was recreated, so its offsets start again. */
  readonly rewind?: boolean;
  /** Which log the offset belongs to. */
  readonly logId?: string;
}

/**
 * Returns how many partitions' offsets changed: one whose stored offset was
 * already at or past the new one (and not rewound) stays as it is.
 */
export async function advanceConsumerOffsets(q: Queryable, advances: readonly OffsetAdvance[]): Promise<number> {
  if (advances.length === 0) return 0;
  const result = await q.query(SQL, [
    advances.map((a) => a.key.consumerGroup),
    advances.map((a) => a.key.topic),
    advances.map((a) => a.key.partition),
    advances.map((a) => a.offset.toString()),
    advances.map((a) => a.rewind ?? false),
    advances.map((a) => a.logId ?? null),
  ]);
  return result.rowCount ?? 0;
}
