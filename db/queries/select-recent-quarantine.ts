/**
 * The newest quarantined messages with the head of each payload, for the ops
 * page's packet inspector. Only the first `payloadBytes` bytes leave the
 * database (a refused event line can be 64 KiB); the full length comes along.
 *
 * @example
 *   const [newest] = await selectRecentQuarantine(pool, { limit: 20, payloadBytes: 256 });
 *   newest.reason;        // 'crc-mismatch'
 *   newest.payloadHex;    // '0d2000…'
 *   newest.payloadLength; // 70
 */
import type { QuarantineQuery, QuarantinedMessage } from '../../server/ports/telemetry-store';
import type { Queryable } from '../pool';
import { epochMs } from './epoch';

const SQL = `
SELECT ${epochMs('received_at')} AS received_ms, stage, reason, detail, satellite_id, apid,
       topic, partition, "offset"::text AS "offset", origin_topic, origin_partition, origin_offset::text AS origin_offset,
       octet_length(payload) AS payload_length, substring(payload FROM 1 FOR $2) AS payload_head
  FROM quarantine
 ORDER BY received_at DESC, "offset" DESC
 LIMIT $1`;

interface QuarantineRow {
  received_ms: number;
  stage: string;
  reason: string;
  detail: string;
  satellite_id: number | null;
  apid: number | null;
  topic: string;
  partition: number;
  offset: string;
  origin_topic: string | null;
  origin_partition: number | null;
  origin_offset: string | null;
  payload_length: number;
  payload_head: Buffer;
}

export async function selectRecentQuarantine(q: Queryable, { limit, payloadBytes }: QuarantineQuery): Promise<QuarantinedMessage[]> {
  const { rows } = await q.query<QuarantineRow>(SQL, [limit, payloadBytes]);
  return rows.map((r) => ({
    receivedAtMs: r.received_ms,
    stage: r.stage,
    reason: r.reason,
    detail: r.detail,
    satelliteId: r.satellite_id,
    apid: r.apid,
    topic: r.topic,
    partition: r.partition,
    offset: r.offset,
    origin: r.origin_topic === null ? null : { topic: r.origin_topic, partition: r.origin_partition!, offset: r.origin_offset! },
    payloadHex: r.payload_head.toString('hex'),
    payloadLength: r.payload_length,
  }));
}
