/**
 * The last archived offset of each partition of a topic for a consumer group,
 * so a worker can resume from the database (offset + 1) rather than from the
 * bus's own commit, which may lag behind what was stored.
 *
 * @example
 *   const offsets = await selectConsumerOffsets(pool, 'perigee-worker', 'telemetry.raw.power');
 *   offsets.get(0); // 57n
 */
import type { Queryable } from '../pool';
import { NOTHING_ARCHIVED } from './lock-consumer-offset';

const SQL = `
SELECT partition, "offset" FROM consumer_offsets
 WHERE consumer_group = $1 AND topic = $2 AND "offset" > $3
 ORDER BY partition`;

export async function selectConsumerOffsets(q: Queryable, consumerGroup: string, topic: string): Promise<Map<number, bigint>> {
  const { rows } = await q.query<{ partition: number; offset: string }>(SQL, [consumerGroup, topic, NOTHING_ARCHIVED.toString()]);
  return new Map(rows.map((r) => [r.partition, BigInt(r.offset)]));
}
