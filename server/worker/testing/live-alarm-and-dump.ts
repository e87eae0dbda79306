/**
 * A worker's workload for the tests that run `perigee worker` processes on
 * Kafka: ten seconds of one satellite's live telemetry, one live packet with
 * its battery voltage under the critical low limit, and a 30-packet dump of
 * hour-old low voltages (sent by power-workload.ts, re-exported here); then
 * what the archive must hold once the worker has taken it all in: every packet once, exactly one alarm event (the live
 * one, at its onboard time), none for the dump.
 *
 * @example
 *   const sent = await sendLiveAlarmAndDump(await bus.producer(), mdb);
 *   await waitForArchive(db.pool, sent);
 *   await expectArchived(db.pool, sent);
 */
import type pg from 'pg';
import { expect } from 'vitest';
import { VOLTAGE, type SentWorkload } from './power-workload';

export { sendDump, sendLiveAlarmAndDump, VOLTAGE, type SentWorkload } from './power-workload';

const scalar = async (pool: pg.Pool, sql: string) => Number((await pool.query(sql)).rows[0].n);

/** Waits until the archive holds every packet and an alarm event, then a second more for anything extra to show. */
export async function waitForArchive(pool: pg.Pool, sent: SentWorkload, describe: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + 120_000;
  while ((await scalar(pool, 'SELECT count(*) AS n FROM packets')) < sent.packets || (await scalar(pool, 'SELECT count(*) AS n FROM alarm_events')) === 0) {
    if (Date.now() > deadline) throw new Error(`archive holds ${await scalar(pool, 'SELECT count(*) AS n FROM packets')} of ${sent.packets} packets ${describe()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  await new Promise((r) => setTimeout(r, 1000));
}

export async function expectArchived(pool: pg.Pool, sent: SentWorkload): Promise<void> {
  expect(await scalar(pool, 'SELECT count(*) AS n FROM packets')).toBe(sent.packets);
  expect(await scalar(pool, 'SELECT count(*) AS n FROM packets WHERE playback')).toBe(sent.dumpPackets);
  expect(await scalar(pool, 'SELECT count(*) AS n FROM raw_packets')).toBe(sent.packets);
  // Only the live low voltage raised an alarm: the dump's hour-old ones did not.
  const events = await pool.query(`SELECT subject, kind, severity, value, (extract(epoch FROM window_end) * 1000)::float8 AS at FROM alarm_events`);
  expect(events.rows).toHaveLength(1);
  expect(events.rows[0]).toMatchObject({ subject: VOLTAGE, kind: 'raised', severity: 'critical' });
  expect(events.rows[0].value).toBeCloseTo(24, 3);
  expect(Math.abs(events.rows[0].at - sent.lowAtMs)).toBeLessThan(0.02);
  expect((await pool.query('SELECT state FROM alarms')).rows).toEqual([{ state: 'unacknowledged' }]);
}
