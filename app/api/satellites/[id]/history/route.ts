import { getRuntime } from '@/server/runtime';
import { requireUser } from '@/server/auth/request-auth';
import { parseHistoryQuery } from '@/server/realtime/history-query';
import { badRequest, unavailable } from '@/server/realtime/route-responses';

export const dynamic = 'force-dynamic';

/**
 * GET /api/satellites/<id>/history?parameters=100,101&from=<epoch ms>&to=<epoch ms>[&width=<px>]
 * → { tier: 'raw' | '1s' | '1m', bucketMs, series: [{ parameterId, timesMs, values, mins, maxs, counts, periodMs, gapThresholdMs }] }
 * (historyResponseSchema). The store picks the tier so that each series fits the chart's width.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { store, mdb } = getRuntime();
  const parsed = parseHistoryQuery(
    { id: (await params).id, search: new URL(request.url).searchParams },
    (parameterId) => mdb.parameterById(parameterId) !== undefined,
  );
  if (!parsed.ok) return badRequest(parsed.error);
  try {
    const user = await requireUser(request, 'telemetry.read');
    if (user instanceof Response) return user;
    return Response.json(await store.getSeries(parsed.request));
  } catch (error) {
    const response = unavailable(error, 'the archive');
    if (response) return response;
    throw error;
  }
}
