import { getRuntime } from '@/server/runtime';
import { checkOrigin, clientAddressOf, requireUser } from '@/server/auth/request-auth';
import { MAX_ADMIN_BODY_BYTES, newUserSchema, parseAdminBody } from '@/server/realtime/admin-requests';
import { readJsonBody } from '@/server/realtime/read-json-body';
import { accountErrorResponse, badRequest, unavailable } from '@/server/realtime/route-responses';

export const dynamic = 'force-dynamic';

/** GET /api/admin/users → 200 { users: [{ id, username, role, disabled, demo, createdAtMs }] }; admins only (403). */
export async function GET(request: Request): Promise<Response> {
  if (new URL(request.url).searchParams.size > 0) return badRequest('the user list takes no query parameters');
  try {
    const user = await requireUser(request, 'user.manage');
    if (user instanceof Response) return user;
    return Response.json({ users: await getRuntime().auth.listUsers() }, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    const response = unavailable(error, 'the user database');
    if (response) return response;
    throw error;
  }
}

/**
 * POST /api/admin/users { username, role, password } → 201 { user } (audited 'user.create');
 * 400 malformed or against the policy (password 12..256 characters); 403 cross-site or not an admin; 409 username taken.
 */
export async function POST(request: Request): Promise<Response> {
  const refused = checkOrigin(request);
  if (refused) return refused;
  const body = await readJsonBody(request, MAX_ADMIN_BODY_BYTES);
  if (!body.ok) return badRequest(body.error);
  const parsed = parseAdminBody(newUserSchema, body.value);
  if (!parsed.ok) return badRequest(`invalid user: ${parsed.error}; expected { username, role, password }`);
  try {
    const admin = await requireUser(request, 'user.manage');
    if (admin instanceof Response) return admin;
    const created = await getRuntime().auth.createUser(parsed.value, { username: admin.username, role: admin.role }, clientAddressOf(request) || null);
    return Response.json({ user: { id: created.id, username: created.username, role: created.role, disabled: false, demo: false } }, { status: 201 });
  } catch (error) {
    const response = accountErrorResponse(error) ?? unavailable(error, 'the user database');
    if (response) return response;
    throw error;
  }
}
