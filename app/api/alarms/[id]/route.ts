import { getRuntime } from '@/server/runtime';
import { checkOrigin, clientAddressOf, requireUser } from '@/server/auth/request-auth';
import { endOfCurrentPass, parseAlarmAction, parseAlarmId, toAlarmInput } from '@/server/realtime/alarm-action-request';
import { readJsonBody } from '@/server/realtime/read-json-body';
import { badRequest, unavailable } from '@/server/realtime/route-responses';

export const dynamic = 'force-dynamic';

/** An action with its comment fits in far less; anything bigger is refused before it is parsed. */
const MAX_BODY_BYTES = 8192;

/**
 * POST /api/alarms/<id> { action: 'acknowledge' | 'shelve' | 'unshelve' | 'assign', version, comment?, durationMs? | untilMs?, assignee? }
 * → 200 { alarm: { id, version, alarm } } after the state machine moved it (audited, and every console told);
 *   400 malformed; 401/403 not signed in or role may not; 403 cross-site; 404 unknown alarm;
 *   409 someone else acted first (reload), or a shelve untilEndOfPass while no pass is under way;
 *   422 the state machine refuses (e.g. acknowledging a normal alarm, empty comment).
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const refused = checkOrigin(request);
  if (refused) return refused;
  const alarmId = parseAlarmId((await params).id);
  if (alarmId === undefined) return badRequest('alarm id must be a positive integer');
  const body = await readJsonBody(request, MAX_BODY_BYTES);
  if (!body.ok) return badRequest(body.error);
  const parsed = parseAlarmAction(body.value);
  if (!parsed.ok) return badRequest(parsed.error);
  try {
    const user = await requireUser(request, parsed.permission);
    if (user instanceof Response) return user;
    const { alarmDesk, alarmChanged, store, fleetStatus } = getRuntime();
    if (!alarmDesk) return Response.json({ error: 'this node cannot change alarms' }, { status: 503 });
    const nowMs = Date.now();
    let endOfPassMs: number | undefined;
    if (parsed.body.action === 'shelve' && parsed.body.untilEndOfPass) {
      const [current] = await store.listAlarms({ ids: [alarmId] });
      if (!current) return Response.json({ error: `alarm ${alarmId} does not exist` }, { status: 404 });
      const end = endOfCurrentPass(fleetStatus(), current.alarm.key.satelliteId, nowMs);
      if (!end.ok) return Response.json({ error: end.error, reason: 'no-pass-under-way' }, { status: 409 });
      endOfPassMs = end.untilMs;
    }
    const result = await alarmDesk.actOnAlarm({
      alarmId,
      expectedVersion: parsed.body.version,
      input: toAlarmInput(parsed.body, { id: user.username, role: user.role }, endOfPassMs),
      nowMs,
      clientAddress: clientAddressOf(request) || null,
    });
    if (!result.ok) return Response.json({ error: result.error.message, reason: result.error.reason }, { status: 422 });
    const { record, transition } = result;
    alarmChanged?.({
      alarmId: record.id,
      satelliteId: record.alarm.key.satelliteId,
      ruleId: record.alarm.key.ruleId,
      subject: record.alarm.key.subject,
      severity: record.alarm.severity,
      version: record.version,
      atMs: nowMs,
      state: record.alarm.state,
      action: transition.action,
      actor: transition.actor.id,
    });
    return Response.json({ alarm: record });
  } catch (error) {
    // Classes differ between Next's module graph and the server's: recognise errors by name.
    const name = error instanceof Error ? error.name : '';
    if (name === 'AlarmNotFoundError') return Response.json({ error: (error as Error).message }, { status: 404 });
    if (name === 'AlarmVersionConflictError') {
      const actualVersion = (error as { actualVersion?: number }).actualVersion;
      return Response.json({ error: (error as Error).message, version: actualVersion }, { status: 409 });
    }
    const response = unavailable(error, 'the archive');
    if (response) return response;
    throw error;
  }
}
