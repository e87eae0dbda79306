/**
 * One slice of a CSV export: every onboard time in [from, to) — or
 * [from, to] for the window's last slice — at which any of the parameters
 * has a sample, with each parameter's value as float8 text (exact), read
 * index-only from the samples index (migration 010).
 *
 * @example
 *   await selectExportRows(pool, { satelliteId: 101, parameterIds: [2, 100], fromMs, toMs, includeEnd: true });
 *   // [{ time: '2026-01-01T06:00:00.100000Z', values: ['0.5', null] }, ...]
 */
import type { ExportRequest, ExportRow } from '../../server/ports/telemetry-export';
import type { Queryable } from '../pool';
import { timestampFromMs } from './epoch';

const SQL = `
SELECT to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS time, array_agg(parameter_id) AS ids, array_agg(value::text) AS vals
  FROM samples
 WHERE satellite_id = $1 AND parameter_id = ANY($2::smallint[])
   AND ts >= ${timestampFromMs('$3')} AND (ts < ${timestampFromMs('$4')} OR ($5 AND ts = ${timestampFromMs('$4')}))
 GROUP BY ts
 ORDER BY ts`;

interface Row {
  time: string;
  ids: number[];
  vals: string[];
}

export async function selectExportRows(q: Queryable, request: ExportRequest & { readonly includeEnd: boolean }): Promise<ExportRow[]> {
  const { satelliteId, parameterIds, fromMs, toMs, includeEnd } = request;
  const column = new Map(parameterIds.map((id, i) => [id, i]));
  const { rows } = await q.query<Row>(SQL, [satelliteId, parameterIds, fromMs, toMs, includeEnd]);
  return rows.map((r) => {
    const values: Array<string | null> = new Array(parameterIds.length).fill(null);
    r.ids.forEach((id, i) => (values[column.get(id)!] = r.vals[i]!));
    return { time: r.time, values };
  });
}
