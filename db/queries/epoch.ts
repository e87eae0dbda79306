/**
 * Times cross the wire as float8 epoch milliseconds, which holds every
 * microsecond timestamp of this century exactly; `to_timestamp` rounds to the
 * microsecond and `extract(epoch ...)` returns an exact numeric. A JS Date
 * would drop the microseconds, so no query reads or writes timestamptz as Date.
 *
 * @example
 *   `SELECT ${epochMs('ts')} AS time_ms FROM samples WHERE ts >= ${timestampFromMs('$1')}`
 */

/** SQL turning a float8 epoch-ms expression (e.g. a parameter "$3") into timestamptz. */
export function timestampFromMs(expression: string): string {
  return `to_timestamp(${expression}::float8 / 1000)`;
}

/** SQL turning a timestamptz column into float8 epoch milliseconds. */
export function epochMs(column: string): string {
  return `(extract(epoch FROM ${column}) * 1000)::float8`;
}

/** A number that is a usable time, or null (stored as NULL). */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/**
 * SQL turning a timestamptz column of whole seconds (bucket starts) into
 * float8 epoch milliseconds without going through numeric: date_part's
 * float8 is exact for whole seconds, and a few times cheaper per row.
 */
export function bucketEpochMs(column: string): string {
  return `(date_part('epoch', ${column}) * 1000)`;
}
