/**
 * Brings a database to Perigee's schema: makes sure TimescaleDB is installed,
 * then applies db/migrations/NNN_name.sql in order, each in its own
 * transaction and recorded in `schema_migrations` with a checksum. Processes
 * starting together (web, worker) are serialised by an advisory lock, so each
 * migration runs exactly once.
 *
 * @example
 *   const { applied } = await migrate(pool); // ['001_catalogue', ...] on a new database, [] afterwards
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { StoreSetupError } from '../server/errors';
import { isTransientDatabaseError, toStoreError } from './database-errors';

/** Default location of the migration files, beside this module. */
export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
/** Arbitrary key of the session advisory lock ("peri" in ASCII), the same in every Perigee process. */
const MIGRATION_LOCK_KEY = 0x70657269;
const FILE_NAME = /^(\d{3})_([a-z0-9_]+)\.sql$/;

export interface Migration {
  readonly version: number;
  /** File name without `.sql`, e.g. "001_catalogue". */
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

export interface MigrateResult {
  /** Names applied by this call, in order. */
  readonly applied: string[];
}

/** Reads and orders the migration files; throws StoreSetupError on a misnamed or duplicate version. */
export async function readMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = FILE_NAME.exec(file);
    if (!match) throw new StoreSetupError(`migration file ${file} in ${dir} is not named NNN_lower_case_name.sql`);
    const version = Number(match[1]);
    if (migrations.some((m) => m.version === version)) throw new StoreSetupError(`two migrations in ${dir} share version ${match[1]}`);
    const sql = await fs.readFile(path.join(dir, file), 'utf8');
    migrations.push({ version, name: file.slice(0, -'.sql'.length), sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return migrations;
}

/**
 * Installs TimescaleDB and applies pending migrations. Fails with
 * StoreSetupError when TimescaleDB is not available or an applied migration
 * was edited afterwards, and with StoreUnavailableError when the server
 * cannot be reached.
 */
export async function migrate(pool: pg.Pool, { dir = MIGRATIONS_DIR }: { dir?: string } = {}): Promise<MigrateResult> {
  const migrations = await readMigrations(dir);
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw toStoreError(error, 'migrating the schema');
  }
  let broken: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await installTimescaleDb(client);
      return { applied: await applyPending(client, migrations) };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    }
  } catch (error) {
    if (isTransientDatabaseError(error)) broken = error instanceof Error ? error : new Error(String(error));
    throw toStoreError(error, 'migrating the schema');
  } finally {
    client.release(broken);
  }
}

async function installTimescaleDb(client: pg.PoolClient): Promise<void> {
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS timescaledb');
  } catch (error) {
    if (isTransientDatabaseError(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    if ((error as { code?: string }).code === '42501') {
      throw new StoreSetupError(
        `TimescaleDB extension could not be created (${reason}): ask a superuser to run CREATE EXTENSION timescaledb in this database`,
        { cause: error },
      );
    }
    throw new StoreSetupError(
      `TimescaleDB extension is not available on this PostgreSQL server (${reason}): install TimescaleDB or use the embedded server (unset DATABASE_URL)`,
      { cause: error },
    );
  }
  // Job 3 (job history retention) needs the community licence; under the
  // Apache licence it only logs a licence error every run.
  await client.query(
    `UPDATE _timescaledb_config.bgw_job SET scheduled = false
      WHERE id = 3 AND scheduled AND current_setting('timescaledb.license', true) = 'apache'`,
  );
}

async function applyPending(client: pg.PoolClient, migrations: readonly Migration[]): Promise<string[]> {
  await client.query(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      checksum   text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  const { rows } = await client.query<{ version: number; name: string; checksum: string }>(
    'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
  );
  const done = new Map(rows.map((r) => [r.version, r]));
  const unknown = rows.filter((r) => !migrations.some((m) => m.version === r.version));
  if (unknown.length > 0) {
    throw new StoreSetupError(
      `the database has migrations this version of Perigee does not know (${unknown.map((r) => r.name).join(', ')}): it was migrated by a newer release`,
    );
  }
  const applied: string[] = [];
  for (const migration of migrations) {
    const previous = done.get(migration.version);
    if (previous !== undefined) {
      if (previous.checksum !== migration.checksum) {
        throw new StoreSetupError(
          `migration ${migration.name} was changed after it was applied (as ${previous.name}); add a new migration instead of editing an applied one`,
        );
      }
      continue;
    }
    try {
      await client.query('BEGIN');
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (isTransientDatabaseError(error)) throw error;
      throw new StoreSetupError(`migration ${migration.name} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    applied.push(migration.name);
  }
  return applied;
}
