import { getRuntime } from '@/server/runtime';
import { getFleetOverview } from '@/server/realtime/fleet-overview';
import { unavailable } from '@/server/realtime/route-responses';

export const dynamic = 'force-dynamic';

/** GET /api/satellites → { satellites: [{ id, name, firstSeenMs, lastSeenMs }] } */
export async function GET(): Promise<Response> {
  try {
    return Response.json({ satellites: await getFleetOverview(getRuntime()) });
  } catch (error) {
    const response = unavailable(error, 'the archive');
    if (response) return response;
    throw error;
  }
}
