/**
 * Authentication and cross-site checks for Next route handlers. Each returns
 * either what the handler needs or a ready 4xx Response to return as is:
 *
 * @example
 *   export async function POST(request: Request) {
 *     const refused = checkOrigin(request);
 *     if (refused) return refused;
 *     const user = await requireUser(request, 'alarm.acknowledge');
 *     if (user instanceof Response) return user;
 *     // … user.username, user.role
 *   }
 */
import { getRuntime } from '../runtime';
import type { AuthenticatedUser } from './auth-service';
import { checkRequestOrigin } from './origin-check';
import { can, type Action } from './role';
import { isHttpsRequest, readSessionToken } from './session-cookie';

/**
 * Header carrying the client's socket address into route handlers. The web
 * server overwrites it on every request (server/realtime/web-server.ts), so a
 * client cannot choose its own.
 */
export const CLIENT_ADDRESS_HEADER = 'x-perigee-client-address';

export function clientAddressOf(request: Request): string | null {
  return request.headers.get(CLIENT_ADDRESS_HEADER);
}

export function sessionTokenOf(request: Request): string | null {
  return readSessionToken(request.headers.get('cookie'));
}

export function isHttps(request: Request): boolean {
  return isHttpsRequest(request.url, request.headers.get('x-forwarded-proto'));
}

/**
 * The signed-in user, or 401 when there is none, or 403 when the user's role
 * may not perform `action`. A store outage propagates (StoreUnavailableError),
 * for the handler's usual 503.
 */
export async function requireUser(request: Request, action?: Action): Promise<AuthenticatedUser | Response> {
  const user = await getRuntime().auth.authenticate(sessionTokenOf(request));
  if (!user) return Response.json({ error: 'sign in to use the console' }, { status: 401 });
  if (action && !can(user.role, action)) {
    return Response.json({ error: `the ${user.role} role may not ${action.replace('.', ' ')}` }, { status: 403 });
  }
  return user;
}

/**
 * null when the request may proceed; a 403 Response for a mutation
 * (POST/PUT/PATCH/DELETE) whose Origin, or Referer when Origin is absent,
 * does not name this host. Every mutating route calls it before anything else.
 */
export function checkOrigin(request: Request): Response | null {
  const decision = checkRequestOrigin({
    method: request.method,
    host: request.headers.get('host') ?? safeHost(request.url),
    origin: request.headers.get('origin'),
    referer: request.headers.get('referer'),
  });
  return decision.ok ? null : Response.json({ error: `cross-site request refused: ${decision.reason}` }, { status: 403 });
}

function safeHost(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
