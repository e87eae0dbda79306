/**
 * The signed-in user of a server-rendered page, from the session cookie, so
 * a page restricted to some roles renders nothing of itself for the others.
 * The page gate has already sent browsers without a session to /login; the
 * API routes behind each page check the role again on every request.
 *
 * @example
 *   const user = await pageUser();
 *   if (!user || !can(user.role, 'user.manage')) return <Forbidden … />;
 */
import { cookies } from 'next/headers';
import { getRuntime } from '../runtime';
import type { AuthenticatedUser } from './auth-service';
import { SESSION_COOKIE } from './session-cookie';

export async function pageUser(): Promise<AuthenticatedUser | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value ?? null;
  return getRuntime().auth.authenticate(token);
}
