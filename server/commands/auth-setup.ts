/**
 * The auth service of a console process, and the accounts it needs on start:
 * the first admin from PERIGEE_ADMIN_USER/PASSWORD when no admin exists, and,
 * for the zero-setup run, the demo operator.
 */
import type pg from 'pg';
import { PostgresAuthStore } from '../adapters/postgres/postgres-auth-store';
import { AuthService } from '../auth/auth-service';
import { LoginRateLimiter } from '../auth/login-rate-limiter';
import type { Config } from '../config';
import type { Logger } from '../log';

export interface ConsoleAuth {
  readonly auth: AuthService;
  readonly demoLogin: boolean;
}

export function createAuthService(config: Config, pool: pg.Pool): AuthService {
  const { sessionTtlMs, loginMaxFailures, loginWindowMs } = config.auth;
  return new AuthService({
    store: new PostgresAuthStore(pool),
    sessionTtlMs,
    limiter: new LoginRateLimiter({ maxFailures: loginMaxFailures, windowMs: loginWindowMs }),
  });
}

export async function openConsoleAuth(config: Config, pool: pg.Pool, log: Logger, { demoLogin }: { demoLogin: boolean }): Promise<ConsoleAuth> {
  const authLog = log.namespace('auth');
  const auth = createAuthService(config, pool);
  const { firstAdmin } = config.auth;
  if (firstAdmin) {
    if (await auth.ensureFirstAdmin(firstAdmin.username, firstAdmin.password)) authLog.info(`created admin "${firstAdmin.username.toLowerCase()}" from PERIGEE_ADMIN_USER`);
  } else if (!(await auth.hasAdmin())) {
    authLog.warn('no admin account yet: create one with `perigee users add <name> --role admin` or PERIGEE_ADMIN_USER/PERIGEE_ADMIN_PASSWORD');
  }
  if (demoLogin) {
    const demo = await auth.ensureDemoOperator();
    authLog.warn(
      `DEMO LOGIN ON: browsers without a session are signed in as operator "${demo.username}"` +
        (demo.password ? ` (its password, shown once: ${demo.password})` : '') +
        '; set PERIGEE_DEMO_LOGIN=0 to require sign-in',
    );
  }
  return { auth, demoLogin };
}
