/**
 * The baseline: a bare Socket.IO server, no bus, no pipeline, no coalescing,
 * sending recorded Perigee messages (re-stamped at each send, frame-stamp.ts)
 * to the same clients the same way the live feed does: one volatile message
 * per audience (clients watching the same satellites) per round.
 *
 * Clients name their watch set in the handshake (`auth.watchKey`) instead of
 * subscribing to rooms: there is nothing to subscribe to.
 *
 * @example
 *   const bare = await startBareServer();
 *   const run = await bare.broadcast(recordings, { intervalMs: 100, durationMs: 20_000 }); // or intervalMs: 0 for max rate
 *   await bare.close();
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setImmediate as yieldToIo } from 'node:timers/promises';
import { Server } from 'socket.io';
import { SOCKET_EVENTS, type LiveFrame } from '../../server/realtime/events';
import { cloneForStamping, stampFrames, type StampableFrame } from './frame-stamp';

export interface BroadcastRun {
  /** Rounds sent: each round is one message to every audience. */
  readonly rounds: number;
  /** Messages handed to Socket.IO, one per client per round. */
  readonly clientMessages: number;
  /** Of those, to clients whose transport was still writing (volatile: lost). */
  readonly dropped: number;
  readonly elapsedMs: number;
}

export interface BareServer {
  readonly url: string;
  /**
   * Sends a round every `intervalMs` (0: back to back, yielding to I/O
   * between rounds) for `durationMs`. Each audience cycles through its own
   * recorded messages.
   */
  broadcast(recordings: Readonly<Record<string, readonly (readonly LiveFrame[])[]>>, options: { readonly intervalMs: number; readonly durationMs: number }): Promise<BroadcastRun>;
  close(): Promise<void>;
}

export async function startBareServer(): Promise<BareServer> {
  const httpServer = http.createServer();
  const io = new Server(httpServer, { serveClient: false });
  const audiences = new Map<string, Set<string>>();
  io.on('connection', (socket) => {
    const key = String((socket.handshake.auth as { watchKey?: unknown }).watchKey ?? '');
    let clients = audiences.get(key);
    if (!clients) audiences.set(key, (clients = new Set()));
    clients.add(socket.id);
    socket.on('disconnect', () => clients.delete(socket.id));
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`,
    async broadcast(recordings, { intervalMs, durationMs }) {
      const plays = [...audiences].flatMap(([key, clients]) => {
        const messages = (recordings[key] ?? []).filter((m) => m.length > 0).map(cloneForStamping);
        return messages.length === 0 || clients.size === 0 ? [] : [{ clients: [...clients], messages, next: 0 }];
      });
      if (plays.length === 0) throw new Error('nothing recorded for any connected audience');
      let rounds = 0;
      let clientMessages = 0;
      let dropped = 0;
      const sendRound = () => {
        const nowMs = Date.now();
        for (const play of plays) {
          const message: StampableFrame[] = play.messages[play.next]!;
          play.next = (play.next + 1) % play.messages.length;
          for (const id of play.clients) if (io.sockets.sockets.get(id)?.conn.transport.writable === false) dropped++;
          stampFrames(message, nowMs);
          io.to(play.clients).volatile.emit(SOCKET_EVENTS.telemetryFrames, message);
          clientMessages += play.clients.length;
        }
        rounds++;
      };
      const startedMs = performance.now();
      const endMs = startedMs + durationMs;
      if (intervalMs > 0) {
        await new Promise<void>((resolve) => {
          const timer = setInterval(() => {
            if (performance.now() >= endMs) {
              clearInterval(timer);
              resolve();
            } else sendRound();
          }, intervalMs);
        });
      } else {
        while (performance.now() < endMs) {
          sendRound();
          await yieldToIo();
        }
      }
      return { rounds, clientMessages, dropped, elapsedMs: performance.now() - startedMs };
    },
    async close() {
      await io.close();
    },
  };
}
