/**
 * The console's Socket.IO server: clients join one room per (satellite,
 * subsystem) and the live feed broadcasts frames into those rooms. Payloads
 * from the browser are untrusted, so every request is parsed with the zod
 * schema from events.ts before anything is joined.
 *
 * Every connection is authenticated at the handshake with the console's
 * session cookie (the browser sends it with the WebSocket upgrade, as it is
 * same-site): a socket without a live session, or opened from another
 * site's page, never connects, so it can join no room. The user is kept in
 * `socket.data.user` for handlers that act on its behalf.
 *
 * @example
 *   const io = createSocketServer(httpServer, { auth });
 *   // browser: socket.emit('telemetry:subscribe', { satelliteId: 101, subsystems: ['power'] }, console.log)
 *   //          → { ok: true, rooms: ['sat:101:power'] }
 */
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { z } from 'zod';
import type { AuthService, AuthenticatedUser } from '../auth/auth-service';
import { checkHandshakeOrigin } from '../auth/origin-check';
import { readSessionToken } from '../auth/session-cookie';
import { hashSessionToken } from '../auth/session-token';
import type { FleetStatus } from './fleet-status';
import {
  CLIENT_EVENTS,
  FLEET_ROOM,
  SOCKET_EVENTS,
  type FleetSubscriptionAck,
  roomOf,
  subscriptionRequestSchema,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SubscriptionAck,
  type SubscriptionRequest,
  type SessionEnded,
} from './events';

/** What the server keeps per socket: the user the handshake authenticated, and the session (token hash) it used. */
export interface SocketData {
  readonly user: AuthenticatedUser;
  readonly sessionId: string;
}

export type TelemetrySocketServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** connect_error messages a client can show or test for. */
export const HANDSHAKE_ERRORS = {
  unauthenticated: 'unauthenticated: sign in to the console first',
  crossSite: 'cross-site connection refused',
  unavailable: 'sign-in could not be checked, try again shortly',
} as const;

/**
 * Largest message a browser may send, bytes. Clients only send subscription
 * requests (well under 1 KiB); the default 1 MB would let one tab make the
 * server parse megabytes of JSON per message.
 */
const MAX_CLIENT_MESSAGE_BYTES = 16 * 1024;

export interface SocketServerOptions {
  /** Checks the handshake's session cookie. */
  readonly auth: AuthService;
  /** The fleet overview's current status, sent to a client joining it; without it fleet:subscribe is refused. */
  readonly fleetStatus?: () => readonly FleetStatus[];
  /**
   * How often every open socket's session is checked again, ms; 0 never.
   * A sign-out or a disabled account on this node closes its sockets at once
   * (endSessionSockets); this catches sessions ended on another web node, or
   * expired, and picks up a changed role.
   */
  readonly sessionRecheckMs?: number;
}

export function createSocketServer(httpServer: HttpServer, { auth, fleetStatus, sessionRecheckMs = 0 }: SocketServerOptions): TelemetrySocketServer {
  const io: TelemetrySocketServer = new Server(httpServer, {
    // The browser client is bundled by Next; nothing should be served from /socket.io/socket.io.js.
    serveClient: false,
    maxHttpBufferSize: MAX_CLIENT_MESSAGE_BYTES,
  });

  // Runs once per connection, before 'connection': a refused socket gets connect_error { message } and no server-side socket.
  io.use(async (socket, next) => {
    const { headers } = socket.request;
    const origin = checkHandshakeOrigin(headers.host ?? null, headers.origin ?? null);
    if (!origin.ok) return next(new Error(`${HANDSHAKE_ERRORS.crossSite}: ${origin.reason}`));
    let user: AuthenticatedUser | null;
    const token = readSessionToken(headers.cookie);
    try {
      user = await auth.authenticate(token);
    } catch {
      return next(new Error(HANDSHAKE_ERRORS.unavailable));
    }
    if (!user || !token) return next(new Error(HANDSHAKE_ERRORS.unauthenticated));
    socket.data = { user, sessionId: hashSessionToken(token) };
    next();
  });

  if (sessionRecheckMs > 0) {
    let checking = false;
    const recheck = async () => {
      if (checking) return;
      checking = true;
      try {
        for (const socket of io.sockets.sockets.values()) {
          const data = socket.data as SocketData | undefined;
          if (!data || socket.disconnected) continue;
          let user: AuthenticatedUser | null;
          try {
            user = await auth.authenticateSession(data.sessionId);
          } catch {
            return; // the user database is away: keep every socket until it answers again
          }
          // Closed while the check was asked (a sign-out or a disabled account closes its sockets with its own reason).
          if (socket.disconnected) continue;
          if (!user) {
            socket.emit(SOCKET_EVENTS.sessionEnded, { reason: 'no-longer-valid' });
            socket.disconnect(true);
          } else if (user.role !== data.user.role) {
            socket.data = { ...data, user };
          }
        }
      } finally {
        checking = false;
      }
    };
    const timer = setInterval(() => void recheck(), sessionRecheckMs);
    timer.unref();
    io.engine.on('close', () => clearInterval(timer));
    httpServer.once('close', () => clearInterval(timer));
  }

  io.on('connection', (socket) => {
    // An event no handler knows would be dropped silently, leaving a client waiting on its ack forever.
    socket.onAny((event: string, ...args: unknown[]) => {
      if (!CLIENT_EVENTS.includes(event)) reply(args.at(-1), { ok: false, error: `unknown event "${event.slice(0, 40)}": use ${CLIENT_EVENTS.join(', ')}` });
    });

    socket.on(SOCKET_EVENTS.subscribe, async (...args: unknown[]) => {
      const { payloads, ack } = splitAck(args);
      const parsed = parseSubscriptionArgs(payloads);
      if (!parsed.ok) return reply(ack, parsed);
      const rooms = roomsOf(parsed.request);
      await socket.join(rooms);
      reply(ack, { ok: true, rooms });
    });

    socket.on(SOCKET_EVENTS.fleetSubscribe, async (...args: unknown[]) => {
      const { payloads, ack } = splitAck(args);
      if (payloads.length > 0) return replyFleet(ack, { ok: false, error: `${SOCKET_EVENTS.fleetSubscribe} takes no payload, only an acknowledgement callback` });
      if (!fleetStatus) return replyFleet(ack, { ok: false, error: 'this node serves no fleet status' });
      await socket.join(FLEET_ROOM);
      replyFleet(ack, { ok: true, status: fleetStatus() });
    });

    socket.on(SOCKET_EVENTS.unsubscribe, async (...args: unknown[]) => {
      const { payloads, ack } = splitAck(args);
      const parsed = parseSubscriptionArgs(payloads);
      if (!parsed.ok) return reply(ack, parsed);
      const rooms = roomsOf(parsed.request);
      await Promise.all(rooms.map((room) => socket.leave(room)));
      reply(ack, { ok: true, rooms });
    });
  });
  return io;
}

/** Which sockets to close: those opened with given sessions (signed out), or by an account (disabled). */
export type SocketRevocation = { readonly sessionIds: readonly string[] } | { readonly userId: number };

/**
 * Closes this server's sockets of ended sessions, telling each client why
 * first (session:ended) so it signs in again rather than reconnecting.
 * Returns how many it closed. Sockets on other web nodes are theirs to close.
 *
 * @example
 *   endSessionSockets(io, { userId: 7 }, 'account-disabled'); // 2
 */
export function endSessionSockets(io: TelemetrySocketServer, revocation: SocketRevocation, reason: SessionEnded['reason']): number {
  const sessions = 'sessionIds' in revocation ? new Set(revocation.sessionIds) : undefined;
  let closed = 0;
  for (const socket of io.sockets.sockets.values()) {
    const data = socket.data as SocketData | undefined;
    if (!data) continue;
    const match = sessions ? sessions.has(data.sessionId) : 'userId' in revocation && data.user.id === revocation.userId;
    if (!match) continue;
    socket.emit(SOCKET_EVENTS.sessionEnded, { reason });
    socket.disconnect(true);
    closed++;
  }
  return closed;
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

/** One payload, as the events that take one expect; a missing or extra argument is refused like a bad payload. */
function parseSubscriptionArgs(payloads: readonly unknown[]): ParsedSubscription {
  if (payloads.length !== 1) return { ok: false, error: `invalid subscription: expected one payload { satelliteId, subsystems }, got ${payloads.length}` };
  return parseSubscription(payloads[0]);
}

/**
 * A client's arguments, with the ack (Socket.IO passes it last, when the
 * client asked for one) apart from the payloads: the handlers' typed
 * signatures describe well-behaved clients, but a payload missing or added
 * would otherwise shift into the ack's place and the ack never be called.
 */
function splitAck(args: readonly unknown[]): { payloads: readonly unknown[]; ack: unknown } {
  return typeof args.at(-1) === 'function' ? { payloads: args.slice(0, -1), ack: args.at(-1) } : { payloads: args, ack: undefined };
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
