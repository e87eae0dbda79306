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
UPDATE consumer_offsets SET "offset" = $4, updated_at = now()
 WHERE consumer_group = $1 AND topic = $2 AND partition = $3 AND "offset" < $4`;

/** Returns false when the stored offset was already at or past `offset` (nothing changed). */
export async function advanceConsumerOffset(q: Queryable, key: PartitionKey, offset: bigint): Promise<boolean> {
  const result = await q.query(SQL, [key.consumerGroup, key.topic, key.partition, offset.toString()]);
  return result.rowCount === 1;
}
