/**
 * The CSV export's format and sizing. Pure.
 *
 * One row per onboard time at which any of the chosen parameters has a
 * sample, in time order; a column per parameter, empty where that parameter
 * has no sample at that time (parameters of one packet share their times,
 * so they fill the same rows). Times are ISO-8601 UTC with the database's
 * microseconds; values are the database's float8 text, which round-trips
 * exactly. The header names each column with its unit: `time,<name> [<unit>],…`
 * (no brackets for a dimensionless parameter). Fields are quoted per RFC 4180
 * when they hold a comma, quote or line break.
 *
 * @example
 *   csvHeader([{ name: 'power.battery_voltage', unit: 'V' }, { name: 'attitude.q0', unit: '' }]);
 *   // 'time,power.battery_voltage [V],attitude.q0\r\n'
 *   csvRow('2026-01-01T06:00:00.100000Z', ['28.5', null]); // '2026-01-01T06:00:00.100000Z,28.5,\r\n'
 */

export interface ExportColumn {
  readonly name: string;
  readonly unit: string;
}

/** RFC 4180 records end with CRLF. */
const EOL = '\r\n';

export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvHeader(columns: readonly ExportColumn[]): string {
  return ['time', ...columns.map((c) => (c.unit ? `${c.name} [${c.unit}]` : c.name))].map(csvField).join(',') + EOL;
}

export function csvRow(time: string, values: ReadonlyArray<string | null>): string {
  let line = time;
  for (const v of values) line += ',' + (v === null ? '' : csvField(v));
  return line + EOL;
}

interface RatedLayout {
  readonly apid: number;
  readonly rateHz: number;
  readonly parameters: ReadonlyArray<{ readonly id: number }>;
}

/**
 * Most rows an export of these parameters over `windowMs` can have: each
 * packet (APID) carrying any of them contributes one time per period, at
 * its fastest layout's rate. An upper bound — gaps only lower it — used to
 * refuse an export over the row limit before streaming starts.
 */
export function maxExportRows(layouts: readonly RatedLayout[], parameterIds: readonly number[], windowMs: number): number {
  const wanted = new Set(parameterIds);
  const rateByApid = new Map<number, number>();
  for (const layout of layouts) {
    if (!layout.parameters.some((p) => wanted.has(p.id))) continue;
    rateByApid.set(layout.apid, Math.max(rateByApid.get(layout.apid) ?? 0, layout.rateHz));
  }
  let rows = 0;
  for (const rateHz of rateByApid.values()) rows += Math.ceil((windowMs / 1000) * rateHz) + 1;
  return rows;
}

/** Rows aimed at per database round trip. */
export const EXPORT_BATCH_ROWS = 5000;

/**
 * Width of the time slices the export reads one at a time, ms: about
 * EXPORT_BATCH_ROWS rows each at the parameters' rates, in whole seconds,
 * at least 1 s and at most the window.
 */
export function exportSliceMs(rowsPerSecond: number, windowMs: number): number {
  const seconds = Math.max(1, Math.floor(EXPORT_BATCH_ROWS / Math.max(rowsPerSecond, 1e-9)));
  return Math.min(Math.max(windowMs, 1000), seconds * 1000);
}
