/**
 * Reading a window of samples for export, a slice of time at a time, so
 * that no layer holds the whole result.
 */

export interface ExportRequest {
  readonly satelliteId: number;
  readonly parameterIds: readonly number[];
  /** Epoch ms, from ≤ t ≤ to. */
  readonly fromMs: number;
  readonly toMs: number;
}

/** One onboard time and the chosen parameters' values at it (null: no sample), as the database prints them. */
export interface ExportRow {
  /** ISO-8601 UTC with microseconds, e.g. 2026-01-01T06:00:00.100000Z. */
  readonly time: string;
  /** float8 text, aligned with the request's parameterIds. */
  readonly values: ReadonlyArray<string | null>;
}

export interface TelemetryExport {
  /** The rows of the window in time order, one batch per slice of `sliceMs` (empty slices are skipped). */
  exportRows(request: ExportRequest, sliceMs: number): AsyncIterable<readonly ExportRow[]>;
}
