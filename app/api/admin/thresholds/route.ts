import { getRuntime } from '@/server/runtime';
import { requireUser } from '@/server/auth/request-auth';
import { badRequest, unavailable } from '@/server/realtime/route-responses';
import { thresholdViews } from '@/server/realtime/threshold-view';

export const dynamic = 'force-dynamic';

/**
 * GET /api/admin/thresholds → 200 { thresholds: [{ ruleId, description, unit, value, defaultValue, min, max, updatedBy, updatedAtMs }] };
 * admins only (403); 503 where the node has no archive.
 */
export async function GET(request: Request): Promise<Response> {
  if (new URL(request.url).searchParams.size > 0) return badRequest('the threshold list takes no query parameters');
  try {
    const user = await requireUser(request, 'rule.edit');
    if (user instanceof Response) return user;
    const { ruleThresholds } = getRuntime();
    if (!ruleThresholds) return Response.json({ error: 'this node cannot store rule thresholds' }, { status: 503 });
    const stored = await ruleThresholds.store.listThresholds();
    return Response.json({ thresholds: thresholdViews(ruleThresholds.tunable, stored) }, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    const response = unavailable(error, 'the archive');
    if (response) return response;
    throw error;
  }
}
