import { getRuntime } from '@/server/runtime';
import { requireUser } from '@/server/auth/request-auth';
import { getFleetOverview } from '@/server/realtime/fleet-overview';
import { unknownParameterError } from '@/server/realtime/request-shape';
import { badRequest, unavailable } from '@/server/realtime/route-responses';

export const dynamic = 'force-dynamic';

/** GET /api/satellites → { satellites: [{ id, name, firstSeenMs, lastSeenMs }] } */
export async function GET(request: Request): Promise<Response> {
  const unknown = unknownParameterError(new URL(request.url).searchParams, []);
  if (unknown) return badRequest(unknown);
  try {
    const user = await requireUser(request, 'telemetry.read');
    if (user instanceof Response) return user;
    return Response.json({ satellites: await getFleetOverview(getRuntime()) });
  } catch (error) {
    const response = unavailable(error, 'the archive');
    if (response) return response;
    throw error;
  }
}
