import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreSetupError } from '../server/errors';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from './embedded-server';
import { createTempFolder, testBundleDir, THROWAWAY_SETTINGS, type TempFolder } from './testing/test-database';

async function query<R extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

async function startError(start: () => Promise<EmbeddedPostgresServer>): Promise<StoreSetupError> {
  const result = await start().then(
    async (server) => {
      await server.stop();
      return undefined;
    },
    (error: unknown) => error,
  );
  expect(result).toBeInstanceOf(StoreSetupError);
  return result as StoreSetupError;
}

describe('Database > startEmbeddedPostgres', () => {
  let folder: TempFolder;
  let dataDir: string;
  const bundleDir = testBundleDir();
  const start = (options: { port?: number; log?: (line: string) => void } = {}) =>
    startEmbeddedPostgres({ dataDir, port: options.port ?? 0, bundleDir, settings: THROWAWAY_SETTINGS, log: options.log });

  beforeAll(async () => {
    folder = await createTempFolder();
    dataDir = path.join(folder.dir, 'pgdata');
  });
  afterAll(() => folder?.remove());

  it('initialises a cluster once and keeps its rows and password across restarts', async () => {
    const lines: string[] = [];
    const first = await start({ log: (line) => lines.push(line) });
    try {
      expect(first.url).toMatch(new RegExp(`^postgres://perigee:[A-Za-z0-9_-]{32}@127\\.0\\.0\\.1:${first.port}/perigee$`));
      expect(lines.some((l) => l.endsWith('database system is ready to accept connections'))).toBe(true);
      await query(first.url, 'CREATE TABLE kept (id int, note text)');
      await query(first.url, `INSERT INTO kept VALUES (1, 'before restart')`);
      await query(first.url, 'CREATE EXTENSION timescaledb');
      expect(await query(first.url, `SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'`)).toEqual([{ extversion: '2.30.0' }]);
    } finally {
      await first.stop();
    }
    const passwordFile = await fs.stat(path.join(dataDir, 'perigee-password'));
    expect(passwordFile.mode & 0o777).toBe(0o600);
    const pgVersion = await fs.readFile(path.join(dataDir, 'PG_VERSION'), 'utf8');

    const second = await start();
    try {
      expect(new URL(second.url).password).toBe(new URL(first.url).password);
      expect(await query(second.url, 'SELECT id, note FROM kept')).toEqual([{ id: 1, note: 'before restart' }]);
      expect(await fs.readFile(path.join(dataDir, 'PG_VERSION'), 'utf8')).toBe(pgVersion);
    } finally {
      await second.stop();
      await second.stop(); // a second stop is a no-op
    }
  });

  it('reports a port already in use with PostgreSQL log lines', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const error = await startError(() => start({ port }));
      expect(error.message).toContain(`embedded PostgreSQL (data ${dataDir}, port ${port}) failed to start:`);
      expect(error.message).toContain('Address already in use');
      expect(error.message).toContain('FATAL:  could not create any TCP/IP sockets');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('reports a damaged cluster with PostgreSQL log lines, then starts again once repaired', async () => {
    const control = path.join(dataDir, 'global', 'pg_control');
    const saved = await fs.readFile(control);
    await fs.rm(control);
    try {
      const error = await startError(() => start());
      expect(error.message).toMatch(/could not open file ".*global\/pg_control"/);
    } finally {
      await fs.writeFile(control, saved);
      const { uid, gid } = await fs.stat(dataDir);
      await fs.chown(control, uid, gid);
      await fs.chmod(control, 0o600);
    }
    const server = await start();
    await server.stop();
  });

  it('refuses a folder that holds other files', async () => {
    const other = path.join(folder.dir, 'not-a-cluster');
    await fs.mkdir(other);
    await fs.writeFile(path.join(other, 'notes.txt'), 'mine');

    const error = await startError(() => startEmbeddedPostgres({ dataDir: other, port: 0, bundleDir }));

    expect(error.message).toBe(
      `${other} is not empty and holds no PostgreSQL cluster (no PG_VERSION): empty it or choose another PERIGEE_DATA_DIR`,
    );
  });

  it('names the build script when the TimescaleDB bundle is missing', async () => {
    const missing = path.join(folder.dir, 'no-bundle');

    const error = await startError(() => startEmbeddedPostgres({ dataDir, port: 0, bundleDir: missing }));

    expect(error.message).toBe(
      `TimescaleDB bundle incomplete: ${missing}/lib/postgresql/timescaledb.so is missing. ` +
        `Build it with scripts/build-timescaledb-bundle.sh (OUT=${missing}), point TIMESCALEDB_BUNDLE_DIR at a built bundle, ` +
        'or set DATABASE_URL to a PostgreSQL server with TimescaleDB',
    );
  });
});
