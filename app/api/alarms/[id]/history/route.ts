import { getRuntime } from '@/server/runtime';
import { requireUser } from '@/server/auth/request-auth';
import { can } from '@/server/auth/role';
import { parseAlarmId } from '@/server/realtime/alarm-action-request';
import { badRequest, unavailable } from '@/server/realtime/route-responses';
import type { AlarmHistory } from '@/server/realtime/alarm-history';

export const dynamic = 'force-dynamic';

/** Entries of one alarm's history returned at most; an alarm raised more often shows its newest. */
const HISTORY_LIMIT = 200;

/**
 * GET /api/alarms/<id>/history
 * → 200 { alarm: { id, version, alarm }, entries: [{ id, atMs, actor, actorRole, action, fromState, toState, comment, clientAddress, details }] }
 *   newest first: every transition of the alarm (the stream's as actor "system"), who made it, when, with what comment;
 *   clientAddress only for roles that may read the audit log (null for viewers).
 *   400 bad id; 401 not signed in; 404 unknown alarm; 503 archive away.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const alarmId = parseAlarmId((await params).id);
  if (alarmId === undefined) return badRequest('alarm id must be a positive integer');
  if (new URL(request.url).searchParams.size > 0) return badRequest('alarm history takes no query parameters');
  try {
    const user = await requireUser(request, 'telemetry.read');
    if (user instanceof Response) return user;
    const { store, audit } = getRuntime();
    if (!audit) return Response.json({ error: 'this node has no audit log' }, { status: 503 });
    const [alarm] = await store.listAlarms({ ids: [alarmId] });
    if (!alarm) return Response.json({ error: `alarm ${alarmId} does not exist` }, { status: 404 });
    const entries = await audit.listAudit({ target: `alarm:${alarmId}`, limit: HISTORY_LIMIT });
    const showAddresses = can(user.role, 'audit.read');
    const body: AlarmHistory = { alarm, entries: showAddresses ? entries : entries.map((e) => ({ ...e, clientAddress: null })) };
    return Response.json(body, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    const response = unavailable(error, 'the archive');
    if (response) return response;
    throw error;
  }
}
