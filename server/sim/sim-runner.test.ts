import dgram from 'node:dgram';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { decodePacket } from '../domain/codec/packet-codec';
import { PacketFramer } from '../domain/codec/packet-framer';
import { groundStationEventSchema, type GroundStationEvent } from '../domain/ground-station-event';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { demoFleet } from '../domain/mission/fleet';
import { NO_FAULTS } from './fault-injector';
import { predictPasses } from '../domain/orbit/pass-predictor';
import { startSimulator, type SimulatorHandle } from './sim-runner';

const mdb = defaultMissionDatabase();
const fleet = demoFleet(3);
const host = '127.0.0.1';
const day = Date.UTC(2026, 10, 25);
const firstPass = predictPasses(fleet.satellites[0]!, fleet.groundStations[0]!, day, day + 86_400_000)[0]!;
/** Simulated seconds per real second in these tests. */
const SPEED = 30;

interface Capture {
  readonly server: net.Server;
  readonly port: number;
  /** Bytes received, per accepted connection. */
  readonly connections: Buffer[][];
  readonly sockets: net.Socket[];
  /** Resolves when the n-th connection (0-based) has closed. */
  closed(n: number): Promise<void>;
}

async function listen(port = 0): Promise<Capture> {
  const connections: Buffer[][] = [];
  const sockets: net.Socket[] = [];
  const closings: Array<Promise<void>> = [];
  const server = net.createServer((socket) => {
    const chunks: Buffer[] = [];
    connections.push(chunks);
    sockets.push(socket);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => {});
    closings.push(new Promise((resolve) => socket.on('close', () => resolve())));
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return {
    server,
    port: (server.address() as net.AddressInfo).port,
    connections,
    sockets,
    closed: async (n) => {
      await until(() => closings.length > n);
      await closings[n];
    },
  };
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A clock starting 3 s of simulated time before the first Svalbard pass of PERIGEE-1, running `speed`× fast. */
function fastClock(speed = SPEED): () => number {
  const realStart = Date.now();
  const simStart = firstPass.aosMs - 3_000;
  return () => simStart + (Date.now() - realStart) * speed;
}

function frame(chunks: Buffer[]): Uint8Array[] {
  const framer = new PacketFramer({ maxPacketBytes: mdb.maxPacketBytes });
  return chunks.flatMap((chunk) => framer.push(chunk)).map((item) => {
    if ('error' in item) throw item.error;
    return item.packet;
  });
}

const parseLines = (chunks: Buffer[]): GroundStationEvent[] =>
  Buffer.concat(chunks)
    .toString('utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => groundStationEventSchema.parse(JSON.parse(line)));

function recordingLog() {
  const lines: string[] = [];
  return { lines, log: { info: (m: string) => lines.push(`info ${m}`), warn: (m: string) => lines.push(`warn ${m}`), error: (m: string) => lines.push(`error ${m}`) } };
}

const cleanup: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function track(handle: SimulatorHandle): SimulatorHandle {
  cleanup.push(() => handle.stop());
  return handle;
}

function trackServer(capture: Capture): Capture {
  cleanup.push(() => {
    for (const s of capture.sockets) s.destroy();
    return new Promise((resolve) => capture.server.close(resolve));
  });
  return capture;
}

describe('Sim > startSimulator', () => {
  it('streams framable CCSDS packets over TCP and ground-station events as JSON lines', async () => {
    const packets = trackServer(await listen());
    const events = trackServer(await listen());
    const { log } = recordingLog();
    const sim = track(
      startSimulator({ mdb, fleet, seed: 1, faults: NO_FAULTS, transport: 'tcp', gateway: { host, tcpPort: packets.port, udpPort: 0, eventsPort: events.port }, now: fastClock(), log }),
    );
    await until(() => parseLines(events.connections[0] ?? []).filter((e) => e.type === 'uplink').length >= 3);
    await sim.stop();
    await packets.closed(0);
    await events.closed(0);

    const stats = sim.stats();
    const received = frame(packets.connections[0]!);
    expect(received.length).toBe(stats.packetsSent);
    expect(stats.packetsSent + stats.packetsDropped).toBe(stats.packetsGenerated);
    expect(stats.packetsSent).toBeGreaterThan(35 * 57 * 0.9);
    const next = new Map<string, number>();
    for (const bytes of received) {
      const result = decodePacket(mdb, bytes);
      if (!result.ok) throw result.error;
      const key = `${result.packet.satelliteId}:${result.packet.layout.apid}`;
      // Dropped ticks (before the link was up) leave gaps; within what arrived, counts only go up.
      expect(result.packet.sequenceCount).toBeGreaterThanOrEqual(next.get(key) ?? 0);
      next.set(key, result.packet.sequenceCount + 1);
    }
    expect([...next.keys()].sort()).toEqual(fleet.satellites.flatMap((s) => [256, 272, 288, 289, 290, 291].map((a) => `${s.id}:${a}`)).sort());

    const lines = parseLines(events.connections[0]!);
    expect(lines.length).toBe(stats.eventsSent);
    const ofPass = lines.filter((e) => e.passId === firstPass.passId);
    expect(ofPass[0]).toEqual({ type: 'aos', satelliteId: 101, station: 'svalbard', timeMs: firstPass.aosMs, passId: firstPass.passId, azimuthDeg: firstPass.aosAzimuthDeg, predictedLosMs: firstPass.losMs });
    expect(ofPass.filter((e) => e.type === 'signal').length).toBeGreaterThanOrEqual(3);
    expect(ofPass.filter((e) => e.type === 'uplink').map((e) => (e.type === 'uplink' ? e.verification : ''))).toEqual(['sent', 'accepted', 'executed']);
  });

  it('emits the power definition versions it is given, switching the v1 satellites to v2 the set time after its own start', async () => {
    const packets = trackServer(await listen());
    const events = trackServer(await listen());
    const { log } = recordingLog();
    const clock = fastClock();
    const startMs = clock();
    const upgradeAfterMs = 20_000;
    const sim = track(
      startSimulator({
        mdb,
        fleet,
        seed: 2,
        faults: NO_FAULTS,
        powerVersion: { emit: 'mixed', upgradeAfterMs },
        transport: 'tcp',
        gateway: { host, tcpPort: packets.port, udpPort: 0, eventsPort: events.port },
        now: clock,
        log,
      }),
    );
    await until(() => sim.stats().simTimeMs > startMs + upgradeAfterMs + 10_000);
    await sim.stop();
    await packets.closed(0);
    const power = frame(packets.connections[0]!).flatMap((bytes) => {
      const result = decodePacket(mdb, bytes);
      if (!result.ok) throw result.error;
      return result.packet.layout.apid === 272 ? [result.packet] : [];
    });
    const versionsOf = (id: number) => power.filter((p) => p.satelliteId === id).map((p) => p.layout.version);
    // PERIGEE-1 and -3 on v2 throughout; PERIGEE-2 on v1 until the upgrade, then on v2.
    for (const id of [101, 103]) expect(new Set(versionsOf(id))).toEqual(new Set([2]));
    const of102 = versionsOf(102);
    const switchAt = of102.indexOf(2);
    expect(of102.slice(0, switchAt).every((v) => v === 1) && of102.slice(switchAt).every((v) => v === 2)).toBe(true);
    expect(switchAt).toBeGreaterThan(0);
    // The runner reads its start just after this test's reading of the clock: the first v2 packet follows within a packet period or so.
    const firstV2Ms = power.filter((p) => p.satelliteId === 102)[switchAt]!.onboardTimeMs;
    expect(firstV2Ms).toBeGreaterThanOrEqual(startMs + upgradeAfterMs);
    expect(firstV2Ms).toBeLessThan(startMs + upgradeAfterMs + 1_000);
  });

  it('sends one UDP datagram per packet', async () => {
    // Slower than the TCP test: a burst of hundreds of datagrams would overflow the receiver's
    // default socket buffer, and UDP, unlike the simulator, drops without telling anyone.
    const udp = dgram.createSocket('udp4');
    const datagrams: Buffer[] = [];
    udp.on('message', (message) => datagrams.push(message));
    await new Promise<void>((resolve) => udp.bind(0, host, resolve));
    cleanup.push(() => new Promise<void>((resolve) => udp.close(() => resolve())));
    const events = trackServer(await listen());
    const { log } = recordingLog();
    const sim = track(
      startSimulator({ mdb, fleet, seed: 1, faults: NO_FAULTS, transport: 'udp', gateway: { host, tcpPort: 0, udpPort: udp.address().port, eventsPort: events.port }, now: fastClock(5), log }),
    );
    await until(() => datagrams.length >= 500);
    await sim.stop();
    await until(() => datagrams.length === sim.stats().packetsSent, 2_000);
    expect(sim.stats().packetsDropped).toBe(0);
    expect(sim.stats().packetsSent).toBe(sim.stats().packetsGenerated);
    for (const d of datagrams) {
      const result = decodePacket(mdb, d);
      expect(result.ok).toBe(true);
    }
  });

  it('counts what it drops while the gateway is down, reconnects with backoff, and survives the gateway restarting', async () => {
    // Reserve two ports, then free them: nothing listens there yet.
    const reserved = await Promise.all([listen(), listen()]);
    const [packetPort, eventPort] = reserved.map((c) => c.port);
    await Promise.all(reserved.map((c) => new Promise((r) => c.server.close(r))));
    const { lines, log } = recordingLog();
    const sim = track(
      startSimulator({
        mdb, fleet, seed: 1, faults: NO_FAULTS, transport: 'tcp',
        gateway: { host, tcpPort: packetPort!, udpPort: 0, eventsPort: eventPort! },
        now: fastClock(), log, reconnect: { initialDelayMs: 20, maxDelayMs: 80 },
      }),
    );
    await new Promise((r) => setTimeout(r, 400));
    const down = sim.stats();
    expect(down.packetLinkUp).toBe(false);
    expect(down.packetsSent).toBe(0);
    expect(down.packetsDropped).toBe(down.packetsGenerated);
    expect(down.packetsDropped).toBeGreaterThan(0);
    // Several retries failed, but each link reported its outage once.
    expect(lines.filter((l) => l.startsWith('warn packets link')).length).toBe(1);

    // The AOS fell due 0.1 s in, while the events link was still down: it waited in the buffer.
    expect(down.eventsBuffered).toBeGreaterThan(0);
    const packets = trackServer(await listen(packetPort));
    const events = trackServer(await listen(eventPort));
    await until(() => (packets.connections[0]?.length ?? 0) > 5);
    await until(() => parseLines(events.connections[0] ?? []).some((e) => e.type === 'aos' && e.passId === firstPass.passId));
    expect(sim.stats().packetLinkUp).toBe(true);
    packets.sockets[0]!.destroy();
    await until(() => (packets.connections[1]?.length ?? 0) > 5);
    await sim.stop();
    await packets.closed(1);

    // Each connection carries whole packets from its first byte.
    for (const chunks of packets.connections) for (const bytes of frame(chunks)) expect(decodePacket(mdb, bytes).ok).toBe(true);
    const stats = sim.stats();
    expect(stats.packetsSent + stats.packetsDropped).toBe(stats.packetsGenerated);
    expect(lines.filter((l) => l.startsWith('info packets link connected')).length).toBe(2);
    expect(events.connections.length).toBe(1);
    expect(stats.eventsDropped).toBe(0);
  });

  it('stops advancing and closes its connections on stop', async () => {
    const packets = trackServer(await listen());
    const events = trackServer(await listen());
    const { log } = recordingLog();
    const sim = startSimulator({ mdb, fleet, seed: 1, faults: NO_FAULTS, transport: 'tcp', gateway: { host, tcpPort: packets.port, udpPort: 0, eventsPort: events.port }, now: fastClock(), log });
    await until(() => sim.stats().packetsSent > 0);
    await sim.stop();
    await Promise.all([packets.closed(0), events.closed(0)]);
    const stopped = sim.stats();
    await new Promise((r) => setTimeout(r, 150));
    expect(sim.stats()).toEqual(stopped);
    expect(stopped.packetLinkUp).toBe(false);
    expect(stopped.eventLinkUp).toBe(false);
    await sim.stop();
  });
});
