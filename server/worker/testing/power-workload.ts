/**
 * What the tests that run Perigee processes on Kafka send a worker: ten
 * seconds of one satellite's live telemetry, one live packet with its battery
 * voltage under the critical low limit, and a 30-packet pass dump of hour-old
 * low voltages (or the dump alone). Free of any test runner, so Vitest suites
 * and Playwright specs both send it; live-alarm-and-dump.ts checks the archive.
 *
 * @example
 *   const sent = await sendLiveAlarmAndDump(await bus.producer(), mdb);
 *   const dumpPackets = await sendDump(await bus.producer(), mdb);
 */
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
