import { requireUser } from '@/server/auth/request-auth';
import { getRuntime } from '@/server/runtime';
import { parseQuarantineQuery } from '@/server/realtime/quarantine-query';
import { badRequest, unavailable } from '@/server/realtime/route-responses';

export const dynamic = 'force-dynamic';

/**
 * GET /api/ops/quarantine?limit=20
 * → { messages: [{ receivedAtMs, stage, reason, detail, satelliteId, apid, topic, partition, offset, origin, payloadHex, payloadLength }] }
 */
export async function GET(request: Request): Promise<Response> {
  const parsed = parseQuarantineQuery(new URL(request.url).searchParams);
  if (!parsed.ok) return badRequest(parsed.error);
  try {
    const user = await requireUser(request, 'ops.read');
    if (user instanceof Response) return user;
    return Response.json({ messages: await getRuntime().store.listQuarantine(parsed.query) });
  } catch (error) {
    const response = unavailable(error, 'the archive');
    if (response) return response;
    throw error;
  }
}
