/**
 * Stores ground-station events: the columns passes and replays filter on,
 * plus the whole event as published in `payload`.
 *
 * @example
 *   await insertGroundStationEvents(client, [{ event, topic: 'ground-station.events', partition: 0, offset: '3' }]);
 */
import type { GroundStationEvent } from '../../server/domain/ground-station-event';
import type { Queryable } from '../pool';
import { float8Array, int4Array } from './binary-arrays';
import { timestampFromMs } from './epoch';

export interface GroundStationEventRow {
  readonly event: GroundStationEvent;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

const SQL = `
INSERT INTO ground_station_events (time, satellite_id, station, type, pass_id, payload, topic, partition, "offset")
SELECT ${timestampFromMs('u.time_ms')}, u.satellite_id, u.station, u.type, u.pass_id, u.payload, u.topic, u.partition, u."offset"
  FROM unnest($1::float8[], $2::integer[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::text[], $8::integer[], $9::bigint[])
       AS u(time_ms, satellite_id, station, type, pass_id, payload, topic, partition, "offset")`;

/** Returns the number of rows stored. */
export async function insertGroundStationEvents(q: Queryable, rows: readonly GroundStationEventRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await q.query(SQL, [
    float8Array(rows.map((r) => r.event.timeMs)),
    int4Array(rows.map((r) => r.event.satelliteId)),
    rows.map((r) => r.event.station),
    rows.map((r) => r.event.type),
    rows.map((r) => r.event.passId),
    rows.map((r) => JSON.stringify(r.event)),
    rows.map((r) => r.topic),
    int4Array(rows.map((r) => r.partition)),
    rows.map((r) => r.offset),
  ]);
  return result.rowCount ?? 0;
}
