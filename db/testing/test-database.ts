/**
 * A throwaway PostgreSQL + TimescaleDB for integration tests: a fresh cluster
 * in a new temporary folder on a free port, migrated and with the mission
 * database's parameters synced. Durability is switched off (fsync,
 * synchronous_commit), which changes speed only, never results.
 *
 * @example
 *   let db: TestDatabase;
 *   beforeAll(async () => { db = await startTestDatabase(); });
 *   afterAll(() => db.stop());
 *   it('stores', async () => { await db.pool.query('SELECT 1'); });
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { loadConfig } from '../../server/config';
import { defaultMissionDatabase } from '../../server/domain/mission/default-mission-database';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '../embedded-server';
import { migrate } from '../migrate';
import { createPool } from '../pool';
import { syncParameters } from '../queries/sync-parameters';

/** Server settings for clusters whose data may be lost: a crash only loses the test run. */
export const THROWAWAY_SETTINGS: Readonly<Record<string, string>> = {
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
};

export interface TestDatabase {
  readonly url: string;
  readonly pool: pg.Pool;
  /** Cluster folder, inside a temporary folder that stop() removes. */
  readonly dataDir: string;
  readonly server: EmbeddedPostgresServer;
  stop(): Promise<void>;
}

export interface TempFolder {
  readonly dir: string;
  remove(): Promise<void>;
}

/** The TimescaleDB bundle the suites run against (TIMESCALEDB_BUNDLE_DIR, default db/embedded/timescaledb). */
export function testBundleDir(): string {
  return loadConfig(process.env).database.embedded.timescaleBundleDir;
}

/**
 * A new empty folder under the system temp folder. mkdtemp makes it 0700;
 * it is opened to 0755 because, as root, PostgreSQL runs as user postgres
 * and must be able to reach the cluster inside.
 */
export async function createTempFolder(prefix = 'perigee-db-'): Promise<TempFolder> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  await fs.chmod(dir, 0o755);
  return { dir, remove: () => fs.rm(dir, { recursive: true, force: true }) };
}

export async function startTestDatabase({ migrated = true }: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const folder = await createTempFolder();
  const dataDir = path.join(folder.dir, 'pgdata');
  let server: EmbeddedPostgresServer;
  try {
    server = await startEmbeddedPostgres({ dataDir, port: 0, bundleDir: testBundleDir(), settings: THROWAWAY_SETTINGS });
  } catch (error) {
    await folder.remove();
    throw error;
  }
  const pool = createPool({ url: server.url, max: 4 });
  const stop = async () => {
    await pool.end().catch(() => undefined);
    await server.stop();
    await folder.remove();
  };
  try {
    if (migrated) {
      await migrate(pool);
      await syncParameters(pool, defaultMissionDatabase());
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: server.url, pool, dataDir, server, stop };
}
