import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../server/errors';
import { pickFreePort } from './embedded/free-port';
import { connectPool, createPool, redactDatabaseUrl } from './pool';
import { startTestDatabase, type TestDatabase } from './testing/test-database';

const SECRET = 'Sup3r-s3cret-pw';

describe('Database > pool', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await startTestDatabase({ migrated: false });
  });
  afterAll(() => db?.stop());

  /** The test cluster's URL with another user, password or database. */
  function variant({ password, database }: { password?: string; database?: string }): string {
    const url = new URL(db.url);
    if (password !== undefined) url.password = password;
    if (database !== undefined) url.pathname = `/${database}`;
    return url.toString();
  }

  describe('connectPool', () => {
    it('returns a working pool', async () => {
      const pool = await connectPool({ url: db.url, max: 2 });
      try {
        const { rows } = await pool.query<{ n: number }>('SELECT 41 + 1 AS n');
        expect(rows).toEqual([{ n: 42 }]);
      } finally {
        await pool.end();
      }
    });

    it('gives a retriable StoreUnavailableError naming DATABASE_URL, without the password, when nothing listens', async () => {
      const port = await pickFreePort();
      const url = `postgres://perigee:${SECRET}@127.0.0.1:${port}/perigee`;

      const error = await connectPool({ url, max: 1 }).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as StoreUnavailableError).retriable).toBe(true);
      expect((error as Error).message).toBe(
        `cannot connect to PostgreSQL at postgres://perigee:***@127.0.0.1:${port}/perigee (connection refused): ` +
          'check DATABASE_URL, or unset it to use the embedded server',
      );
      expect(inspect(error, { depth: 10 })).not.toContain(SECRET);
    });

    it('reports a wrong password as not retriable', async () => {
      const error = await connectPool({ url: variant({ password: SECRET }), max: 1 }).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as StoreUnavailableError).retriable).toBe(false);
      expect((error as Error).message).toContain('(password authentication failed: password authentication failed for user "perigee")');
      expect((error as Error).message).toContain('check DATABASE_URL');
      expect(inspect(error, { depth: 10 })).not.toContain(SECRET);
    });

    it('reports a missing database as not retriable', async () => {
      const error = await connectPool({ url: variant({ database: 'no_such_db' }), max: 1 }).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as StoreUnavailableError).retriable).toBe(false);
      expect((error as Error).message).toContain('(the database does not exist: database "no_such_db" does not exist)');
    });
  });

  describe('createPool', () => {
    it('reports a dropped idle connection and keeps serving queries', async () => {
      const idleErrors: Error[] = [];
      const pool = createPool({ url: db.url, max: 2, onIdleError: (e) => idleErrors.push(e) });
      try {
        const { rows } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        expect(pool.idleCount).toBe(1);

        await db.pool.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
        await expect.poll(() => idleErrors.length).toBe(1);

        expect(idleErrors[0]!.message).toBe('terminating connection due to administrator command');
        expect([pool.totalCount, pool.idleCount]).toEqual([0, 0]);
        expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      } finally {
        await pool.end();
      }
    });

    it('rejects a pool size below one', () => {
      expect(() => createPool({ url: db.url, max: 0 })).toThrow(new RangeError('pool max must be a positive integer, got 0'));
    });
  });

  describe('redactDatabaseUrl', () => {
    it('hides only the password', () => {
      expect(redactDatabaseUrl(`postgresql://ops:${SECRET}@db.example:6543/perigee?sslmode=require`)).toBe(
        'postgresql://ops:***@db.example:6543/perigee?sslmode=require',
      );
      expect(redactDatabaseUrl('postgres://db.example/perigee')).toBe('postgres://db.example/perigee');
      expect(redactDatabaseUrl(`not a url ${SECRET}`)).toBe('(unparsable URL)');
    });
  });
});
