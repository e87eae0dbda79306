/**
 * Live alarms on real components, with no archiver at all: packets over TCP
 * into the ingest gateway, through Kafka (kafkajs against librdkafka's mock
 * cluster) to the processor, whose limit checks publish on telemetry.alerts,
 * and from there through this web node's alarm feed to a signed-in
 * Socket.IO console. What a console learns of an alarm does not wait for
 * the archive; a pass dump's stale out-of-limit values raise nothing.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaBus } from '../adapters/kafka/kafka-bus';
import { startKafkaMockCluster, type KafkaMockCluster } from '../adapters/kafka/testing/kafka-mock-cluster';
import { createTestAuth } from '../auth/testing/test-auth';
import { loadConfig } from '../config';
import { encodePacket } from '../domain/codec/packet-codec';
import type { Alert } from '../domain/alert';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { demoFleet } from '../domain/mission/fleet';
import { startIngestGateway, type IngestGateway } from '../ingest/gateway';
import { createLogger } from '../log';
import { startProcessor, type Processor } from '../worker/processor';
import { startAlarmFeed, type AlarmFeed } from './alarm-feed';
import { SOCKET_EVENTS } from './events';
import { createSocketServer, type TelemetrySocketServer } from './socket-server';

const mdb = defaultMissionDatabase();
const log = createLogger({ level: 'error', namespace: 'alarm-feed-test' });
const VOLTAGE = 'power.battery_voltage';
/** The mission database's critical low limit of the battery voltage, V. */
const CRITICAL_LOW = mdb.parameter(VOLTAGE)!.limits!.criticalLow!;

let cluster: KafkaMockCluster;
let bus: KafkaBus;
let gateway: IngestGateway;
let processor: Processor;
let io: TelemetrySocketServer;
let httpServer: http.Server;
let feed: AlarmFeed;
let client: ReturnType<typeof connect>;
const received: Alert[] = [];
let sequenceCount = 0;

function power(onboardTimeMs: number, voltage: number, playback = false): Uint8Array {
  const values = Object.fromEntries(mdb.latestLayout(272)!.parameters.map((p) => [p.name, 2]));
  Object.assign(values, { [VOLTAGE]: voltage, 'power.battery_soc': 80, 'power.battery_temperature': 20, 'power.eclipse': 0 });
  return encodePacket(mdb, { apid: 272, satelliteId: 101, sequenceCount: sequenceCount++ % 0x4000, onboardTimeMs, values, playback });
}

async function send(...packets: Uint8Array[]): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect(gateway.ports.tcp, '127.0.0.1', () => socket.end(Buffer.concat(packets), () => resolve()));
    socket.on('error', reject);
  });
}

async function waitFor<T>(what: string, read: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: nothing within ${timeoutMs} ms; received ${JSON.stringify(received)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Onboard times are stored to the time code's 2^-16 s tick. */
const sameInstant = (a: number, b: number) => Math.abs(a - b) < 0.02;

beforeAll(async () => {
  cluster = await startKafkaMockCluster();
  bus = new KafkaBus({ brokers: cluster.brokers, clientId: 'alarm-feed-test', log });
  gateway = await startIngestGateway({ host: '127.0.0.1', tcpPort: 0, udpPort: 0, eventsPort: 0, bus, mdb, log });
  processor = await startProcessor({ bus, mdb, fleet: demoFleet(1), groupId: 'alarm-feed-test-processor', stream: loadConfig({}).stream, log });
  httpServer = http.createServer();
  const testAuth = createTestAuth();
  io = createSocketServer(httpServer, { auth: testAuth.auth });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  feed = await startAlarmFeed({ bus, io, nodeId: 'test', log });
  client = connect(`http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`, {
    transports: ['websocket'],
    forceNew: true,
    extraHeaders: { cookie: await testAuth.cookieFor('viewer') },
  });
  client.on(SOCKET_EVENTS.alarmAlerts, (alerts: readonly Alert[]) => received.push(...alerts));
  await new Promise<void>((resolve) => client.on('connect', () => resolve()));
  // Consumer groups take seconds to join, and the alarm feed starts at the end of the log: low
  // voltages go in until one of them reaches the console.
  for (let attempt = 0; received.length === 0; attempt++) {
    if (attempt === 60) throw new Error('no alert reached the console within a minute');
    await send(power(Date.now() - 20, 24));
    await new Promise((r) => setTimeout(r, 1000));
  }
}, 90_000);

afterAll(async () => {
  client?.close();
  await feed?.stop();
  io?.close();
  await processor?.stop();
  await gateway?.close();
  await bus?.close();
  await cluster?.stop();
});

describe('Realtime > alarm feed on Kafka', () => {
  it('tells the console of a limit alarm and its return to normal as the processor raises them, with no archiver running', async () => {
    expect(received[0]).toMatchObject({ ruleId: 'limit', satelliteId: 101, subject: VOLTAGE, kind: 'raised', severity: 'critical', threshold: CRITICAL_LOW });
    // The warm-up's alarm may have been raised more than once before the console joined; wait for quiet.
    await new Promise((r) => setTimeout(r, 1500));
    received.length = 0;

    const normalAt = Date.now() - 20;
    await send(power(normalAt, 28));
    const cleared = await waitFor('the return to normal', () => received[0]);
    expect(received).toHaveLength(1);
    expect(cleared).toMatchObject({ ruleId: 'limit', satelliteId: 101, subject: VOLTAGE, kind: 'cleared', value: 28 });
    expect(sameInstant(cleared.windowEndMs, normalAt)).toBe(true);

    const lowAt = Date.now() - 20;
    await send(power(lowAt, 24.2));
    const raised = await waitFor('the alarm', () => received[1]);
    expect(received).toHaveLength(2);
    expect(raised).toMatchObject({ ruleId: 'limit', satelliteId: 101, subject: VOLTAGE, kind: 'raised', severity: 'critical', threshold: CRITICAL_LOW });
    expect(raised.value).toBeCloseTo(24.2, 3);
    expect(sameInstant(raised.windowStartMs, lowAt)).toBe(true);
    expect(sameInstant(raised.windowEndMs, lowAt)).toBe(true);
    expect(raised.message).toContain(VOLTAGE);
    expect(feed.stats()).toMatchObject({ replaySkipped: 0, unreadable: 0 });
  });

  it('raises nothing for a pass dump’s hour-old low voltages, while the live return to normal still comes through', async () => {
    received.length = 0;
    const playbackBefore = processor.stats().playback.frames;
    const hourAgo = Date.now() - 3_600_000;
    const dump = Array.from({ length: 40 }, (_, i) => power(hourAgo + i * 200, 23, true));
    const liveAt = Date.now() - 20;
    await send(...dump, power(liveAt, 28.5));
    await waitFor('the dump through the playback lane', () => (processor.stats().playback.frames - playbackBefore >= 40 ? true : undefined));
    const cleared = await waitFor('the live return to normal', () => received[0]);
    await new Promise((r) => setTimeout(r, 500));
    expect(received).toEqual([cleared]);
    expect(cleared).toMatchObject({ subject: VOLTAGE, kind: 'cleared', value: 28.5 });
    expect(sameInstant(cleared.windowEndMs, liveAt)).toBe(true);
  });
});
