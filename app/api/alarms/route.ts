import { getRuntime } from '@/server/runtime';
import { requireUser } from '@/server/auth/request-auth';
import { parseAlarmQuery } from '@/server/realtime/alarm-query';
import { badRequest, unavailable } from '@/server/realtime/route-responses';

export const dynamic = 'force-dynamic';

/**
 * GET /api/alarms?satellite=101&state=unacknowledged,acknowledged
 * → { alarms: [{ id, version, alarm: { key, state, severity, occurrences, … } }] }
 */
export async function GET(request: Request): Promise<Response> {
  const parsed = parseAlarmQuery(new URL(request.url).searchParams);
  if (!parsed.ok) return badRequest(parsed.error);
  try {
    const user = await requireUser(request, 'telemetry.read');
    if (user instanceof Response) return user;
    return Response.json({ alarms: await getRuntime().store.listAlarms(parsed.query) });
  } catch (error) {
    const response = unavailable(error, 'the archive');
    if (response) return response;
    throw error;
  }
}
