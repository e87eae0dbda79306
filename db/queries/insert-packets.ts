/**
 * Stores the context of accepted packets (silver): the onboard time they
 * were archived under (and the one they carried, when it was repaired), how
 * they were enriched (spacecraft mode, sub-satellite point, calibration
 * version) and where they sit in the raw log — the lineage from any sample
 * back to its packet. Idempotent per packet identity.
 *
 * @example
 *   await insertPackets(client, [packetRecord]); // → rows stored
 */
import type { PacketRecord } from '../../server/ports/telemetry-store';
import type { Queryable } from '../pool';
import { boolArray, float8Array, int2Array, int4Array, int8Array, textArray } from './binary-arrays';
import { timestampFromMs } from './epoch';

const SQL = `
INSERT INTO packets (ts, arrived_at, received_onboard_time, lat_deg, lon_deg, alt_km, tle_epoch, satellite_id, source_partition,
                     source_offset, apid, sequence_count, playback, source_topic, ground_station, mode, calibration_version)
SELECT ${timestampFromMs('u.time_ms')}, ${timestampFromMs('u.arrival_ms')}, ${timestampFromMs('u.received_ms')}, u.lat, u.lon, u.alt,
       ${timestampFromMs('u.tle_ms')}, u.satellite_id, u.source_partition, u.source_offset, u.apid, u.sequence_count, u.playback,
       u.source_topic, u.ground_station, u.mode, u.calibration_version
  FROM unnest($1::float8[], $2::float8[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::integer[],
              $9::integer[], $10::bigint[], $11::smallint[], $12::smallint[], $13::boolean[], $14::text[], $15::text[], $16::text[], $17::text[])
       AS u(time_ms, arrival_ms, received_ms, lat, lon, alt, tle_ms, satellite_id, source_partition, source_offset, apid, sequence_count,
            playback, source_topic, ground_station, mode, calibration_version)
ON CONFLICT DO NOTHING`;

export async function insertPackets(q: Queryable, rows: readonly PacketRecord[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await q.query(SQL, [
    float8Array(rows.map((r) => r.onboardTimeMs)),
    float8Array(rows.map((r) => r.arrivalMs)),
    float8Array(rows.map((r) => r.receivedOnboardTimeMs)),
    float8Array(rows.map((r) => r.orbit?.latDeg ?? null)),
    float8Array(rows.map((r) => r.orbit?.lonDeg ?? null)),
    float8Array(rows.map((r) => r.orbit?.altKm ?? null)),
    float8Array(rows.map((r) => r.orbit?.tleEpochMs ?? null)),
    int4Array(rows.map((r) => r.satelliteId)),
    int4Array(rows.map((r) => r.source.partition)),
    int8Array(rows.map((r) => r.source.offset)),
    int2Array(rows.map((r) => r.apid)),
    int2Array(rows.map((r) => r.sequenceCount)),
    boolArray(rows.map((r) => r.playback)),
    textArray(rows.map((r) => r.source.topic)),
    textArray(rows.map((r) => r.groundStation)),
    textArray(rows.map((r) => r.mode)),
    textArray(rows.map((r) => r.calibrationVersion)),
  ]);
  return result.rowCount ?? 0;
}
