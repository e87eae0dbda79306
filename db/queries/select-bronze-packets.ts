/**
 * One satellite's bronze packets that arrived, or were stamped onboard, in a
 * window — what reprocessing replays — in the order the archive received
 * them. Packets whose onboard time was unreadable (NULL) are found by arrival.
 * Both predicates are indexed: (satellite_id, received_at) and
 * (satellite_id, onboard_time) (migration 010).
 *
 * @example
 *   await selectBronzePackets(pool, { satelliteId: 101, fromMs, toMs }); // [{ arrivalMs, topic, partition, offset, groundStation, bytes }, ...]
 */
import type { BronzePacket } from '../../server/ports/reprocessing-store';
import type { Queryable } from '../pool';
import { epochMs, timestampFromMs } from './epoch';

export interface BronzeWindow {
  readonly satelliteId: number;
  readonly fromMs: number;
  readonly toMs: number;
}

const SQL = `
SELECT ${epochMs('received_at')} AS arrival_ms, topic, partition, "offset"::text AS "offset", ground_station, packet
  FROM raw_packets
 WHERE satellite_id = $1
   AND ((received_at >= ${timestampFromMs('$2')} AND received_at < ${timestampFromMs('$3')})
     OR (onboard_time >= ${timestampFromMs('$2')} AND onboard_time < ${timestampFromMs('$3')}))
 ORDER BY received_at, topic, partition, "offset"`;

interface Row {
  arrival_ms: number;
  topic: string;
  partition: number;
  offset: string;
  ground_station: string | null;
  packet: Buffer;
}

export async function selectBronzePackets(q: Queryable, { satelliteId, fromMs, toMs }: BronzeWindow): Promise<BronzePacket[]> {
  const { rows } = await q.query<Row>(SQL, [satelliteId, fromMs, toMs]);
  return rows.map((r) => ({ arrivalMs: r.arrival_ms, topic: r.topic, partition: r.partition, offset: r.offset, groundStation: r.ground_station, bytes: r.packet }));
}
