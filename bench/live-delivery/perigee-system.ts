/**
 * Perigee's live path in this process, as `perigee start` wires it without
 * Kafka: the ingest gateway on TCP, the in-process bus, the live feed with
 * its own pipeline and 100 ms coalescing, and the Socket.IO server on port
 * 0; plus the real-time fleet simulator shipping packets to the gateway over
 * TCP. No processor or archive: they consume their own groups and the live
 * feed never waits for them (live-feed.ts), so they would only compete for
 * the CPU — which bench/pipeline.bench.ts measures.
 *
 * @example
 *   const perigee = await startPerigeeSystem({ satellites: 20, simTickMs: 10, log });
 *   // … connect clients to perigee.socketUrl, subscribe …
 *   const sim = perigee.startSimulator();
 *   await perigee.close();
 */
import { createTestAuth } from '../../server/auth/testing/test-auth';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryBus } from '../../server/adapters/memory/memory-bus';
import { defaultMissionDatabase } from '../../server/domain/mission/default-mission-database';
import { demoFleet, type SatelliteCatalogue } from '../../server/domain/mission/fleet';
import type { MissionDatabase } from '../../server/domain/mission/mission-database';
import { startIngestGateway, type IngestGateway } from '../../server/ingest/gateway';
import type { Logger } from '../../server/log';
import { startLiveFeed, type LiveFeed } from '../../server/realtime/live-feed';
import { createSocketServer } from '../../server/realtime/socket-server';
import { startSimulator, type SimulatorHandle } from '../../server/sim/sim-runner';

/** No injected faults: every packet sent should be delivered, so a shortfall is the live path's. */
const NO_FAULTS = { duplicateRate: 0, driftRate: 0, corruptRate: 0, reorderRate: 0 };

export interface PerigeeSystem {
  readonly mdb: MissionDatabase;
  readonly fleet: SatelliteCatalogue;
  readonly socketUrl: string;
  /** Cookie of a signed-in viewer: the socket server refuses handshakes without a session. */
  readonly socketCookie: string;
  readonly gateway: IngestGateway;
  readonly feed: LiveFeed;
  startSimulator(): SimulatorHandle;
  close(): Promise<void>;
}

export interface PerigeeSystemOptions {
  readonly satellites: number;
  /** How often the simulator ships the packets due, ms. */
  readonly simTickMs: number;
  readonly log: Logger;
}

export async function startPerigeeSystem({ satellites, simTickMs, log }: PerigeeSystemOptions): Promise<PerigeeSystem> {
  const mdb = defaultMissionDatabase();
  const fleet = demoFleet(satellites);
  const bus = new MemoryBus({ log });
  const gateway = await startIngestGateway({ host: '127.0.0.1', tcpPort: 0, udpPort: 0, eventsPort: 0, bus, mdb, log });
  const httpServer = http.createServer();
  const testAuth = createTestAuth();
  const io = createSocketServer(httpServer, { auth: testAuth.auth });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const feed = await startLiveFeed({ bus, io, mdb, fleet, nodeId: 'bench-live', log });
  let sim: SimulatorHandle | undefined;
  return {
    mdb,
    fleet,
    socketUrl: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`,
    socketCookie: await testAuth.cookieFor('viewer'),
    gateway,
    feed,
    startSimulator() {
      const gatewayAddress = { host: '127.0.0.1', tcpPort: gateway.ports.tcp, udpPort: gateway.ports.udp, eventsPort: gateway.ports.events };
      sim = startSimulator({ mdb, fleet, seed: 5, faults: NO_FAULTS, transport: 'tcp', gateway: gatewayAddress, tickMs: simTickMs, log });
      return sim;
    },
    async close() {
      await sim?.stop();
      await gateway.close();
      await feed.stop();
      await io.close();
      await bus.close();
    },
  };
}
