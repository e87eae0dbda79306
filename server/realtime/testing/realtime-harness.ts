/**
 * A real Socket.IO server on port 0 fed by a MemoryBus through the live feed,
 * and real socket.io-client connections to it: what socket and live-feed tests
 * run against.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { MemoryBus } from '../../adapters/memory/memory-bus';
import { silentLogger, type Logger } from '../../log';
import type { BusProducer } from '../../ports/bus';
import type { SampleFrame } from '../../domain/sample-frame';
import { TOPICS } from '../../topics';
import { SOCKET_EVENTS, type ClientToServerEvents, type LiveFrame, type ServerToClientEvents, type SubscriptionAck } from '../events';
import { createSocketServer, type TelemetrySocketServer } from '../socket-server';
import { startLiveFeed, type LiveFeed } from '../live-feed';

export type TestClient = Socket<ServerToClientEvents, ClientToServerEvents> & {
  /** Frames received so far, in arrival order. */
  readonly frames: LiveFrame[];
  waitForFrames(count: number, timeoutMs?: number): Promise<LiveFrame[]>;
  request(event: typeof SOCKET_EVENTS.subscribe | typeof SOCKET_EVENTS.unsubscribe, payload: unknown): Promise<SubscriptionAck>;
};

export interface RealtimeHarness {
  readonly io: TelemetrySocketServer;
  readonly feed: LiveFeed;
  readonly url: string;
  connectClient(): Promise<TestClient>;
  publish(value: SampleFrame | string): Promise<void>;
  close(): Promise<void>;
}

export async function startRealtimeHarness({ now, log = silentLogger }: { now: () => number; log?: Logger }): Promise<RealtimeHarness> {
  const bus = new MemoryBus();
  const httpServer = http.createServer();
  const io = createSocketServer(httpServer);
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  const feed = await startLiveFeed({ bus, io, nodeId: 'test', log, now });
  const producer: BusProducer = await bus.producer();
  const clients: TestClient[] = [];

  return {
    io,
    feed,
    url,
    connectClient: async () => {
      const socket = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false }) as TestClient;
      const frames: LiveFrame[] = [];
      Object.assign(socket, {
        frames,
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
      socket.on(SOCKET_EVENTS.telemetryFrame, (frame) => frames.push(frame));
      clients.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      return socket;
    },
    publish: (value) =>
      producer.send(TOPICS.samples, [
        typeof value === 'string'
          ? { key: null, value: Buffer.from(value) }
          : { key: String(value.satelliteId), value: Buffer.from(JSON.stringify(value)) },
      ]),
    close: async () => {
      for (const client of clients) client.disconnect();
      await feed.stop();
      await io.close();
      await bus.close();
    },
  };
}
