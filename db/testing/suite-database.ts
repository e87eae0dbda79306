/**
 * One throwaway TimescaleDB for a Vitest suite: started before its first
 * test, stopped after its last.
 *
 * @example
 *   const suite = useSuiteDatabase();
 *   it('stores', async () => { await suite.db.pool.query('SELECT 1'); });
 */
import { afterAll, beforeAll } from 'vitest';
import { startTestDatabase, type TestDatabase } from './test-database';

export function useSuiteDatabase(): { readonly db: TestDatabase } {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await startTestDatabase();
  }, 120_000);
  afterAll(async () => {
    await db?.stop();
  });
  return {
    get db(): TestDatabase {
      if (db === undefined) throw new Error('the suite database is started in beforeAll: use it inside a test');
      return db;
    },
  };
}
