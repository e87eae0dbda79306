/**
 * The console's Socket.IO server: clients join one room per (satellite,
 * subsystem) and the live feed broadcasts frames into those rooms. Payloads
 * from the browser are untrusted, so every request is parsed with the zod
 * schema from events.ts before anything is joined.
 *
 * @example
 *   const io = createSocketServer(httpServer);
 *   // browser: socket.emit('telemetry:subscribe', { satelliteId: 101, subsystems: ['power'] }, console.log)
 *   //          → { ok: true, rooms: ['sat:101:power'] }
 */
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { z } from 'zod';
import type { FleetStatus } from './fleet-status';
import {
  FLEET_ROOM,
  SOCKET_EVENTS,
  type FleetSubscriptionAck,
  roomOf,
  subscriptionRequestSchema,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SubscriptionAck,
  type SubscriptionRequest,
} from './events';

export type TelemetrySocketServer = Server<ClientToServerEvents, ServerToClientEvents>;

/**
 * Largest message a browser may send, bytes. Clients only send subscription
 * requests (well under 1 KiB); the default 1 MB would let one tab make the
 * server parse megabytes of JSON per message.
 */
const MAX_CLIENT_MESSAGE_BYTES = 16 * 1024;

export interface SocketServerOptions {
  /** The fleet overview's current status, sent to a client joining it; without it fleet:subscribe is refused. */
  readonly fleetStatus?: () => readonly FleetStatus[];
}

export function createSocketServer(httpServer: HttpServer, { fleetStatus }: SocketServerOptions = {}): TelemetrySocketServer {
  const io: TelemetrySocketServer = new Server(httpServer, {
    // The browser client is bundled by Next; nothing should be served from /socket.io/socket.io.js.
    serveClient: false,
    maxHttpBufferSize: MAX_CLIENT_MESSAGE_BYTES,
  });

  io.on('connection', (socket) => {
    socket.on(SOCKET_EVENTS.subscribe, async (payload, ack) => {
      const parsed = parseSubscription(payload);
      if (!parsed.ok) return reply(ack, parsed);
      const rooms = roomsOf(parsed.request);
      await socket.join(rooms);
      reply(ack, { ok: true, rooms });
    });

    socket.on(SOCKET_EVENTS.fleetSubscribe, async (ack) => {
      if (!fleetStatus) return replyFleet(ack, { ok: false, error: 'this node serves no fleet status' });
      await socket.join(FLEET_ROOM);
      replyFleet(ack, { ok: true, status: fleetStatus() });
    });

    socket.on(SOCKET_EVENTS.unsubscribe, async (payload, ack) => {
      const parsed = parseSubscription(payload);
      if (!parsed.ok) return reply(ack, parsed);
      const rooms = roomsOf(parsed.request);
      await Promise.all(rooms.map((room) => socket.leave(room)));
      reply(ack, { ok: true, rooms });
    });
  });
  return io;
}

/** Rooms of every subsystem in a request, in request order. */
export function roomsOf(request: SubscriptionRequest): string[] {
  return request.subsystems.map((subsystem) => roomOf(request.satelliteId, subsystem));
}

type ParsedSubscription = { readonly ok: true; readonly request: SubscriptionRequest } | { readonly ok: false; readonly error: string };

/** Validates a client payload; the error names the first offending field so a client developer can fix it. */
export function parseSubscription(payload: unknown): ParsedSubscription {
  const parsed = subscriptionRequestSchema.safeParse(payload);
  if (parsed.success) return { ok: true, request: parsed.data };
  return { ok: false, error: `invalid subscription: ${describeFirstIssue(parsed.error)}` };
}

function describeFirstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unknown problem';
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

/**
 * The ack is typed, but a client is free to emit without one; calling a
 * missing callback would throw inside Socket.IO's listener.
 */
function reply(ack: unknown, result: SubscriptionAck): void {
  if (typeof ack === 'function') ack(result);
}

function replyFleet(ack: unknown, result: FleetSubscriptionAck): void {
  if (typeof ack === 'function') ack(result);
}
