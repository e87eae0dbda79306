import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, migrate } from '../migrate';
import { createTempFolder, startTestDatabase, type TempFolder, type TestDatabase } from '../testing/test-database';

/** Alarms stored by a release before 005, then upgraded: the backfill decides their lifecycle state. */
describe('Database > migration 005_alarm_lifecycle', () => {
  let db: TestDatabase;
  let before005: TempFolder;
  beforeAll(async () => {
    db = await startTestDatabase({ migrated: false });
    before005 = await createTempFolder('perigee-migrations-');
    for (const file of await fs.readdir(MIGRATIONS_DIR)) {
      if (file < '005') await fs.copyFile(path.join(MIGRATIONS_DIR, file), path.join(before005.dir, file));
    }
  });
  afterAll(async () => {
    await before005?.remove();
    await db?.stop();
  });

  it('makes active alarms unacknowledged and inactive ones normal, keeping severity and the last raise', async () => {
    expect((await migrate(db.pool, { dir: before005.dir })).applied.at(-1)).toBe('004_stream_processing');
    await db.pool.query(`
      INSERT INTO alarm_events (alert_id, satellite_id, rule_id, subject, kind, severity, window_start, window_end, value, threshold, message) VALUES
        ('a1', 101, 'limit', 'power.battery_voltage', 'raised', 'critical', '2026-11-25T12:00:00Z', '2026-11-25T12:00:00Z', 24, 24.5, ''),
        ('a2', 101, 'limit', 'power.battery_voltage', 'raised', 'critical', '2026-11-25T12:05:00Z', '2026-11-25T12:05:00Z', 24.1, 24.5, ''),
        ('b1', 102, 'thermal-overtemperature', 'thermal.node_012', 'raised', 'critical', '2026-11-25T11:00:00Z', '2026-11-25T11:00:10Z', 86, 85, ''),
        ('b2', 102, 'thermal-overtemperature', 'thermal.node_012', 'cleared', 'critical', '2026-11-25T11:01:00Z', '2026-11-25T11:01:00Z', 80, 85, '')`);
    await db.pool.query(`
      INSERT INTO alarms (satellite_id, rule_id, subject, severity, active, occurrences, first_raised_at, last_changed_at, last_value, last_alert_id) VALUES
        (101, 'limit', 'power.battery_voltage', 'critical', true, 2, '2026-11-25T12:00:00Z', '2026-11-25T12:05:00Z', 24.1, 'a2'),
        (102, 'thermal-overtemperature', 'thermal.node_012', 'warning', false, 1, '2026-11-25T11:00:10Z', '2026-11-25T11:01:00Z', 80, 'b2')`);

    // 005 first (later migrations follow it in the same run).
    expect((await migrate(db.pool)).applied[0]).toBe('005_alarm_lifecycle');

    const { rows } = await db.pool.query(`
      SELECT id::int, satellite_id, state, highest_severity, to_char(last_raised_at AT TIME ZONE 'UTC', 'HH24:MI:SS') AS last_raised,
             latching, version, acknowledged_by, shelved_until, assignee
        FROM alarms ORDER BY satellite_id`);
    expect(rows).toEqual([
      { id: 1, satellite_id: 101, state: 'unacknowledged', highest_severity: 'critical', last_raised: '12:05:00', latching: true, version: 1, acknowledged_by: null, shelved_until: null, assignee: null },
      { id: 2, satellite_id: 102, state: 'normal', highest_severity: 'warning', last_raised: '11:00:10', latching: true, version: 1, acknowledged_by: null, shelved_until: null, assignee: null },
    ]);
  });

  it('refuses rows that break the lifecycle invariants', async () => {
    await expect(db.pool.query(`UPDATE alarms SET state = 'latched' WHERE id = 1`)).rejects.toThrow('alarms_state_check');
    await expect(db.pool.query(`UPDATE alarms SET state = 'acknowledged' WHERE id = 1`)).rejects.toThrow('alarms_acknowledged_by_check');
    await expect(db.pool.query(`UPDATE alarms SET state = 'shelved' WHERE id = 1`)).rejects.toThrow('alarms_shelve_check');
    await expect(db.pool.query(`UPDATE alarms SET shelved_until = now(), shelved_by = 'bob' WHERE id = 1`)).rejects.toThrow('alarms_shelve_check');
  });
});
