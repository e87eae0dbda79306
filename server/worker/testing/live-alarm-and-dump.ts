/**
 * A worker's workload for the tests that run `perigee worker` processes on
 * Kafka: ten seconds of one satellite's live telemetry, one live packet with
 * its battery voltage under the critical low limit, and a 30-packet dump of
 * hour-old low voltages; then what the archive must hold once the worker
 * has taken it all in: every packet once, exactly one alarm event (the live
 * one, at its onboard time), none for the dump.
 *
 * @example
 *   const sent = await sendLiveAlarmAndDump(await bus.producer(), mdb);
 *   await waitForArchive(db.pool, sent);
 *   await expectArchived(db.pool, sent);
 */
import type pg from 'pg';
import { expect } from 'vitest';
import { encodePacket } from '../../domain/codec/packet-codec';
import { demoFleet } from '../../domain/mission/fleet';
import type { MissionDatabase } from '../../domain/mission/mission-database';
import { publishAsGateway } from '../../ingest/testing/publish-as-gateway';
import type { BusProducer } from '../../ports/bus';
import { receptionHeaders } from '../../raw-packet-headers';
import { FleetSimulator } from '../../sim/fleet-simulator';
import { TOPICS } from '../../topics';

export const VOLTAGE = 'power.battery_voltage';

export interface SentWorkload {
  /** Packets the archive must hold. */
  readonly packets: number;
  readonly dumpPackets: number;
  /** Onboard time of the live low-voltage packet. */
  readonly lowAtMs: number;
}

function power(mdb: MissionDatabase, sequenceCount: number, onboardTimeMs: number, voltage: number, playback: boolean): Uint8Array {
  const values = Object.fromEntries(mdb.latestLayout(272)!.parameters.map((p) => [p.name, 2]));
  Object.assign(values, { [VOLTAGE]: voltage, 'power.battery_soc': 80, 'power.battery_temperature': 20, 'power.eclipse': 0 });
  return encodePacket(mdb, { apid: 272, satelliteId: 101, sequenceCount, onboardTimeMs, values, playback });
}

export async function sendLiveAlarmAndDump(producer: BusProducer, mdb: MissionDatabase): Promise<SentWorkload> {
  const now = Date.now();
  // Ten seconds of one satellite's live telemetry, the last two left out: the alarm's packet comes last.
  const live = new FleetSimulator({ mdb, fleet: demoFleet(1), seed: 4, startTimeMs: now - 10_000 }).advance(now - 2_000).packets;
  const lowAtMs = now - 1_000;
  await publishAsGateway(producer, mdb, live);
  await producer.send(TOPICS.rawPower, [{ key: '101', value: Buffer.from(power(mdb, 9000, lowAtMs, 24, false)), headers: receptionHeaders({ arrivalMs: lowAtMs + 40 }) }]);
  const dumpPackets = await sendDump(producer, mdb, now);
  return { packets: live.length + 1 + dumpPackets, dumpPackets, lowAtMs };
}

/**
 * A 30-packet pass dump of satellite 101's power an hour before `nowMs`, its battery voltage (23.5 V)
 * under the critical low limit throughout: played back, it must be archived and raise no alarm.
 * Resolves with the number of packets sent.
 */
export async function sendDump(producer: BusProducer, mdb: MissionDatabase, nowMs = Date.now()): Promise<number> {
  const dump = Array.from({ length: 30 }, (_, i) => power(mdb, i, nowMs - 3_600_000 + i * 200, 23.5, true));
  await producer.send(
    TOPICS.rawPlayback,
    dump.map((bytes) => ({ key: '101', value: Buffer.from(bytes), headers: receptionHeaders({ arrivalMs: nowMs, playback: true }) })),
  );
  return dump.length;
}

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
