import { getRuntime } from '@/server/runtime';
import { requireUser } from '@/server/auth/request-auth';
import { exportSliceMs, maxExportRows } from '@/server/domain/export/csv-export';
import { parseExportQuery } from '@/server/realtime/export-query';
import { csvExportStream } from '@/server/realtime/csv-export-stream';
import { badRequest, unavailable } from '@/server/realtime/route-responses';

export const dynamic = 'force-dynamic';

/** Used when the node was started without a limit (EXPORT_MAX_ROWS's default). */
const DEFAULT_MAX_ROWS = 1_000_000;

/**
 * GET /api/export?satellite=101&params=power.battery_voltage,2&from=<ISO|ms>&to=<ISO|ms>[&format=csv]
 * → text/csv, streamed: `time,<name> [<unit>],…` then one row per onboard time (server/domain/export/csv-export.ts).
 * 400 with the reason for bad input or a window that could hold more than the row limit.
 */
export async function GET(request: Request): Promise<Response> {
  const { mdb, telemetryExport, exportMaxRows = DEFAULT_MAX_ROWS } = getRuntime();
  const parsed = parseExportQuery(new URL(request.url).searchParams, (name) =>
    (/^\d+$/.test(name) ? mdb.parameterById(Number(name)) : mdb.parameter(name))?.id,
  );
  if (!parsed.ok) return badRequest(parsed.error);
  const user = await requireUser(request, 'telemetry.read');
  if (user instanceof Response) return user;
  if (!telemetryExport) return Response.json({ error: 'export is not available on this node' }, { status: 503 });
  const { parameterIds, fromMs, toMs, satelliteId } = parsed.request;
  const windowMs = toMs - fromMs;
  const rows = maxExportRows(mdb.layouts, parameterIds, windowMs);
  if (rows > exportMaxRows) {
    return badRequest(`the window could hold ${rows} rows, more than the export limit of ${exportMaxRows}: choose a shorter window or fewer packets' parameters`);
  }
  const columns = parameterIds.map((id) => mdb.parameterById(id)!);
  let stream: ReadableStream<Uint8Array>;
  try {
    stream = await csvExportStream({
      source: telemetryExport,
      request: parsed.request,
      columns,
      sliceMs: exportSliceMs(rows / Math.max(windowMs / 1000, 1), windowMs),
      maxRows: exportMaxRows,
    });
  } catch (error) {
    const response = unavailable(error, 'the archive');
    if (response) return response;
    throw error;
  }
  const name = `perigee-${satelliteId}-${new Date(fromMs).toISOString().replace(/[:.]/g, '')}.csv`;
  return new Response(stream, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' },
  });
}
