/**
 * Turns rows ordered by (parameter, time) into the columns of one series per
 * requested parameter, in request order; a parameter without data gets
 * empty columns rather than disappearing, so a chart keeps its legend.
 *
 * @example
 *   collectSeries([2, 3], [{ parameter_id: 2, time_ms: 1000, value: 1, min: 1, max: 1, count: 1 }]);
 *   // [{ parameterId: 2, timesMs: [1000], values: [1], mins: [1], maxs: [1], counts: [1] },
 *   //  { parameterId: 3, timesMs: [], values: [], mins: [], maxs: [], counts: [] }]
 */

export interface SeriesRow {
  parameter_id: number;
  time_ms: number;
  value: number;
  min: number;
  max: number;
  count: number;
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

export function collectSeries(parameterIds: readonly number[], rows: readonly SeriesRow[]): SeriesColumns[] {
  const byParameter = new Map<number, SeriesColumns>();
  for (const id of parameterIds) {
    if (!byParameter.has(id)) byParameter.set(id, { parameterId: id, timesMs: [], values: [], mins: [], maxs: [], counts: [] });
  }
  for (const row of rows) {
    const series = byParameter.get(row.parameter_id);
    if (series === undefined) continue;
    series.timesMs.push(row.time_ms);
    series.values.push(row.value);
    series.mins.push(row.min);
    series.maxs.push(row.max);
    series.counts.push(row.count);
  }
  return [...byParameter.values()];
}
