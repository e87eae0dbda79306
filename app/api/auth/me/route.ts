import { requireUser } from '@/server/auth/request-auth';
import { unknownParameterError } from '@/server/realtime/request-shape';
import { badRequest, unavailable } from '@/server/realtime/route-responses';

export const dynamic = 'force-dynamic';

/** GET /api/auth/me → { user: { username, role }, demo } or 401. */
export async function GET(request: Request): Promise<Response> {
  const unknown = unknownParameterError(new URL(request.url).searchParams, []);
  if (unknown) return badRequest(unknown);
  try {
    const user = await requireUser(request);
    if (user instanceof Response) return user;
    return Response.json({ user: { username: user.username, role: user.role }, demo: user.demo }, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    const response = unavailable(error, 'the user database');
    if (response) return response;
    throw error;
  }
}
