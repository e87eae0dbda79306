/**
 * The ingest gateway: accepts CCSDS space packets over TCP (framed by the
 * packet length field) and UDP (one packet per datagram), and ground-station
 * events as JSON lines over TCP; stamps arrival time and the delivering
 * station; publishes packets keyed by satellite to their raw topic, events to
 * ground-station.events, and anything it cannot route to telemetry.quarantine
 * with its reason and bytes. Wiring only: routing and validation are domain
 * functions.
 *
 * Played-back packets (a pass dump) go out through a lane of their own — a
 * batching producer with its own send chain and its own backlog bound — so a
 * dump of hundreds of thousands of packets never makes real-time packets wait
 * behind its sends, and only the connection feeding a lane that is behind is
 * paused.
 *
 * @example
 *   const gateway = await startIngestGateway({ host: '127.0.0.1', tcpPort: 0, udpPort: 0, eventsPort: 0, bus, mdb, log });
 *   gateway.ports.tcp; // the port picked
 */
import dgram from 'node:dgram';
import net from 'node:net';
import { ContactTracker } from '../domain/contact-tracker';
import { PacketFramer } from '../domain/codec/packet-framer';
import { routePacket } from '../domain/codec/route-packet';
import { groundStationEventSchema } from '../domain/ground-station-event';
import type { MissionDatabase } from '../domain/mission/mission-database';
import type { QuarantineMessage } from '../domain/quarantine-message';
import type { Logger } from '../log';
import type { PerigeeMetrics } from '../observability/perigee-metrics';
import type { Bus } from '../ports/bus';
import { HEADERS, TOPICS } from '../topics';
import { receptionHeaders } from '../raw-packet-headers';
import { BatchingProducer } from './batching-producer';
import { listenTcp, bindUdp } from './listen';
import { LineSplitter } from './line-splitter';
import { contractHeader } from '../contracts/event-contracts';

export interface IngestGatewayOptions {
  host: string;
  tcpPort: number;
  udpPort: number;
  eventsPort: number;
  bus: Bus;
  mdb: MissionDatabase;
  log: Logger;
  now?: () => number;
  /** Unacknowledged messages above which TCP sockets are paused and UDP datagrams refused. */
  maxPendingMessages?: number;
  /** Longest accepted ground-station event line, bytes. */
  maxEventLineBytes?: number;
  /** Longest a packet waits for companions before it is sent to the bus, ms (BatchingProducer; none when absent). */
  lingerMs?: number;
  /** The same for played-back packets (their own lane), ms; lingerMs when absent. */
  playbackLingerMs?: number;
  metrics?: PerigeeMetrics;
}

export interface GatewayStats {
  packetsReceived: number;
  packetsRouted: number;
  eventsAccepted: number;
  quarantined: Record<string, number>;
  /** UDP datagrams refused while the bus was behind (UDP cannot be paused). */
  udpRefusedOverload: number;
  tcpConnections: number;
}

export interface IngestGateway {
  readonly ports: { readonly tcp: number; readonly udp: number; readonly events: number };
  stats(): GatewayStats;
  /** Stops accepting input and waits until everything accepted is on the bus. */
  close(): Promise<void>;
}

export async function startIngestGateway(options: IngestGatewayOptions): Promise<IngestGateway> {
  const { host, bus, mdb, log, now = Date.now, maxPendingMessages = 50_000, maxEventLineBytes = 65_536, metrics, lingerMs, playbackLingerMs = lingerMs } = options;
  const busProducer = await bus.producer();
  const realtimeLane = new BatchingProducer({ producer: busProducer, log, ...(lingerMs === undefined ? {} : { lingerMs }) });
  // A producer of its own: on Kafka a producer's requests share its broker connections, answered in
  // order, so real-time sends would queue behind the dump's large ones.
  const playbackLane = new BatchingProducer({ producer: await bus.producer(), log, ...(playbackLingerMs === undefined ? {} : { lingerMs: playbackLingerMs }) });
  const lanes = [realtimeLane, playbackLane] as const;
  const pending = () => realtimeLane.pending + playbackLane.pending;
  const closeLanes = () => Promise.all(lanes.map((lane) => lane.close()));
  const contacts = new ContactTracker();
  const sockets = new Set<net.Socket>();
  const stats: GatewayStats = { packetsReceived: 0, packetsRouted: 0, eventsAccepted: 0, quarantined: {}, udpRefusedOverload: 0, tcpConnections: 0 };

  const quarantine = (message: Omit<QuarantineMessage, 'stage'>) => {
    stats.quarantined[message.reason] = (stats.quarantined[message.reason] ?? 0) + 1;
    metrics?.quarantined.inc({ stage: 'ingest', reason: message.reason });
    realtimeLane.enqueue(TOPICS.quarantine, {
      key: message.satelliteId === null ? null : String(message.satelliteId),
      value: Buffer.from(JSON.stringify({ stage: 'ingest', ...message } satisfies QuarantineMessage)),
      headers: contractHeader('quarantine'),
    });
  };

  /** Routes one packet; returns the lane it went to (none when quarantined). */
  const acceptPacket = (packet: Uint8Array, source: string): BatchingProducer | undefined => {
    stats.packetsReceived++;
    metrics?.packetsReceived.inc({ transport: source.slice(0, 3) });
    const receivedAtMs = now();
    const route = routePacket(mdb, packet, receivedAtMs);
    const value = Buffer.from(packet.buffer, packet.byteOffset, packet.byteLength);
    if (!route.ok) {
      const { reason, message, apid } = route.error;
      quarantine({ reason, detail: message, receivedAtMs, source, payloadBase64: value.toString('base64'), satelliteId: null, apid: apid ?? null });
      return undefined;
    }
    stats.packetsRouted++;
    const lane = route.playback ? playbackLane : realtimeLane;
    lane.enqueue(route.topic, {
      key: String(route.satelliteId),
      value,
      headers: receptionHeaders({ arrivalMs: receivedAtMs, groundStation: contacts.stationFor(route.satelliteId), source, playback: route.playback }),
    });
    return lane;
  };

  const acceptEventLine = (line: Buffer, source: string) => {
    const receivedAtMs = now();
    const text = line.toString('utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return quarantine({ reason: 'bad-event', detail: `not JSON: ${(error as Error).message}`, receivedAtMs, source, payloadBase64: line.toString('base64'), satelliteId: null, apid: null });
    }
    const result = groundStationEventSchema.safeParse(parsed);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      const detail = `invalid ground-station event at ${issue.path.join('.') || '(root)'}: ${issue.message}`;
      return quarantine({ reason: 'bad-event', detail, receivedAtMs, source, payloadBase64: line.toString('base64'), satelliteId: null, apid: null });
    }
    stats.eventsAccepted++;
    metrics?.eventsReceived.inc();
    contacts.observe(result.data);
    realtimeLane.enqueue(TOPICS.groundStationEvents, {
      key: String(result.data.satelliteId),
      value: Buffer.from(JSON.stringify(result.data)),
      headers: { [HEADERS.arrivalMs]: String(receivedAtMs), [HEADERS.source]: source, ...contractHeader('ground-station-event') },
    });
  };

  // Backpressure: a TCP peer is paused while the lane it feeds is behind and resumed once that lane caught up.
  const throttle = (socket: net.Socket, lane: BatchingProducer = realtimeLane) => {
    if (lane.pending <= maxPendingMessages || socket.isPaused()) return;
    socket.pause();
    metrics?.gatewayPausedConnections.inc();
    void lane.drain().then(() => {
      metrics?.gatewayPausedConnections.dec();
      socket.resume();
    });
  };

  const track = (socket: net.Socket) => {
    sockets.add(socket);
    stats.tcpConnections++;
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', (error) => log.warn(`connection ${socket.remoteAddress}:${socket.remotePort} failed`, { error }));
  };

  const packetServer = net.createServer((socket) => {
    track(socket);
    const source = `tcp:${socket.remoteAddress}:${socket.remotePort}`;
    const framer = new PacketFramer({ maxPacketBytes: mdb.maxPacketBytes });
    const refuse = (item: { error: { reason: string; message: string }; bytes: Uint8Array }) =>
      quarantine({ reason: item.error.reason, detail: item.error.message, receivedAtMs: now(), source, payloadBase64: Buffer.from(item.bytes).toString('base64'), satelliteId: null, apid: null });
    socket.on('data', (chunk) => {
      let fed: BatchingProducer | undefined;
      for (const item of framer.push(chunk)) {
        if ('packet' in item) {
          const lane = acceptPacket(item.packet, source);
          // The fuller of the lanes this chunk fed decides whether the peer waits.
          if (lane && (fed === undefined || lane.pending > fed.pending)) fed = lane;
        } else {
          refuse(item);
          log.warn(`closing ${source}: ${item.error.message}`);
          socket.destroy();
          return;
        }
      }
      throttle(socket, fed);
    });
    // A peer that hangs up mid-packet leaves bytes in the framer: they are quarantined as truncated, not dropped.
    socket.on('close', () => {
      for (const item of framer.end()) if ('error' in item) refuse(item);
    });
  });

  const eventServer = net.createServer((socket) => {
    track(socket);
    const source = `tcp:${socket.remoteAddress}:${socket.remotePort}`;
    const lines = new LineSplitter({ maxLineBytes: maxEventLineBytes });
    socket.on('data', (chunk) => {
      const { lines: complete, overflow } = lines.push(chunk);
      for (const line of complete) if (line.length > 0) acceptEventLine(line, source);
      if (overflow) {
        quarantine({ reason: 'oversized-event', detail: `event line longer than ${maxEventLineBytes} bytes; connection closed`, receivedAtMs: now(), source, payloadBase64: overflow.subarray(0, maxEventLineBytes).toString('base64'), satelliteId: null, apid: null });
        socket.destroy();
        return;
      }
      throttle(socket);
    });
  });

  const udp = dgram.createSocket('udp4');
  udp.on('message', (message, peer) => {
    if (pending() > maxPendingMessages) {
      stats.udpRefusedOverload++;
      return;
    }
    acceptPacket(new Uint8Array(message.buffer, message.byteOffset, message.byteLength), `udp:${peer.address}:${peer.port}`);
  });
  udp.on('error', (error) => log.error('UDP socket error', { error }));

  const servers: net.Server[] = [];
  try {
    servers.push(await listenTcp(packetServer, host, options.tcpPort, 'INGEST_TCP_PORT'));
    servers.push(await listenTcp(eventServer, host, options.eventsPort, 'INGEST_EVENTS_PORT'));
    await bindUdp(udp, host, options.udpPort, 'INGEST_UDP_PORT');
  } catch (error) {
    for (const s of servers) s.close();
    udp.close();
    await closeLanes();
    throw error;
  }
  const ports = {
    tcp: (packetServer.address() as net.AddressInfo).port,
    udp: udp.address().port,
    events: (eventServer.address() as net.AddressInfo).port,
  };
  log.info(`listening: packets tcp://${host}:${ports.tcp} udp://${host}:${ports.udp}, events tcp://${host}:${ports.events}`);

  return {
    ports,
    stats: () => structuredClone(stats),
    close: async () => {
      for (const socket of sockets) socket.end();
      await Promise.all([
        new Promise<void>((resolve) => packetServer.close(() => resolve())),
        new Promise<void>((resolve) => eventServer.close(() => resolve())),
        new Promise<void>((resolve) => udp.close(() => resolve())),
      ]);
      await closeLanes();
    },
  };
}
