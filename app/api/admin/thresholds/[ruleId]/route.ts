import { getRuntime } from '@/server/runtime';
import { checkOrigin, clientAddressOf, requireUser } from '@/server/auth/request-auth';
import { checkThreshold } from '@/server/domain/stream/rules/rule-thresholds';
import { MAX_ADMIN_BODY_BYTES, parseAdminBody, parseRuleIdParam, thresholdChangeSchema } from '@/server/realtime/admin-requests';
import { readJsonBody } from '@/server/realtime/read-json-body';
import { badRequest, unavailable } from '@/server/realtime/route-responses';

export const dynamic = 'force-dynamic';

/**
 * PUT /api/admin/thresholds/<ruleId> { value }
 * → 200 { ruleId, from, to } stored and audited ('rule.threshold', from → to, who); the processor picks it up
 *   within RULE_THRESHOLD_REFRESH_MS, no restart.
 *   400 malformed; 403 cross-site or not an admin; 404 no tunable rule of that id; 422 outside the rule's bounds.
 */
export async function PUT(request: Request, { params }: { params: Promise<{ ruleId: string }> }): Promise<Response> {
  const refused = checkOrigin(request);
  if (refused) return refused;
  const ruleId = parseRuleIdParam((await params).ruleId);
  if (ruleId === undefined) return badRequest('rule id must be lower-case words joined by "-"');
  const body = await readJsonBody(request, MAX_ADMIN_BODY_BYTES);
  if (!body.ok) return badRequest(body.error);
  const parsed = parseAdminBody(thresholdChangeSchema, body.value);
  if (!parsed.ok) return badRequest(`invalid threshold: ${parsed.error}; expected { value: <number> }`);
  try {
    const admin = await requireUser(request, 'rule.edit');
    if (admin instanceof Response) return admin;
    const { ruleThresholds } = getRuntime();
    if (!ruleThresholds) return Response.json({ error: 'this node cannot store rule thresholds' }, { status: 503 });
    const tunable = ruleThresholds.tunable.find((t) => t.ruleId === ruleId);
    if (!tunable) return Response.json({ error: `no rule "${ruleId}" with a tunable threshold` }, { status: 404 });
    const checked = checkThreshold(tunable, parsed.value.value);
    if (!checked.ok) return Response.json({ error: checked.error }, { status: 422 });
    const { from, to } = await ruleThresholds.store.setThreshold({
      ruleId,
      value: checked.value,
      defaultValue: tunable.defaultValue,
      atMs: Date.now(),
      actor: { username: admin.username, role: admin.role },
      clientAddress: clientAddressOf(request) || null,
    });
    return Response.json({ ruleId, from, to });
  } catch (error) {
    const response = unavailable(error, 'the archive');
    if (response) return response;
    throw error;
  }
}
