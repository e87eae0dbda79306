/**
 * Stores quarantined messages verbatim with their reason, all in one statement.
 *
 * @example
 *   await insertQuarantine(client, [{ ...record, topic: 'telemetry.raw.thermal', partition: 2, offset: '9' }]);
 */
import type { QuarantineRecord } from '../../server/ports/telemetry-store';
import type { Queryable } from '../pool';
import { float8Array, int2Array, int4Array } from './binary-arrays';
import { timestampFromMs } from './epoch';

export interface QuarantineRow extends QuarantineRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

// A refusal republished by a restarted processor hits quarantine_origin_key and is skipped.
const SQL = `
INSERT INTO quarantine (received_at, reason, detail, topic, partition, "offset", satellite_id, apid, payload,
                        stage, origin_topic, origin_partition, origin_offset, parameter_id)
SELECT ${timestampFromMs('u.received_ms')}, u.reason, u.detail, u.topic, u.partition, u."offset", u.satellite_id, u.apid, u.payload,
       u.stage, u.origin_topic, u.origin_partition, u.origin_offset, u.parameter_id
  FROM unnest($1::float8[], $2::text[], $3::text[], $4::text[], $5::integer[], $6::bigint[], $7::integer[], $8::smallint[], $9::bytea[],
              $10::text[], $11::text[], $12::integer[], $13::bigint[], $14::smallint[])
       AS u(received_ms, reason, detail, topic, partition, "offset", satellite_id, apid, payload,
            stage, origin_topic, origin_partition, origin_offset, parameter_id)
ON CONFLICT DO NOTHING`;

/** Returns the number of rows stored. */
export async function insertQuarantine(q: Queryable, rows: readonly QuarantineRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await q.query(SQL, [
    float8Array(rows.map((r) => r.receivedAtMs)),
    rows.map((r) => r.reason),
    rows.map((r) => r.detail),
    rows.map((r) => r.topic),
    int4Array(rows.map((r) => r.partition)),
    rows.map((r) => r.offset),
    int4Array(rows.map((r) => r.satelliteId)),
    int2Array(rows.map((r) => r.apid)),
    rows.map((r) => r.payload),
    rows.map((r) => r.stage ?? 'worker'),
    rows.map((r) => r.origin?.topic ?? null),
    int4Array(rows.map((r) => r.origin?.partition ?? null)),
    rows.map((r) => r.origin?.offset ?? null),
    int2Array(rows.map((r) => r.parameterId ?? null)),
  ]);
  return result.rowCount ?? 0;
}
