/**
 * What the archive holds for each pass window, in one round trip: raw
 * packets received through the station (count and bytes), the silences
 * between them longer than a threshold (the window's start and end count as
 * edges, so a pass that never delivered is one gap), and the alarms raised
 * during it (count and worst severity). Each window reads its satellite's
 * packets through (satellite_id, received_at) and its alerts through
 * (satellite_id, window_end).
 *
 * @example
 *   await selectPassTelemetry(pool, [{ satelliteId: 101, station: 'svalbard', aosMs, losMs }], 500);
 *   // [{ packets: 11400, bytes: 2040000, gaps: [{ fromMs, toMs }], alarmsRaised: 1, worstSeverity: 'warning' }]
 */
import type { PassTelemetry, PassWindow } from '../../server/ports/pass-archive';
import type { Queryable } from '../pool';
import { float8Array, int4Array } from './binary-arrays';
import { epochMs, timestampFromMs } from './epoch';

const SQL = `
SELECT v.packets, v.bytes, g.gaps, a.raised, a.worst
  FROM unnest($1::integer[], $2::text[], $3::float8[], $4::float8[]) WITH ORDINALITY
       AS w(satellite_id, station, aos_ms, los_ms, i)
 CROSS JOIN LATERAL (
   SELECT count(*)::int AS packets, coalesce(sum(octet_length(r.packet)), 0)::float8 AS bytes
     FROM raw_packets r
    WHERE r.satellite_id = w.satellite_id AND r.ground_station = w.station
      AND r.received_at >= ${timestampFromMs('w.aos_ms')} AND r.received_at <= ${timestampFromMs('w.los_ms')}
 ) v
 CROSS JOIN LATERAL (
   SELECT coalesce(json_agg(json_build_array(e.from_ms, e.to_ms) ORDER BY e.from_ms), '[]'::json) AS gaps
     FROM (
       SELECT lag(t.ms, 1, w.aos_ms) OVER (ORDER BY t.ms) AS from_ms, t.ms AS to_ms
         FROM (
           SELECT ${epochMs('r.received_at')} AS ms
             FROM raw_packets r
            WHERE r.satellite_id = w.satellite_id AND r.ground_station = w.station
              AND r.received_at >= ${timestampFromMs('w.aos_ms')} AND r.received_at <= ${timestampFromMs('w.los_ms')}
           UNION ALL SELECT w.los_ms
         ) t
     ) e
    WHERE e.to_ms - e.from_ms > $5
 ) g
 CROSS JOIN LATERAL (
   SELECT count(*)::int AS raised,
          CASE WHEN bool_or(x.severity = 'critical') THEN 'critical' WHEN count(*) > 0 THEN 'warning' END AS worst
     FROM alarm_events x
    WHERE x.satellite_id = w.satellite_id AND x.kind = 'raised'
      AND x.window_end >= ${timestampFromMs('w.aos_ms')} AND x.window_end <= ${timestampFromMs('w.los_ms')}
 ) a
 ORDER BY w.i`;

interface Row {
  packets: number;
  bytes: number;
  gaps: Array<[number, number]>;
  raised: number;
  worst: 'warning' | 'critical' | null;
}

export async function selectPassTelemetry(q: Queryable, windows: readonly PassWindow[], gapThresholdMs: number): Promise<PassTelemetry[]> {
  if (windows.length === 0) return [];
  const { rows } = await q.query<Row>(SQL, [
    int4Array(windows.map((w) => w.satelliteId)),
    windows.map((w) => w.station),
    float8Array(windows.map((w) => w.aosMs)),
    float8Array(windows.map((w) => w.losMs)),
    gapThresholdMs,
  ]);
  return rows.map((r) => ({
    packets: r.packets,
    bytes: r.bytes,
    gaps: r.gaps.map(([fromMs, toMs]) => ({ fromMs, toMs })),
    alarmsRaised: r.raised,
    worstSeverity: r.worst,
  }));
}
