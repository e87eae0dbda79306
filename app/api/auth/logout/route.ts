import { getRuntime } from '@/server/runtime';
import { checkOrigin, clientAddressOf, isHttps, sessionTokenOf } from '@/server/auth/request-auth';
import { clearedSessionCookie } from '@/server/auth/session-cookie';
import { hashSessionToken, isSessionTokenShaped } from '@/server/auth/session-token';
import { unexpectedBodyError } from '@/server/realtime/request-shape';
import { badRequest, unavailable } from '@/server/realtime/route-responses';

export const dynamic = 'force-dynamic';

/**
 * POST /api/auth/logout → 200 { ok: true }, the cookie cleared and the session's open sockets closed; 401 when
 * the cookie names no live session (e.g. a replayed logout), cookie cleared all the same.
 * 400 (session kept) when a body is sent: logout takes none.
 */
export async function POST(request: Request): Promise<Response> {
  const refused = checkOrigin(request);
  if (refused) return refused;
  const body = await unexpectedBodyError(request);
  if (body) return badRequest(body);
  const headers = { 'set-cookie': clearedSessionCookie(isHttps(request)), 'cache-control': 'no-store' };
  try {
    const token = sessionTokenOf(request);
    const { auth, endSockets } = getRuntime();
    const ended = await auth.logout(token, clientAddressOf(request));
    // The session's sockets (every tab of this browser) stop receiving telemetry at once, not at their next handshake.
    if (token && isSessionTokenShaped(token)) endSockets?.({ sessionIds: [hashSessionToken(token)] }, 'signed-out');
    return ended ? Response.json({ ok: true }, { headers }) : Response.json({ error: 'not signed in' }, { status: 401, headers });
  } catch (error) {
    const response = unavailable(error, 'the user database');
    if (response) return response;
    throw error;
  }
}
