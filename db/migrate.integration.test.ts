import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreSetupError } from '../server/errors';
import { defaultMissionDatabase } from '../server/domain/mission/default-mission-database';
import { MissionDatabase } from '../server/domain/mission/mission-database';
import missionFile from '../server/domain/mission/mission-database.json' with { type: 'json' };
import { startEmbeddedPostgres } from './embedded-server';
import { MIGRATIONS_DIR, migrate } from './migrate';
import { createPool } from './pool';
import { syncParameters } from './queries/sync-parameters';
import { createTempFolder, startTestDatabase, type TestDatabase } from './testing/test-database';

const MIGRATIONS = ['001_catalogue', '002_telemetry', '003_quarantine_and_events', '004_stream_processing', '005_alarm_lifecycle', '006_users_and_sessions', '007_rule_thresholds', '010_history_reads', '011_offset_log_identity'];

describe('Database > migrate', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await startTestDatabase({ migrated: false });
  });
  afterAll(() => db?.stop());

  it('installs TimescaleDB and applies every migration in order', async () => {
    expect(await migrate(db.pool)).toEqual({ applied: MIGRATIONS });

    const extension = await db.pool.query(`SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'`);
    expect(extension.rows).toEqual([{ extversion: '2.30.0' }]);
    const recorded = await db.pool.query('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(recorded.rows).toEqual([
      { version: 1, name: '001_catalogue' },
      { version: 2, name: '002_telemetry' },
      { version: 3, name: '003_quarantine_and_events' },
      { version: 4, name: '004_stream_processing' },
      { version: 5, name: '005_alarm_lifecycle' },
      { version: 6, name: '006_users_and_sessions' },
      { version: 7, name: '007_rule_thresholds' },
      { version: 10, name: '010_history_reads' },
      { version: 11, name: '011_offset_log_identity' },
    ]);
  });

  it('creates the hypertables with their time column and chunk interval', async () => {
    const { rows } = await db.pool.query(
      `SELECT hypertable_name, column_name, time_interval::text AS chunk
         FROM timescaledb_information.dimensions ORDER BY hypertable_name`,
    );
    expect(rows).toEqual([
      { hypertable_name: 'agg_1m', column_name: 'bucket', chunk: '7 days' },
      { hypertable_name: 'agg_1s', column_name: 'bucket', chunk: '06:00:00' },
      { hypertable_name: 'ground_station_events', column_name: 'time', chunk: '7 days' },
      { hypertable_name: 'packets', column_name: 'ts', chunk: '1 day' },
      { hypertable_name: 'quarantine', column_name: 'received_at', chunk: '1 day' },
      { hypertable_name: 'raw_packets', column_name: 'received_at', chunk: '06:00:00' },
      { hypertable_name: 'samples', column_name: 'ts', chunk: '01:00:00' },
    ]);
    const hypertables = await db.pool.query('SELECT hypertable_name FROM timescaledb_information.hypertables ORDER BY 1');
    expect(hypertables.rows.map((r) => r.hypertable_name)).toEqual([
      'agg_1m',
      'agg_1s',
      'ground_station_events',
      'packets',
      'quarantine',
      'raw_packets',
      'samples',
    ]);
  });

  it('creates the unique index that series queries use and that keeps samples idempotent', async () => {
    const { rows } = await db.pool.query(`SELECT indexdef FROM pg_indexes WHERE tablename = 'samples'`);
    expect(rows).toEqual([
      { indexdef: 'CREATE UNIQUE INDEX samples_satellite_parameter_ts_key ON public.samples USING btree (satellite_id, parameter_id, ts DESC) INCLUDE (value)' },
    ]);
  });

  it('carries the series columns in the aggregate tiers\' primary keys, for index-only history reads', async () => {
    const { rows } = await db.pool.query(`SELECT tablename, indexdef FROM pg_indexes WHERE tablename IN ('agg_1s', 'agg_1m') ORDER BY tablename`);
    expect(rows).toEqual(
      ['agg_1m', 'agg_1s'].map((table) => ({
        tablename: table,
        indexdef: `CREATE UNIQUE INDEX ${table}_pkey ON public.${table} USING btree (satellite_id, parameter_id, bucket) INCLUDE (min, max, sum, count)`,
      })),
    );
  });

  it('disables the background job that needs the community licence', async () => {
    const { rows } = await db.pool.query('SELECT scheduled FROM _timescaledb_config.bgw_job WHERE id = 3');
    expect(rows).toEqual([{ scheduled: false }]);
  });

  it('applies nothing on a second run', async () => {
    expect(await migrate(db.pool)).toEqual({ applied: [] });
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM schema_migrations');
    expect(rows[0].n).toBe(MIGRATIONS.length);
  });

  it('applies each migration once when two processes migrate together', async () => {
    await db.pool.query('CREATE DATABASE migrate_race');
    const url = db.url.replace(/\/perigee$/, '/migrate_race');
    const pools = [createPool({ url, max: 1 }), createPool({ url, max: 1 })];
    try {
      const results = await Promise.all(pools.map((p) => migrate(p)));
      expect(results.map((r) => r.applied).sort((a, b) => b.length - a.length)).toEqual([MIGRATIONS, []]);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it('refuses a migration edited after it was applied', async () => {
    const folder = await createTempFolder('perigee-migrations-');
    try {
      for (const file of await fs.readdir(MIGRATIONS_DIR)) await fs.copyFile(path.join(MIGRATIONS_DIR, file), path.join(folder.dir, file));
      await fs.appendFile(path.join(folder.dir, '002_telemetry.sql'), '\n-- edited\n');

      await expect(migrate(db.pool, { dir: folder.dir })).rejects.toThrow(
        new StoreSetupError('migration 002_telemetry was changed after it was applied (as 002_telemetry); add a new migration instead of editing an applied one'),
      );
    } finally {
      await folder.remove();
    }
  });

  describe('syncParameters', () => {
    it('stores every parameter of the mission database, then changes only what changed', async () => {
      const mdb = defaultMissionDatabase();
      expect(await syncParameters(db.pool, mdb)).toBe(mdb.parameters.length);
      expect(await syncParameters(db.pool, mdb)).toBe(0);

      const { rows } = await db.pool.query('SELECT id, name, subsystem, unit, description FROM parameters ORDER BY id');
      expect(rows).toEqual(
        [...mdb.parameters]
          .sort((a, b) => a.id - b.id)
          .map((p) => ({ id: p.id, name: p.name, subsystem: p.subsystem, unit: p.unit, description: p.description })),
      );

      const edited = structuredClone(missionFile);
      const battery = edited.parameters.find((p) => p.name === 'power.battery_voltage')!;
      battery.unit = 'mV';
      expect(await syncParameters(db.pool, MissionDatabase.fromFile(edited))).toBe(1);
      const updated = await db.pool.query(`SELECT unit FROM parameters WHERE name = 'power.battery_voltage'`);
      expect(updated.rows).toEqual([{ unit: 'mV' }]);
    });
  });
});

describe('Database > migrate > without TimescaleDB', () => {
  it('fails with StoreSetupError saying how to get TimescaleDB', async () => {
    const folder = await createTempFolder();
    const server = await startEmbeddedPostgres({ dataDir: path.join(folder.dir, 'pgdata'), port: 0, bundleDir: null });
    const pool = new pg.Pool({ connectionString: server.url, max: 1 });
    try {
      const error = await migrate(pool).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(StoreSetupError);
      expect((error as StoreSetupError).message).toBe(
        'TimescaleDB extension is not available on this PostgreSQL server (extension "timescaledb" is not available): ' +
          'install TimescaleDB or use the embedded server (unset DATABASE_URL)',
      );
      expect((error as StoreSetupError).retriable).toBe(false);
      const tables = await pool.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
      expect(tables.rows[0].n).toBe(0);
    } finally {
      await pool.end();
      await server.stop();
      await folder.remove();
    }
  });
});
