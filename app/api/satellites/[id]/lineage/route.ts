import { getRuntime } from '@/server/runtime';
import { requireUser } from '@/server/auth/request-auth';
import { lineageResponse, parseLineageQuery } from '@/server/realtime/lineage-query';
import { badRequest, unavailable } from '@/server/realtime/route-responses';

export const dynamic = 'force-dynamic';

/**
 * GET /api/satellites/<id>/lineage?parameter=<id>&time=<epoch ms>
 * → { parameter, sample, packet: { topic, partition, offset, arrivalMs, groundStation, calibrationVersion, … }, raw: { hex, definitionVersion, … } }
 * (LineageResponse); 404 when no such sample is stored.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { lineage, mdb } = getRuntime();
  const parsed = parseLineageQuery((await params).id, new URL(request.url).searchParams, mdb);
  if (!parsed.ok) return badRequest(parsed.error);
  if (!lineage) return Response.json({ error: 'lineage is not available on this node' }, { status: 503 });
  try {
    const user = await requireUser(request, 'telemetry.read');
    if (user instanceof Response) return user;
    const row = await lineage.sampleLineage(parsed.query);
    if (!row) return Response.json({ error: 'no sample of that parameter is stored at that time' }, { status: 404 });
    return Response.json(lineageResponse(mdb, parsed.query.parameterId, row));
  } catch (error) {
    const response = unavailable(error, 'the archive');
    if (response) return response;
    throw error;
  }
}
