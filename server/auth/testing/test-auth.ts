/**
 * An AuthService over a MemoryAuthStore with cheap password hashing, and a
 * way to get a signed-in cookie for a user of a given role: what route and
 * socket tests use to act as a signed-in console.
 *
 * @example
 *   const testAuth = createTestAuth();
 *   const cookie = await testAuth.cookieFor('operator');  // 'perigee_session=…'
 *   GET(new Request(url, { headers: { cookie } }));
 */
import { MemoryAuthStore } from '../../adapters/memory/memory-auth-store';
import { AuthService } from '../auth-service';
import type { Role } from '../role';
import { SESSION_COOKIE } from '../session-cookie';

/** scrypt at N=2^10: about a millisecond, against a second for the production cost on a test machine. */
export const TEST_PASSWORD_HASHING = { log2N: 10, r: 8, p: 1 } as const;
export const TEST_PASSWORD = 'test-password-1234';

export interface TestAuth {
  readonly auth: AuthService;
  readonly store: MemoryAuthStore;
  /** Creates `<role>-user` (once) and signs it in; the Cookie header value of its session. */
  cookieFor(role: Role): Promise<string>;
}

export function createTestAuth({ now }: { now?: () => number } = {}): TestAuth {
  const store = new MemoryAuthStore();
  const auth = new AuthService({ store, now, passwordHashing: TEST_PASSWORD_HASHING });
  return {
    auth,
    store,
    cookieFor: async (role) => {
      const username = `${role}-user`;
      if (!store.users.has(username)) await auth.createUser({ username, password: TEST_PASSWORD, role }, 'system');
      const result = await auth.login({ username, password: TEST_PASSWORD, clientAddress: null });
      if (!result.ok) throw new Error(`test sign-in of ${username} failed: ${result.reason}`);
      return `${SESSION_COOKIE}=${result.token}`;
    },
  };
}
