import { getRuntime } from '@/server/runtime';
import { checkOrigin, clientAddressOf, requireUser } from '@/server/auth/request-auth';
import { MAX_ADMIN_BODY_BYTES, parseAdminBody, parseUsernameParam, userChangeSchema } from '@/server/realtime/admin-requests';
import { readJsonBody } from '@/server/realtime/read-json-body';
import { accountErrorResponse, badRequest, unavailable } from '@/server/realtime/route-responses';

export const dynamic = 'force-dynamic';

/**
 * PATCH /api/admin/users/<username> { role } | { disabled }
 * → 200 { user, socketsClosed } (audited 'user.role' with from → to, or 'user.disable' / 'user.enable').
 *   Disabling ends every session of the account and closes the sockets they opened.
 *   400 malformed; 403 cross-site or not an admin; 404 unknown user; 422 an admin changing their own role or disabling themselves.
 */
export async function PATCH(request: Request, { params }: { params: Promise<{ username: string }> }): Promise<Response> {
  const refused = checkOrigin(request);
  if (refused) return refused;
  const username = parseUsernameParam((await params).username);
  if (username === undefined) return badRequest('username must be 3..32 characters of a-z, 0-9, ".", "_", "-"');
  const body = await readJsonBody(request, MAX_ADMIN_BODY_BYTES);
  if (!body.ok) return badRequest(body.error);
  const parsed = parseAdminBody(userChangeSchema, body.value);
  if (!parsed.ok) return badRequest(`invalid change: ${parsed.error}; expected { role } or { disabled }`);
  try {
    const admin = await requireUser(request, 'user.manage');
    if (admin instanceof Response) return admin;
    const { auth, endSockets } = getRuntime();
    const by = { username: admin.username, role: admin.role };
    const address = clientAddressOf(request) || null;
    if ('role' in parsed.value) {
      const user = await auth.changeRole(username, parsed.value.role, by, address);
      return Response.json({ user, socketsClosed: 0 });
    }
    const { user, endedSessionIds } = await auth.setDisabled(username, parsed.value.disabled, by, address);
    // By account rather than by the sessions just ended: a socket outlives a session that expired meanwhile.
    const socketsClosed = parsed.value.disabled ? (endSockets?.({ userId: user.id }, 'account-disabled') ?? 0) : 0;
    return Response.json({ user, socketsClosed, sessionsEnded: endedSessionIds.length });
  } catch (error) {
    const response = accountErrorResponse(error) ?? unavailable(error, 'the user database');
    if (response) return response;
    throw error;
  }
}
