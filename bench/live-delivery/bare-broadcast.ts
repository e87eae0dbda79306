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
 *   const run = await bare.broadcast(recordings, { pace: { kind: 'paced', intervalMsByKey: { '101': 100 } }, durationMs: 20_000 });
 *   const max = await bare.broadcast(recordings, { pace: { kind: 'max' }, durationMs: 10_000 });
 *   await bare.close();
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep, setImmediate as yieldToIo } from 'node:timers/promises';
import { Server } from 'socket.io';
import { SOCKET_EVENTS, type LiveFrame } from '../../server/realtime/events';
import { cloneForStamping, stampFrames, type StampableFrame } from './frame-stamp';

export interface BroadcastRun {
  /** Messages handed to Socket.IO, one per client per round. */
  readonly clientMessages: number;
  /** Of those, to clients whose transport was still writing (volatile: lost). */
  readonly dropped: number;
  readonly elapsedMs: number;
}

export type Recordings = Readonly<Record<string, readonly (readonly LiveFrame[])[]>>;

export type Pace = { readonly kind: 'paced'; readonly intervalMsByKey: Readonly<Record<string, number>> } | { readonly kind: 'max' };

export interface BareServer {
  readonly url: string;
  /**
   * Sends each audience its recorded messages in turn for `durationMs`:
   * every `intervalMsByKey[watchKey]` ms when paced, or in rounds of one
   * message per audience back to back (yielding to I/O between rounds).
   */
  broadcast(recordings: Recordings, options: { readonly pace: Pace; readonly durationMs: number }): Promise<BroadcastRun>;
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
    async broadcast(recordings, { pace, durationMs }) {
      const plays = [...audiences].flatMap(([key, clients]) => {
        const messages = (recordings[key] ?? []).filter((m) => m.length > 0).map(cloneForStamping);
        return messages.length === 0 || clients.size === 0 ? [] : [{ key, clients: [...clients], messages, next: 0 }];
      });
      if (plays.length === 0) throw new Error('nothing recorded for any connected audience');
      let clientMessages = 0;
      let dropped = 0;
      const send = (play: (typeof plays)[number]) => {
        const message: StampableFrame[] = play.messages[play.next]!;
        play.next = (play.next + 1) % play.messages.length;
        for (const id of play.clients) if (io.sockets.sockets.get(id)?.conn.transport.writable === false) dropped++;
        stampFrames(message, Date.now());
        io.to(play.clients).volatile.emit(SOCKET_EVENTS.telemetryFrames, message);
        clientMessages += play.clients.length;
      };
      const startedMs = performance.now();
      if (pace.kind === 'paced') {
        const timers = plays.flatMap((play) => {
          const intervalMs = pace.intervalMsByKey[play.key] ?? Number.NaN;
          // Node runs a timer of an out-of-range delay after 1 ms: an audience Perigee sent nothing gets nothing.
          return Number.isFinite(intervalMs) && intervalMs >= 1 ? [setInterval(() => send(play), intervalMs)] : [];
        });
        await sleep(durationMs);
        for (const timer of timers) clearInterval(timer);
      } else {
        const endMs = startedMs + durationMs;
        while (performance.now() < endMs) {
          for (const play of plays) send(play);
          await yieldToIo();
        }
      }
      return { clientMessages, dropped, elapsedMs: performance.now() - startedMs };
    },
    async close() {
      await io.close();
    },
  };
}
