import { getRuntime } from '@/server/runtime';
import { requireUser } from '@/server/auth/request-auth';
import { can } from '@/server/auth/role';
import { badRequest, unavailable } from '@/server/realtime/route-responses';

export const dynamic = 'force-dynamic';

/**
 * GET /api/operators → 200 { operators: ['alice', …] }: the enabled accounts an
 * alarm can be assigned to (operators and admins), for the alarms page's
 * assign picker. For roles that may assign; 403 otherwise.
 */
export async function GET(request: Request): Promise<Response> {
  if (new URL(request.url).searchParams.size > 0) return badRequest('operators takes no query parameters');
  try {
    const user = await requireUser(request, 'alarm.assign');
    if (user instanceof Response) return user;
    const users = await getRuntime().auth.listUsers();
    const operators = users.filter((u) => !u.disabled && can(u.role, 'alarm.acknowledge')).map((u) => u.username);
    return Response.json({ operators }, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    const response = unavailable(error, 'the user database');
    if (response) return response;
    throw error;
  }
}
