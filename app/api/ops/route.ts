import { getRuntime } from '@/server/runtime';
import { requireUser } from '@/server/auth/request-auth';
import { unknownParameterError } from '@/server/realtime/request-shape';
import { badRequest } from '@/server/realtime/route-responses';

export const dynamic = 'force-dynamic';

/**
 * GET /api/ops → { snapshot: { groups, throughput, latency, quarantine, stages, … }, history: { atMs, groups } }
 * for the process serving the console (with `perigee start`, the whole pipeline); operators and admins only.
 */
export async function GET(request: Request): Promise<Response> {
  const unknown = unknownParameterError(new URL(request.url).searchParams, []);
  if (unknown) return badRequest(unknown);
  const user = await requireUser(request, 'ops.read');
  if (user instanceof Response) return user;
  const view = await getRuntime().ops();
  if (!view) return Response.json({ error: 'this node keeps no metrics' }, { status: 503 });
  return Response.json(view, { headers: { 'cache-control': 'no-store' } });
}
