/**
 * Runs the fleet simulator against wall-clock time and ships its output to the
 * ingest gateway: telemetry packets over one TCP connection (concatenated; the
 * gateway frames them by the CCSDS length field) or one UDP datagram each,
 * and ground-station events as newline-delimited JSON over a second TCP
 * connection. Links reconnect on their own (tcp-link.ts); packets produced
 * while the packet link is down are dropped and counted, while events — rare
 * and each one meaningful — wait in a bounded buffer for the link to return.
 *
 * @example
 *   const sim = startSimulator({ mdb, fleet: demoFleet(3), seed: 1, faults: NO_FAULTS, transport: 'tcp',
 *     gateway: { host: '127.0.0.1', tcpPort: 7300, udpPort: 7300, eventsPort: 7301 }, log });
 *   sim.stats().packetsSent; // grows by 57 per second for three satellites
 *   await sim.stop();
 */
import dgram from 'node:dgram';
import type { SatelliteCatalogue } from '../domain/mission/fleet';
import type { MissionDatabase } from '../domain/mission/mission-database';
import type { FaultCounts, FaultRates } from './fault-injector';
import { FleetSimulator, type LinkMode, type SimModelKind, type SimPacket } from './fleet-simulator';
import { definesPowerVersions, powerVersionRules, type PowerVersionEmit } from './packet-versions';
import { TcpLink, type SimLogger } from './tcp-link';
import type { GroundStationEvent } from '../domain/ground-station-event';

export interface GatewayAddress {
  readonly host: string;
  readonly tcpPort: number;
  readonly udpPort: number;
  readonly eventsPort: number;
}

export interface StartSimulatorOptions {
  readonly mdb: MissionDatabase;
  readonly fleet: SatelliteCatalogue;
  readonly seed: number;
  readonly faults: FaultRates;
  /** Relay (continuous) or store-and-forward (record outside passes, dump during them); relay when omitted. */
  readonly link?: LinkMode;
  /** Physical models of the demonstration fleet, or signals from the definitions; physics when omitted. */
  readonly model?: SimModelKind;
  /**
   * Power definition version per satellite (packet-versions.ts) and when the ones on v1 upgrade,
   * ms after the start; every satellite on the newest version when omitted.
   */
  readonly powerVersion?: { readonly emit: PowerVersionEmit; readonly upgradeAfterMs?: number | undefined };
  readonly transport: 'tcp' | 'udp';
  readonly gateway: GatewayAddress;
  /** Interval between advances of simulated time, ms. */
  readonly tickMs?: number;
  /** Wall clock, epoch ms; simulated time follows it. */
  readonly now?: () => number;
  readonly log: SimLogger;
  /** Reconnect backoff bounds, ms. */
  readonly reconnect?: { readonly initialDelayMs?: number; readonly maxDelayMs?: number };
}

export interface SimulatorStats {
  readonly simTimeMs: number;
  /** Packets sampled onboard (duplicates not included). */
  readonly packetsGenerated: number;
  /** Packets handed to the transport, duplicates included. */
  readonly packetsSent: number;
  /** Packets produced while the packet link was down or backed up. */
  readonly packetsDropped: number;
  readonly bytesSent: number;
  readonly eventsSent: number;
  /** Events lost because the buffer for a down events link overflowed. */
  readonly eventsDropped: number;
  readonly eventsBuffered: number;
  /** Faults in packets produced so far (sent or dropped). */
  readonly faults: FaultCounts;
  readonly packetLinkUp: boolean;
  readonly eventLinkUp: boolean;
  /** Set when the simulation itself failed and stopped advancing. */
  readonly failure: string | undefined;
}

export interface SimulatorHandle {
  stop(): Promise<void>;
  stats(): SimulatorStats;
}

/** Events kept while the events link is down; beyond it the oldest are dropped. */
export const MAX_BUFFERED_EVENTS = 1000;

export function startSimulator({
  mdb,
  fleet,
  seed,
  faults,
  link,
  model,
  powerVersion,
  transport,
  gateway,
  tickMs = 50,
  now = () => Date.now(),
  log,
  reconnect = {},
}: StartSimulatorOptions): SimulatorHandle {
  if (!(tickMs > 0)) throw new RangeError(`tickMs must be positive, got ${tickMs}`);
  const startTimeMs = now();
  // The power-version setting concerns the built-in mission's power packet; a mission without it has nothing to choose.
  const packetVersions = powerVersion && definesPowerVersions(mdb)
    ? powerVersionRules(fleet, {
        emit: powerVersion.emit,
        ...(powerVersion.upgradeAfterMs === undefined ? {} : { upgradeAtMs: startTimeMs + powerVersion.upgradeAfterMs }),
      })
    : [];
  const sim = new FleetSimulator({ mdb, fleet, seed, faults, startTimeMs, packetVersions, ...(link ? { link } : {}), ...(model ? { model } : {}) });
  const linkOptions = { host: gateway.host, log, ...reconnect };
  const eventLink = new TcpLink({ ...linkOptions, name: 'events', port: gateway.eventsPort });
  const packetLink = transport === 'tcp' ? new TcpLink({ ...linkOptions, name: 'packets', port: gateway.tcpPort }) : undefined;
  const udp = transport === 'udp' ? dgram.createSocket('udp4') : undefined;
  udp?.on('error', (error) => log.warn(`packets UDP socket error (${error.message})`));

  let packetsSent = 0;
  let packetsDropped = 0;
  let bytesSent = 0;
  let eventsSent = 0;
  let eventsDropped = 0;
  let failure: string | undefined;
  /** Datagrams handed to the socket whose send has not completed; closing earlier would lose them. */
  let udpInFlight = 0;
  const pendingEvents: GroundStationEvent[] = [];

  const sendPackets = (packets: readonly SimPacket[]) => {
    if (packets.length === 0) return;
    if (udp) {
      for (const p of packets) {
        udpInFlight++;
        udp.send(p.bytes, gateway.udpPort, gateway.host, (error) => {
          udpInFlight--;
          // UDP has no link to lose: a failed send is a dropped datagram.
          if (error) {
            packetsSent--;
            bytesSent -= p.bytes.length;
            packetsDropped++;
          }
        });
        packetsSent++;
        bytesSent += p.bytes.length;
      }
      return;
    }
    const bytes = Buffer.concat(packets.map((p) => p.bytes));
    if (packetLink!.write(bytes)) {
      packetsSent += packets.length;
      bytesSent += bytes.length;
    } else {
      packetsDropped += packets.length;
    }
  };

  const sendEvents = (events: readonly GroundStationEvent[]) => {
    pendingEvents.push(...events);
    if (pendingEvents.length > MAX_BUFFERED_EVENTS) eventsDropped += pendingEvents.splice(0, pendingEvents.length - MAX_BUFFERED_EVENTS).length;
    if (pendingEvents.length === 0 || !eventLink.isConnected) return;
    const lines = pendingEvents.map((e) => `${JSON.stringify(e)}\n`).join('');
    if (eventLink.write(Buffer.from(lines))) {
      eventsSent += pendingEvents.length;
      pendingEvents.length = 0;
    }
  };

  const tick = () => {
    if (failure) return;
    try {
      const { packets, events } = sim.advance(now());
      sendPackets(packets);
      sendEvents(events);
    } catch (error) {
      // A failure of the model is a bug, not a link problem: stop advancing and say so once.
      failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      log.error(`simulation stopped: ${failure}`);
    }
  };

  eventLink.start();
  packetLink?.start();
  const timer = setInterval(tick, tickMs);
  log.info(
    `simulating ${fleet.satellites.length} satellites, packets over ${transport} to ${gateway.host}:${transport === 'tcp' ? gateway.tcpPort : gateway.udpPort}, events to ${gateway.host}:${gateway.eventsPort}`,
  );

  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= (async () => {
        clearInterval(timer);
        await Promise.all([
          eventLink.close(),
          packetLink?.close(),
          udp && closeUdp(udp, () => udpInFlight === 0),
        ]);
      })();
      return stopped;
    },
    stats() {
      const counts = sim.counts();
      return {
        simTimeMs: sim.timeMs,
        packetsGenerated: counts.generated,
        packetsSent,
        packetsDropped,
        bytesSent,
        eventsSent,
        eventsDropped,
        eventsBuffered: pendingEvents.length,
        faults: counts.faults,
        packetLinkUp: packetLink ? packetLink.isConnected : true,
        eventLinkUp: eventLink.isConnected,
        failure,
      };
    },
  };
}

/** Closes the socket once every send has completed (or after a second, whichever is first). */
async function closeUdp(socket: dgram.Socket, isIdle: () => boolean): Promise<void> {
  for (let waitedMs = 0; !isIdle() && waitedMs < 1000; waitedMs += 10) await new Promise((r) => setTimeout(r, 10));
  await new Promise<void>((resolve) => socket.close(() => resolve()));
}
