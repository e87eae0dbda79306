/**
 * The benchmark's clients, run as a child process (see client-fleet-process.ts):
 * real socket.io-client connections over WebSocket only, as the console
 * connects, each tallying what it receives. Receive time is taken with
 * Date.now() in the message handler, so it includes this process's JSON
 * decoding and any wait behind the other clients' messages.
 */
import { io as connect, type Socket } from 'socket.io-client';
import { SOCKET_EVENTS, type ClientToServerEvents, type LiveFrame, type ServerToClientEvents } from '../../server/realtime/events';
import { LATENCY_KINDS, type ClientFleetCommand, type ClientFleetReply, type ClientFleetReport } from './client-fleet-protocol';
import { DeliveryTally, type PacketWindow } from './delivery-tally';
import { LatencyHistogram } from './latency-histogram';
import { startLoadMonitor } from './load-monitor';
import { watchKeyOf } from './watch-plan';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const send = (reply: ClientFleetReply) => process.send!(reply);

let clients: Client[] = [];
let keys: string[] = [];
let tallies: DeliveryTally[] = [];
let recordings = new Map<string, LiveFrame[][]>();
let measuring: { readonly startedMs: number; readonly monitor: ReturnType<typeof startLoadMonitor> } | undefined;
let recordMessages = 0;
let recordEvery = 1;

async function connectAll(command: Extract<ClientFleetCommand, { kind: 'connect' }>): Promise<void> {
  recordMessages = command.recordMessages;
  recordEvery = command.recordEvery;
  keys = command.watches.map(watchKeyOf);
  const recorders = new Set<number>(keys.map((key) => keys.indexOf(key)));
  clients = command.watches.map((_, index) => {
    const client: Client = connect(command.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      auth: { watchKey: keys[index] },
      ...(command.cookie ? { extraHeaders: { cookie: command.cookie } } : {}),
    });
    client.on(SOCKET_EVENTS.telemetryFrames, (frames) => {
      if (!measuring) return;
      const tally = tallies[index]!;
      tally.addMessage(frames, Date.now());
      if (recorders.has(index) && (tally.counts().messages - 1) % recordEvery === 0) {
        const recorded = recordings.get(keys[index]!)!;
        if (recorded.length < recordMessages) recorded.push(frames as LiveFrame[]);
      }
    });
    return client;
  });
  await Promise.all(
    clients.map(
      (client) =>
        new Promise<void>((resolve, reject) => {
          client.once('connect', resolve);
          client.once('connect_error', reject);
        }),
    ),
  );
  if (command.subscribe) {
    await Promise.all(
      clients.flatMap((client, index) =>
        command.watches[index]!.map(async (satelliteId) => {
          const ack = await client.emitWithAck(SOCKET_EVENTS.subscribe, { satelliteId, subsystems: [...command.subsystems] });
          if (!ack.ok) throw new Error(`subscription to satellite ${satelliteId} refused: ${ack.error}`);
        }),
      ),
    );
  }
}

function startMeasuring(packetWindow: PacketWindow | undefined): void {
  const shared = Object.fromEntries(LATENCY_KINDS.map((kind) => [kind, new LatencyHistogram()]));
  tallies = clients.map(() => new DeliveryTally({ ...shared, ...(packetWindow ? { packetWindow } : {}) }));
  recordings = new Map(keys.map((key) => [key, []]));
  measuring = { startedMs: performance.now(), monitor: startLoadMonitor() };
}

function stopMeasuring(): ClientFleetReport {
  if (!measuring) throw new Error('stop before start');
  const { startedMs, monitor } = measuring;
  measuring = undefined;
  const load = monitor.stop();
  return {
    elapsedMs: performance.now() - startedMs,
    perClient: tallies.map((t) => t.counts()),
    latencies: Object.fromEntries(LATENCY_KINDS.map((kind) => [kind, (tallies[0]?.[kind] ?? new LatencyHistogram()).toJSON()])) as ClientFleetReport['latencies'],
    load,
    recordings: Object.fromEntries(recordings),
  };
}

async function handle(command: ClientFleetCommand): Promise<ClientFleetReply> {
  switch (command.kind) {
    case 'connect':
      await connectAll(command);
      return { kind: 'connected' };
    case 'start':
      startMeasuring(command.packetWindow);
      return { kind: 'started' };
    case 'stop':
      return { kind: 'report', report: stopMeasuring() };
    case 'close':
      for (const client of clients) client.disconnect();
      clients = [];
      return { kind: 'closed' };
  }
}

process.on('message', (command: ClientFleetCommand) => {
  handle(command).then(send, (error: unknown) => send({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }));
});
// The parent going away (crash, Ctrl-C) must not leave fifty sockets behind.
process.on('disconnect', () => process.exit(0));
