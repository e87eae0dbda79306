/**
 * The CSV export as a byte stream that reads the archive only as fast as
 * the client takes it: each pull fetches the next slice of time, so memory
 * holds one slice whatever the window, and a client that goes away stops
 * the reading (cancel). At most `maxRows` rows are written.
 *
 * @example
 *   new Response(await csvExportStream({ source: store, request, columns, sliceMs, maxRows: 1_000_000 }), { headers: { 'content-type': 'text/csv' } });
 */
import { csvHeader, csvRow, type ExportColumn } from '../domain/export/csv-export';
import type { ExportRequest, ExportRow, TelemetryExport } from '../ports/telemetry-export';

export interface CsvExportStreamOptions {
  readonly source: TelemetryExport;
  readonly request: ExportRequest;
  /** Aligned with request.parameterIds. */
  readonly columns: readonly ExportColumn[];
  readonly sliceMs: number;
  readonly maxRows: number;
}

/**
 * Reads the first slice before answering, so that an archive that cannot be
 * read fails the request (the caller answers 503) instead of cutting off a
 * response already under way; later slices are read as the client pulls.
 */
export async function csvExportStream({ source, request, columns, sliceMs, maxRows }: CsvExportStreamOptions): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const batches = source.exportRows(request, sliceMs)[Symbol.asyncIterator]();
  let first: Promise<IteratorResult<readonly ExportRow[]>> | undefined = Promise.resolve(await batches.next());
  let written = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvHeader(columns)));
    },
    async pull(controller) {
      try {
        const next = await (first ?? batches.next());
        first = undefined;
        if (next.done) return controller.close();
        let text = '';
        for (const row of next.value) {
          if (written >= maxRows) break;
          text += csvRow(row.time, row.values);
          written++;
        }
        if (text) controller.enqueue(encoder.encode(text));
        if (written >= maxRows) {
          await batches.return?.(undefined);
          controller.close();
        }
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await batches.return?.(undefined);
    },
  }, { highWaterMark: 1 });
}
