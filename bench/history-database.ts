/**
 * The database the history benchmark reads and the history seed writes: an
 * embedded PostgreSQL + TimescaleDB cluster in a folder of its own that
 * outlives both scripts, so a day of telemetry is seeded once and queried
 * by every later benchmark run. Migrated and synced with the mission
 * database like the console's own.
 *
 * @example
 *   const db = await openHistoryDatabase({ dataDir: '/var/tmp/perigee-bench-history', bundleDir });
 *   await db.pool.query('SELECT count(*) FROM agg_1m');
 *   await db.close();
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { startEmbeddedPostgres } from '../db/embedded-server';
import { migrate } from '../db/migrate';
import { connectPool } from '../db/pool';
import { syncParameters } from '../db/queries/sync-parameters';
import type { MissionDatabase } from '../server/domain/mission/mission-database';

export interface HistoryDatabase {
  readonly pool: pg.Pool;
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Settings for a cluster that is rebuilt by re-running the seed: commits do
 * not wait for the WAL flush (a crash loses at most the last transactions,
 * which the resumable seed writes again), and checkpoints are spread out so
 * that a day of inserts is not dominated by full-page writes.
 */
const BENCH_SETTINGS: Readonly<Record<string, string>> = {
  synchronous_commit: 'off',
  max_wal_size: '8GB',
  checkpoint_timeout: '30min',
  shared_buffers: '2GB',
  work_mem: '64MB',
};

export async function openHistoryDatabase({ dataDir, bundleDir, mdb, poolMax = 4 }: { dataDir: string; bundleDir: string; mdb: MissionDatabase; poolMax?: number }): Promise<HistoryDatabase> {
  await fs.mkdir(dataDir, { recursive: true });
  await fs.chmod(dataDir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pgdata'), port: 0, bundleDir, settings: BENCH_SETTINGS });
  try {
    const pool = await connectPool({ url: server.url, max: poolMax });
    await migrate(pool);
    await syncParameters(pool, mdb);
    return {
      pool,
      url: server.url,
      close: async () => {
        await pool.end();
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
