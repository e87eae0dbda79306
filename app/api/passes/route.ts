import { getRuntime } from '@/server/runtime';
import { requireUser } from '@/server/auth/request-auth';
import { parsePassQuery } from '@/server/realtime/pass-query';
import { reportPasses } from '@/server/realtime/pass-report';
import { badRequest, unavailable } from '@/server/realtime/route-responses';

export const dynamic = 'force-dynamic';

/**
 * GET /api/passes?satellite=<id>&station=<id>&from=<ISO|ms>&to=<ISO|ms>
 * → passesResponseSchema: past, running and upcoming passes with duration, max elevation,
 * data received, gaps and alarms raised. Without from/to: the 12 hours either side of now.
 */
export async function GET(request: Request): Promise<Response> {
  const { passArchive, fleet, mdb } = getRuntime();
  const nowMs = Date.now();
  const parsed = parsePassQuery(new URL(request.url).searchParams, fleet, nowMs);
  if (!parsed.ok) return badRequest(parsed.error);
  const user = await requireUser(request, 'telemetry.read');
  if (user instanceof Response) return user;
  if (!passArchive) return Response.json({ error: 'passes are not available on this node' }, { status: 503 });
  try {
    return Response.json(await reportPasses({ archive: passArchive, fleet, layouts: mdb.layouts, filter: parsed.filter, nowMs }));
  } catch (error) {
    const response = unavailable(error, 'the archive');
    if (response) return response;
    throw error;
  }
}
