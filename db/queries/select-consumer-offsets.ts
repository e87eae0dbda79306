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
   AND ($4::text IS NULL OR log_id IS NULL OR log_id = $4)
 ORDER BY partition`;

/** With `logId`, offsets recorded for another log are left out: they say nothing about this one. */
export async function selectConsumerOffsets(q: Queryable, consumerGroup: string, topic: string, logId?: string): Promise<Map<number, bigint>> {
  const { rows } = await q.query<{ partition: number; offset: string }>(SQL, [consumerGroup, topic, NOTHING_ARCHIVED.toString(), logId ?? null]);
  return new Map(rows.map((r) => [r.partition, BigInt(r.offset)]));
}
