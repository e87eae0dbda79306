import { getRuntime } from '@/server/runtime';
import { requireUser } from '@/server/auth/request-auth';
import type { AuditPage } from '@/server/realtime/alarm-history';
import { parseAuditQuery } from '@/server/realtime/audit-query';
import { badRequest, unavailable } from '@/server/realtime/route-responses';

export const dynamic = 'force-dynamic';

/**
 * GET /api/audit?action=&actor=&target=&kind=&from=&to=&before=&limit=
 * → 200 { entries: [...newest first], nextBefore: <id> | null } for operators and admins;
 *   400 bad parameter (named); 401 not signed in; 403 viewer; 503 archive away.
 */
export async function GET(request: Request): Promise<Response> {
  const parsed = parseAuditQuery(new URL(request.url).searchParams);
  if (!parsed.ok) return badRequest(parsed.error);
  try {
    const user = await requireUser(request, 'audit.read');
    if (user instanceof Response) return user;
    const { audit } = getRuntime();
    if (!audit) return Response.json({ error: 'this node has no audit log' }, { status: 503 });
    // One more than the page: whether an older page exists, without counting the table.
    const rows = await audit.listAudit({ ...parsed.query, limit: parsed.query.limit + 1 });
    const entries = rows.slice(0, parsed.query.limit);
    const body: AuditPage = { entries, nextBefore: rows.length > parsed.query.limit ? entries[entries.length - 1]!.id : null };
    return Response.json(body, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    const response = unavailable(error, 'the archive');
    if (response) return response;
    throw error;
  }
}
