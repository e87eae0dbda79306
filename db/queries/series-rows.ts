/**
 * Series cross the wire as packed columns, not rows. A query yielding one
 * row per point — (parameter_id, time_ms, value, min, max, count), ordered
 * by parameter and time — is wrapped by `seriesColumnsSql` into one row per
 * parameter whose columns are its float8 values packed end to end in a
 * bytea (float8send: 8 big-endian bytes each). The server then formats no
 * number as text and the driver builds no object per point: a 1-hour window
 * of ten parameters is ten rows, not 36,000, and each column is decoded
 * with Buffer reads. Every value is a float8, so nothing is rounded on the
 * way (times are float8 epoch ms already, counts are small integers).
 *
 * `collectSeries` then returns one series per requested parameter, in
 * request order; a parameter without data gets empty columns rather than
 * disappearing, so a chart keeps its legend.
 *
 * @example
 *   const { rows } = await pool.query<SeriesColumnsRow>(seriesColumnsSql('SELECT parameter_id, ... FROM samples WHERE ... ORDER BY parameter_id, ts'), params);
 *   collectSeries([2, 3], rows);
 *   // [{ parameterId: 2, timesMs: [1000], values: [1], mins: [1], maxs: [1], counts: [1] },
 *   //  { parameterId: 3, timesMs: [], values: [], mins: [], maxs: [], counts: [] }]
 */

/** One parameter's packed columns as the driver returns them (bytea comes as a Buffer). */
export interface SeriesColumnsRow {
  parameter_id: number;
  times_ms: Buffer;
  values_: Buffer;
  mins: Buffer;
  maxs: Buffer;
  counts: Buffer;
}

/** The columns of one parameter's series, as read. */
export interface SeriesColumns {
  readonly parameterId: number;
  readonly timesMs: number[];
  readonly values: number[];
  readonly mins: number[];
  readonly maxs: number[];
  readonly counts: number[];
}

const packed = (column: string) => `string_agg(float8send(${column}::float8), ''::bytea)`;

/**
 * SQL packing the point rows of `pointsSql` into per-parameter columns.
 * `pointsSql` must order its rows by parameter and time: the aggregates
 * take them in that order (collectSeries still checks, and sorts a series
 * that arrives out of order).
 */
export function seriesColumnsSql(pointsSql: string): string {
  return `
SELECT parameter_id::int AS parameter_id, ${packed('time_ms')} AS times_ms, ${packed('value')} AS values_,
       ${packed('min')} AS mins, ${packed('max')} AS maxs, ${packed('count')} AS counts
  FROM (${pointsSql}) AS points
 GROUP BY parameter_id`;
}

/** The float8 values packed in `bytes`, in order. */
export function unpackFloat8(bytes: Buffer): number[] {
  if (bytes.length % 8 !== 0) throw new RangeError(`a packed float8 column has a multiple of 8 bytes, got ${bytes.length}`);
  const values = new Array<number>(bytes.length / 8);
  for (let i = 0; i < values.length; i++) values[i] = bytes.readDoubleBE(i * 8);
  return values;
}

function increasing(times: readonly number[]): boolean {
  for (let i = 1; i < times.length; i++) if (!(times[i]! > times[i - 1]!)) return false;
  return true;
}

function unpackSeries(row: SeriesColumnsRow): SeriesColumns {
  const columns = {
    parameterId: row.parameter_id,
    timesMs: unpackFloat8(row.times_ms),
    values: unpackFloat8(row.values_),
    mins: unpackFloat8(row.mins),
    maxs: unpackFloat8(row.maxs),
    counts: unpackFloat8(row.counts),
  };
  if (increasing(columns.timesMs)) return columns;
  const order = columns.timesMs.map((_, i) => i).sort((a, b) => columns.timesMs[a]! - columns.timesMs[b]!);
  const pick = (column: number[]) => order.map((i) => column[i]!);
  return { parameterId: row.parameter_id, timesMs: pick(columns.timesMs), values: pick(columns.values), mins: pick(columns.mins), maxs: pick(columns.maxs), counts: pick(columns.counts) };
}

export function collectSeries(parameterIds: readonly number[], rows: readonly SeriesColumnsRow[]): SeriesColumns[] {
  const byParameter = new Map(rows.map((row) => [row.parameter_id, row]));
  return parameterIds.map((id) => {
    const row = byParameter.get(id);
    return row === undefined ? { parameterId: id, timesMs: [], values: [], mins: [], maxs: [], counts: [] } : unpackSeries(row);
  });
}
