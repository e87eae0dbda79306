import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryBus } from '../adapters/memory/memory-bus';
import { createTestAuth } from '../auth/testing/test-auth';
import { contractHeader } from '../contracts/event-contracts';
import type { AlarmChange } from '../domain/alarms/alarm-change';
import type { Alert } from '../domain/alert';
import { silentLogger } from '../log';
import { TOPICS } from '../topics';
import { alarmFeedGroupId, startAlarmFeed, type AlarmFeed } from './alarm-feed';
import { SOCKET_EVENTS, type ClientToServerEvents, type ServerToClientEvents } from './events';
import { createSocketServer, type TelemetrySocketServer } from './socket-server';

type Client = Socket<ServerToClientEvents, ClientToServerEvents> & { alerts: (readonly Alert[])[]; changes: AlarmChange[] };

const alert = (satelliteId: number, subject: string, kind: Alert['kind'], value: number, atMs: number): Alert => ({
  id: `limit:${satelliteId}:${subject}:${atMs}`,
  ruleId: 'limit',
  satelliteId,
  subject,
  kind,
  severity: 'critical',
  windowStartMs: atMs,
  windowEndMs: atMs,
  value,
  threshold: 24.5,
  message: `${subject} ${value} below critical low 24.5`,
});

const change: AlarmChange = {
  alarmId: 7,
  satelliteId: 102,
  ruleId: 'limit',
  subject: 'power.battery_voltage',
  severity: 'critical',
  version: 3,
  state: 'acknowledged',
  action: 'acknowledge',
  actor: 'alice',
  atMs: 1_795_000_000_000,
};

describe('Realtime > AlarmFeed', () => {
  let bus: MemoryBus;
  let io: TelemetrySocketServer;
  let httpServer: http.Server;
  let url: string;
  let cookie: string;
  let clients: Client[];
  let feeds: AlarmFeed[];
  /** The feed's clock runs this far ahead of the bus's. */
  let skewMs: number;

  beforeEach(async () => {
    bus = new MemoryBus({ log: silentLogger });
    httpServer = http.createServer();
    const testAuth = createTestAuth();
    io = createSocketServer(httpServer, { auth: testAuth.auth });
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
    cookie = await testAuth.cookieFor('viewer');
    clients = [];
    feeds = [];
    skewMs = 0;
  });
  afterEach(async () => {
    for (const c of clients) c.close();
    for (const f of feeds) await f.stop();
    io.close();
    await bus.close();
  });

  const client = async (): Promise<Client> => {
    const socket = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie } }) as Client;
    socket.alerts = [];
    socket.changes = [];
    socket.on(SOCKET_EVENTS.alarmAlerts, (alerts) => socket.alerts.push(alerts));
    socket.on(SOCKET_EVENTS.alarmChanged, (c) => socket.changes.push(c));
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', () => resolve());
      socket.on('connect_error', reject);
    });
    clients.push(socket);
    return socket;
  };
  const feed = async () => {
    const f = await startAlarmFeed({ bus, io, nodeId: 'a', log: silentLogger, now: () => Date.now() + skewMs });
    feeds.push(f);
    return f;
  };
  const publish = async (messages: { value: unknown; header: Record<string, string> }[]) => {
    const producer = await bus.producer();
    await producer.send(
      TOPICS.alerts,
      messages.map((m) => ({ key: '101', value: Buffer.from(typeof m.value === 'string' ? m.value : JSON.stringify(m.value)), headers: m.header })),
    );
  };
  const settle = async (until: () => boolean) => {
    for (let waited = 0; !until(); waited += 10) {
      if (waited > 5000) throw new Error('nothing arrived within 5 s');
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  it('sends the alerts of one batch to every console in one message, whatever rooms it is in', async () => {
    const f = await feed();
    expect(f.groupId).toBe(alarmFeedGroupId('a'));
    expect(f.groupId).toBe('perigee-alarms-a');
    const [watching, elsewhere] = [await client(), await client()];
    expect((await watching.emitWithAck(SOCKET_EVENTS.subscribe, { satelliteId: 101, subsystems: ['power'] })).ok).toBe(true);
    const raised = alert(101, 'power.battery_voltage', 'raised', 24, 1_795_000_000_000);
    const cleared = alert(101, 'power.battery_voltage', 'cleared', 28, 1_795_000_000_200);
    await publish([
      { value: raised, header: contractHeader('alert') },
      { value: cleared, header: contractHeader('alert') },
    ]);
    await settle(() => watching.alerts.length > 0 && elsewhere.alerts.length > 0);
    expect(watching.alerts).toEqual([[raised, cleared]]);
    expect(elsewhere.alerts).toEqual([[raised, cleared]]);
    expect(f.stats()).toEqual({ alerts: 2, transitions: 0, replaySkipped: 0, unreadable: 0 });
  });

  it('passes operators’ transitions from any node on as alarm:changed, and alerts apart from them', async () => {
    const f = await feed();
    const console1 = await client();
    const raised = alert(102, 'power.battery_voltage', 'raised', 24.1, 1_795_000_000_000);
    await publish([
      { value: change, header: contractHeader('alarm-transition') },
      { value: raised, header: contractHeader('alert') },
    ]);
    await settle(() => console1.changes.length > 0 && console1.alerts.length > 0);
    expect(console1.changes).toEqual([change]);
    expect(console1.alerts).toEqual([[raised]]);
    expect(f.stats()).toEqual({ alerts: 1, transitions: 1, replaySkipped: 0, unreadable: 0 });
  });

  it('sends nothing that breaks its contract, and the rest of the batch still goes', async () => {
    const f = await feed();
    const console1 = await client();
    const good = alert(101, 'power.battery_soc', 'raised', 12, 1_795_000_000_000);
    await publish([
      { value: '{"id":', header: contractHeader('alert') },
      { value: { ...good, severity: 'catastrophic' }, header: contractHeader('alert') },
      { value: good, header: { 'perigee-schema': 'alert@9' } },
      { value: good, header: contractHeader('alert') },
    ]);
    await settle(() => console1.alerts.length > 0);
    expect(console1.alerts).toEqual([[good]]);
    expect(f.stats()).toEqual({ alerts: 1, transitions: 0, replaySkipped: 0, unreadable: 3 });
  });

  it('does not send what reached the bus longer ago than it shows live (a node catching up)', async () => {
    const f = await feed();
    const console1 = await client();
    skewMs = 31_000;
    await publish([{ value: alert(101, 'power.battery_voltage', 'raised', 24, 1_795_000_000_000), header: contractHeader('alert') }]);
    await settle(() => f.stats().replaySkipped === 1);
    skewMs = 0;
    const fresh = alert(101, 'power.battery_voltage', 'cleared', 28, 1_795_000_000_400);
    await publish([{ value: fresh, header: contractHeader('alert') }]);
    await settle(() => console1.alerts.length > 0);
    expect(console1.alerts).toEqual([[fresh]]);
    expect(f.stats()).toEqual({ alerts: 1, transitions: 0, replaySkipped: 1, unreadable: 0 });
  });
});
