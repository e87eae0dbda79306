/**
 * Records the last archived offset of a partition, in the transaction that
 * stored the messages up to it (the row is locked by lockConsumerOffset).
 *
 * @example
 *   await advanceConsumerOffset(client, { consumerGroup: 'perigee-worker', topic: 'telemetry.raw.power', partition: 0 }, 57n);
 */
import type { Queryable } from '../pool';
import type { PartitionKey } from './lock-consumer-offset';

const SQL = `
UPDATE consumer_offsets SET "offset" = $4, log_id = coalesce($6, log_id), updated_at = now()
 WHERE consumer_group = $1 AND topic = $2 AND partition = $3 AND ("offset" < $4 OR $5)`;

/**
 * Returns false when the stored offset was already at or past `offset`
 * (nothing changed). `rewind` records a lower offset too: for a partition
 * whose log was recreated, so its offsets start again. `logId` records which
 * log the offset belongs to.
 */
export async function advanceConsumerOffset(
  q: Queryable,
  key: PartitionKey,
  offset: bigint,
  { rewind = false, logId }: { rewind?: boolean; logId?: string } = {},
): Promise<boolean> {
  const result = await q.query(SQL, [key.consumerGroup, key.topic, key.partition, offset.toString(), rewind, logId ?? null]);
  return result.rowCount === 1;
}
