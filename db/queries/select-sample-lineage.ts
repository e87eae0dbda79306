/**
 * Where one stored sample came from: the sample (silver), the packet context
 * it was stored with (topic, partition and offset it was consumed from,
 * arrival, ground station, mode, orbit, calibration version, repaired clock)
 * and the raw packet exactly as received (bronze) at that log position.
 *
 * @example
 *   await selectSampleLineage(pool, { satelliteId: 101, parameterId: 74, timeMs, apids: [272] });
 *   // → { sample: { value: 28.1, … }, packet: { topic: 'telemetry.raw.power', partition: 2, offset: '1041', … }, rawPacket: Buffer | null }
 */
import type { SampleLineageQuery, SampleLineageRow } from '../../server/ports/telemetry-store';
import type { Queryable } from '../pool';
import { epochMs, timestampFromMs } from './epoch';

export type SampleLineageFilter = SampleLineageQuery;

// The sample within a microsecond of the asked time (times cross the wire as float8 ms).
const SQL = `
SELECT ${epochMs('s.ts')} AS time_ms, s.value, s.raw_value, s.quality,
       p.apid, p.sequence_count, p.source_topic, p.source_partition, p.source_offset::text AS source_offset,
       ${epochMs('p.arrived_at')} AS arrival_ms, ${epochMs('p.received_onboard_time')} AS received_onboard_ms,
       p.ground_station, p.mode, p.calibration_version, p.playback, p.lat_deg, p.lon_deg, p.alt_km,
       r.packet
  FROM samples s
  LEFT JOIN packets p
         ON p.satellite_id = s.satellite_id AND p.ts = s.ts AND p.apid = ANY ($4::smallint[])
  LEFT JOIN raw_packets r
         ON r.satellite_id = p.satellite_id AND r.received_at = p.arrived_at
        AND r.topic = p.source_topic AND r.partition = p.source_partition AND r."offset" = p.source_offset
 WHERE s.satellite_id = $1 AND s.parameter_id = $2
   AND s.ts BETWEEN ${timestampFromMs('$3')} - interval '1 microsecond' AND ${timestampFromMs('$3')} + interval '1 microsecond'
 ORDER BY p.arrived_at NULLS LAST
 LIMIT 1`;

interface Row {
  time_ms: number;
  value: number;
  raw_value: number;
  quality: number;
  apid: number | null;
  sequence_count: number | null;
  source_topic: string | null;
  source_partition: number | null;
  source_offset: string | null;
  arrival_ms: number | null;
  received_onboard_ms: number | null;
  ground_station: string | null;
  mode: string | null;
  calibration_version: string | null;
  playback: boolean | null;
  lat_deg: number | null;
  lon_deg: number | null;
  alt_km: number | null;
  packet: Buffer | null;
}

export async function selectSampleLineage(db: Queryable, { satelliteId, parameterId, timeMs, apids }: SampleLineageFilter): Promise<SampleLineageRow | null> {
  const { rows } = await db.query<Row>(SQL, [satelliteId, parameterId, timeMs, apids]);
  const r = rows[0];
  if (!r) return null;
  return {
    sample: { timeMs: r.time_ms, value: r.value, rawValue: r.raw_value, quality: r.quality },
    packet:
      r.source_topic === null
        ? null
        : {
            apid: r.apid!,
            sequenceCount: r.sequence_count!,
            topic: r.source_topic,
            partition: r.source_partition!,
            offset: r.source_offset!,
            arrivalMs: r.arrival_ms!,
            receivedOnboardTimeMs: r.received_onboard_ms,
            groundStation: r.ground_station,
            mode: r.mode,
            calibrationVersion: r.calibration_version!,
            playback: r.playback ?? false,
            orbit: r.lat_deg === null ? null : { latDeg: r.lat_deg, lonDeg: r.lon_deg!, altKm: r.alt_km! },
          },
    rawPacket: r.packet,
  };
}
