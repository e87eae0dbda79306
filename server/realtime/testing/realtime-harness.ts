/**
 * A real Socket.IO server on port 0 fed by a MemoryBus through the live feed,
 * and real socket.io-client connections to it: what socket and live-feed tests
 * run against. Packets are published on the raw topics exactly as the
 * gateway publishes them. Clients connect signed in as an operator unless a
 * test passes its own cookie (or none).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { MemoryBus } from '../../adapters/memory/memory-bus';
import { encodePacket } from '../../domain/codec/packet-codec';
import { defaultMissionDatabase } from '../../domain/mission/default-mission-database';
import { demoFleet } from '../../domain/mission/fleet';
import { silentLogger, type Logger } from '../../log';
import type { BusProducer } from '../../ports/bus';
import { HEADERS } from '../../topics';
import { SOCKET_EVENTS, type ClientToServerEvents, type LiveFrame, type ServerToClientEvents, type SubscriptionAck } from '../events';
import { createSocketServer, type TelemetrySocketServer } from '../socket-server';
import { startLiveFeed, type LiveFeed } from '../live-feed';
import { createTestAuth, type TestAuth } from '../../auth/testing/test-auth';

export type TestClient = Socket<ServerToClientEvents, ClientToServerEvents> & {
  /** Frames received so far, in arrival order. */
  readonly frames: LiveFrame[];
  /** Each telemetry message received, with the frames it held. */
  readonly messages: LiveFrame[][];
  waitForFrames(count: number, timeoutMs?: number): Promise<LiveFrame[]>;
  request(event: typeof SOCKET_EVENTS.subscribe | typeof SOCKET_EVENTS.unsubscribe, payload: unknown): Promise<SubscriptionAck>;
};

/** A packet to publish: any parameter not given takes a nominal value. */
export interface PacketSpec {
  readonly satelliteId: number;
  readonly apid: number;
  readonly sequenceCount: number;
  readonly onboardTimeMs: number;
  /** Gateway arrival time, epoch ms. */
  readonly arrivalMs: number;
  readonly values?: Readonly<Record<string, number>>;
}

export interface RealtimeHarness {
  readonly io: TelemetrySocketServer;
  readonly feed: LiveFeed;
  readonly url: string;
  /** The auth service the server checks handshakes with; `cookieFor(role)` signs a user in. */
  readonly testAuth: TestAuth;
  /**
   * A connected client. `cookie` defaults to a signed-in operator's; null sends none.
   * `origin` sets the handshake's Origin header. Rejects with the connect_error when refused.
   */
  connectClient(options?: { cookie?: string | null; origin?: string }): Promise<TestClient>;
  /** Encodes and publishes a packet on its raw topic; returns the engineering values it carries by parameter id. */
  publishPacket(spec: PacketSpec): Promise<Map<number, number>>;
  /**
   * Publishes a few attitude packets of a satellite so the live pipeline has
   * correlated its clock (a satellite's first packets cannot be verified);
   * do it before clients subscribe. Later packets must keep the same
   * arrival − onboard offset (`arrivalDelayMs`).
   */
  warmUp(satelliteId: number, beforeMs: number, arrivalDelayMs: number): Promise<void>;
  /** Publishes bytes as they are (e.g. a corrupt packet) on a raw topic. */
  publishBytes(topic: Parameters<BusProducer['send']>[0], bytes: Uint8Array, arrivalMs: number): Promise<void>;
  close(): Promise<void>;
}

const mdb = defaultMissionDatabase();

/** A value inside every parameter's valid range and limits: the middle of its warning band, or of its valid range. */
function nominalValue(name: string): number {
  const p = mdb.parameter(name)!;
  if (p.states) return Number(Object.keys(p.states)[0]);
  const low = p.limits?.warningLow ?? p.validRange?.min ?? 0;
  const high = p.limits?.warningHigh ?? p.validRange?.max ?? low;
  return p.rawType === 'float32' ? 0.5 : (low + high) / 2;
}

export async function startRealtimeHarness({
  now,
  pacingNow,
  log = silentLogger,
}: {
  now: () => number;
  /** The live feed's pacing clock (monotonic ms); performance.now when omitted. */
  pacingNow?: () => number;
  log?: Logger;
}): Promise<RealtimeHarness> {
  const bus = new MemoryBus();
  const httpServer = http.createServer();
  const testAuth = createTestAuth();
  const operatorCookie = await testAuth.cookieFor('operator');
  const io = createSocketServer(httpServer, { auth: testAuth.auth });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  const feed = await startLiveFeed({ bus, io, mdb, fleet: demoFleet(3), nodeId: 'test', log, now, ...(pacingNow ? { pacingNow } : {}) });
  const producer: BusProducer = await bus.producer();
  const clients: TestClient[] = [];

  // Keyed by spacecraft id like the gateway does, so one satellite's packets stay in order on one partition.
  const publishBytes: RealtimeHarness['publishBytes'] = (topic, bytes, arrivalMs) =>
    producer.send(topic, [
      {
        key: bytes.length >= 14 ? String((bytes[12]! << 8) | bytes[13]!) : null,
        value: Buffer.from(bytes),
        headers: { [HEADERS.arrivalMs]: String(arrivalMs) },
      },
    ]);

  return {
    io,
    feed,
    url,
    testAuth,
    connectClient: async ({ cookie = operatorCookie, origin }: { cookie?: string | null; origin?: string } = {}) => {
      const extraHeaders: Record<string, string> = {};
      if (cookie !== null) extraHeaders.cookie = cookie;
      if (origin !== undefined) extraHeaders.origin = origin;
      const socket = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders }) as TestClient;
      const frames: LiveFrame[] = [];
      const messages: LiveFrame[][] = [];
      Object.assign(socket, {
        frames,
        messages,
        waitForFrames: async (count: number, timeoutMs = 5000) => {
          const deadline = Date.now() + timeoutMs;
          while (frames.length < count) {
            if (Date.now() > deadline) throw new Error(`received ${frames.length} of ${count} frames`);
            await new Promise((r) => setTimeout(r, 5));
          }
          return frames;
        },
        request: (event: typeof SOCKET_EVENTS.subscribe, payload: unknown) =>
          new Promise<SubscriptionAck>((resolve) => socket.emit(event, payload as never, resolve)),
      });
      socket.on(SOCKET_EVENTS.telemetryFrames, (batch) => {
        messages.push([...batch]);
        frames.push(...batch);
      });
      clients.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      return socket;
    },
    publishPacket: async ({ satelliteId, apid, sequenceCount, onboardTimeMs, arrivalMs, values = {} }) => {
      const layout = mdb.latestLayout(apid)!;
      const all = Object.fromEntries(layout.parameters.map((p) => [p.name, values[p.name] ?? nominalValue(p.name)]));
      await publishBytes(layout.topic!, encodePacket(mdb, { apid, satelliteId, sequenceCount, onboardTimeMs, values: all }), arrivalMs);
      return new Map(layout.parameters.map((p) => [p.id, all[p.name]!]));
    },
    publishBytes,
    warmUp: async (satelliteId, beforeMs, arrivalDelayMs) => {
      const layout = mdb.latestLayout(256)!;
      const values = Object.fromEntries(layout.parameters.map((p) => [p.name, nominalValue(p.name)]));
      const before = feed.stats().delivered;
      for (let i = 0; i < 3; i++) {
        const onboardTimeMs = beforeMs - (3 - i) * 100;
        await publishBytes(layout.topic!, encodePacket(mdb, { apid: 256, satelliteId, sequenceCount: 16000 + i, onboardTimeMs, values }), onboardTimeMs + arrivalDelayMs);
      }
      // Done once the warm-up frames are flushed and nothing more follows for longer than a flush interval,
      // so no warm-up frame reaches a client that subscribes afterwards (however loaded the machine).
      const deadline = Date.now() + 10_000;
      let last = feed.stats().delivered;
      let quietSince = Date.now();
      while (Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 10));
        const now = feed.stats().delivered;
        if (now !== last) (last = now), (quietSince = Date.now());
        else if (now > before && Date.now() - quietSince > 250) return;
      }
      throw new Error('the warm-up packets were never flushed');
    },
    close: async () => {
      for (const client of clients) client.disconnect();
      await feed.stop();
      await io.close();
      await bus.close();
    },
  };
}
