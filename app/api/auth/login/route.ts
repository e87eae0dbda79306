import { getRuntime } from '@/server/runtime';
import { loginRequestSchema } from '@/server/auth/credentials';
import { checkOrigin, clientAddressOf, isHttps } from '@/server/auth/request-auth';
import { sessionCookie } from '@/server/auth/session-cookie';
import { readJsonBody } from '@/server/realtime/read-json-body';
import { badRequest, unavailable } from '@/server/realtime/route-responses';

export const dynamic = 'force-dynamic';

/** A username and password fit in far less; anything bigger is not a login. */
const MAX_BODY_BYTES = 4096;

/**
 * POST /api/auth/login { username, password }
 * → 200 { user: { username, role }, demo } and the perigee_session cookie;
 *   401 for any wrong credentials (one message); 429 with Retry-After once rate-limited;
 *   400 for a malformed or oversized body; 403 from another origin.
 */
export async function POST(request: Request): Promise<Response> {
  const refused = checkOrigin(request);
  if (refused) return refused;
  const body = await readJsonBody(request, MAX_BODY_BYTES);
  if (!body.ok) return badRequest(body.error);
  const parsed = loginRequestSchema.safeParse(body.value);
  if (!parsed.success) return badRequest('expected { "username": string, "password": string }');
  try {
    const { auth } = getRuntime();
    const result = await auth.login({ ...parsed.data, clientAddress: clientAddressOf(request) });
    if (result.ok) {
      const maxAgeSeconds = auth.sessionTtlMs / 1000;
      return Response.json(
        { user: { username: result.user.username, role: result.user.role }, demo: result.user.demo },
        { headers: { 'set-cookie': sessionCookie(result.token, { maxAgeSeconds, secure: isHttps(request) }), 'cache-control': 'no-store' } },
      );
    }
    if (result.reason === 'rate-limited') {
      const seconds = Math.ceil(result.retryAfterMs / 1000);
      return Response.json(
        { error: `too many failed sign-in attempts; try again in ${seconds} s` },
        { status: 429, headers: { 'retry-after': String(seconds) } },
      );
    }
    return Response.json({ error: 'wrong username or password' }, { status: 401 });
  } catch (error) {
    const response = unavailable(error, 'the user database');
    if (response) return response;
    throw error;
  }
}
