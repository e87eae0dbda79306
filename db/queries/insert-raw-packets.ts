/**
 * Stores packets as received (bronze), all rows in one statement: each column
 * travels as one binary array parameter (the packets' bytes as they are) and
 * `unnest` turns them back into rows.
 *
 * @example
 *   await insertRawPackets(client, [{ ...rawPacket, topic: 'telemetry.raw.power', partition: 0, offset: '17' }]);
 */
import type { RawPacketRecord } from '../../server/ports/telemetry-store';
import type { Queryable } from '../pool';
import { byteaArray, float8Array, int2Array, int4Array, int8Array, textArray } from './binary-arrays';
import { finiteOrNull, timestampFromMs } from './epoch';

export interface RawPacketRow extends RawPacketRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

const SQL = `
INSERT INTO raw_packets (received_at, satellite_id, apid, sequence_count, onboard_time, topic, partition, "offset", ground_station, packet)
SELECT ${timestampFromMs('u.received_ms')}, u.satellite_id, u.apid, u.sequence_count, ${timestampFromMs('u.onboard_ms')},
       u.topic, u.partition, u."offset", u.ground_station, u.packet
  FROM unnest($1::float8[], $2::integer[], $3::smallint[], $4::smallint[], $5::float8[],
              $6::text[], $7::integer[], $8::bigint[], $9::text[], $10::bytea[])
       AS u(received_ms, satellite_id, apid, sequence_count, onboard_ms, topic, partition, "offset", ground_station, packet)`;

/** Returns the number of rows stored. */
export async function insertRawPackets(q: Queryable, rows: readonly RawPacketRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await q.query(SQL, [
    float8Array(rows.map((r) => r.receivedAtMs)),
    int4Array(rows.map((r) => r.satelliteId)),
    int2Array(rows.map((r) => r.apid)),
    int2Array(rows.map((r) => r.sequenceCount)),
    float8Array(rows.map((r) => finiteOrNull(r.onboardTimeMs))),
    textArray(rows.map((r) => r.topic)),
    int4Array(rows.map((r) => r.partition)),
    int8Array(rows.map((r) => r.offset)),
    textArray(rows.map((r) => r.groundStation)),
    byteaArray(rows.map((r) => r.packet)),
  ]);
  return result.rowCount ?? 0;
}
