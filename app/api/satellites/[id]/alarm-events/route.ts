import { getRuntime } from '@/server/runtime';
import { requireUser } from '@/server/auth/request-auth';
import { parseAlarmEventsQuery } from '@/server/realtime/alarm-events-query';
import { badRequest, unavailable } from '@/server/realtime/route-responses';

export const dynamic = 'force-dynamic';

/**
 * GET /api/satellites/<id>/alarm-events?from=<epoch ms>&to=<epoch ms>
 * → { events: [{ alertId, ruleId, subject, kind, severity, atMs, value, threshold, message }] }:
 * each alarm source's last event before the window, then every event in it, in time order
 * (what the console's history mode replays its alarm strip and scrub-bar markers from).
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const parsed = parseAlarmEventsQuery((await params).id, new URL(request.url).searchParams);
  if (!parsed.ok) return badRequest(parsed.error);
  try {
    const user = await requireUser(request, 'telemetry.read');
    if (user instanceof Response) return user;
    return Response.json({ events: await getRuntime().store.listAlarmEvents(parsed.query) });
  } catch (error) {
    const response = unavailable(error, 'the archive');
    if (response) return response;
    throw error;
  }
}
