/**
 * The gateway's playback lane: a pass dump whose sends are slow (a broker
 * busy appending hundreds of thousands of packets) must not hold back
 * real-time packets, and backpressure must pause only the connection that
 * feeds the lane that is behind. The broker is the in-process bus, wrapped
 * so that sends to the playback topic wait until the test lets them through.
 */
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryBus } from '../adapters/memory/memory-bus';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { demoFleet } from '../domain/mission/fleet';
import { silentLogger } from '../log';
import type { Bus, ConsumedMessage } from '../ports/bus';
import { FleetSimulator, type SimPacket } from '../sim/fleet-simulator';
import { recordedCopy } from '../sim/recorded-copy';
import { ALL_RAW_TOPICS, TOPICS } from '../topics';
import { readReception } from '../raw-packet-headers';
import { startIngestGateway, type IngestGateway } from './gateway';

const mdb = defaultMissionDatabase();
const MAX_PENDING = 200;

let inner: MemoryBus;
let release: () => void;
let gateway: IngestGateway;
const received: ConsumedMessage[] = [];

beforeEach(async () => {
  inner = new MemoryBus({ log: silentLogger });
  const held = new Promise<void>((resolve) => (release = resolve));
  const bus = sendingThrough('in-process, slow on playback', async (topic) => {
    if (topic === TOPICS.rawPlayback) await held;
  });
  received.length = 0;
  await inner.subscribe({
    groupId: 'observer',
    topics: ALL_RAW_TOPICS,
    fromBeginning: true,
    eachBatch: async (batch) => {
      received.push(...batch.messages);
    },
  });
  gateway = await startIngestGateway({ host: '127.0.0.1', tcpPort: 0, udpPort: 0, eventsPort: 0, bus, mdb, log: silentLogger, maxPendingMessages: MAX_PENDING });
});

afterEach(async () => {
  release();
  await gateway.close();
  await inner.close();
});

/** The in-process bus, its sends going through `before` first (which may hold them or record them). */
function sendingThrough(description: string, before: (topic: string, messages: readonly unknown[]) => Promise<void> | void): Bus {
  return {
    description,
    ping: () => inner.ping(),
    producer: async () => {
      const producer = await inner.producer();
      return {
        send: async (topic, messages) => {
          await before(topic, messages);
          await producer.send(topic, messages);
        },
      };
    },
    subscribe: (options) => inner.subscribe(options),
    close: () => inner.close(),
  };
}

function packets(seconds: number): SimPacket[] {
  const startMs = Math.floor(Date.now() / 1000) * 1000 - 600_000;
  const sim = new FleetSimulator({ mdb, fleet: demoFleet(1), seed: 4, startTimeMs: startMs });
  return sim.advance(startMs + seconds * 1000).packets;
}

async function connect(to: IngestGateway = gateway): Promise<net.Socket> {
  const socket = net.connect(to.ports.tcp, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  return socket;
}

async function waitFor(what: string, done: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('Ingest > gateway lanes', () => {
  it('publishes real-time packets while a dump’s sends are still waiting on the broker', async () => {
    const dump = packets(30).map(recordedCopy); // 30 s of a satellite, flagged as played back
    const live = packets(2);
    const dumpSocket = await connect();
    dumpSocket.write(Buffer.concat(dump.map((p) => p.bytes)));
    await waitFor('the dump to reach the gateway', () => gateway.stats().packetsReceived >= dump.length);

    const liveSocket = await connect();
    liveSocket.end(Buffer.concat(live.map((p) => p.bytes)));
    await waitFor('the real-time packets on the bus', () => received.length >= live.length);

    // Everything published so far is real-time, in the order sent; the dump is still held.
    expect(received.every((m) => m.topic !== TOPICS.rawPlayback && !readReception(m.headers).playback)).toBe(true);
    const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
    expect(received.map((m) => hex(m.value)).sort()).toEqual(live.map((p) => hex(p.bytes)).sort());

    release();
    await waitFor('the dump on the bus', () => received.length === live.length + dump.length);
    const played = received.filter((m) => m.topic === TOPICS.rawPlayback);
    expect(played.map((m) => hex(m.value))).toEqual(dump.map((p) => hex(p.bytes)));
    expect(played.every((m) => readReception(m.headers).playback)).toBe(true);
    // One header with everything the gateway knew: arrival, station, the connection it came on.
    const reception = readReception(played[0]!.headers);
    expect([Object.keys(played[0]!.headers), reception.arrivalMs! > 0, reception.source?.startsWith('tcp:127.0.0.1:')]).toEqual([['perigee-reception'], true, true]);
    dumpSocket.end();
  });

  it('pauses only the connection whose lane is behind', async () => {
    const dump = packets(30).map(recordedCopy);
    expect(dump.length).toBeGreaterThan(MAX_PENDING * 2);
    const dumpSocket = await connect();
    // Written in pieces: the gateway sees the backlog grow past its bound and pauses this connection.
    const bytes = Buffer.concat(dump.map((p) => p.bytes));
    for (let at = 0; at < bytes.length; at += 4096) dumpSocket.write(bytes.subarray(at, at + 4096));
    await waitFor('the dump connection to be paused', () => gateway.stats().packetsReceived > MAX_PENDING);
    await new Promise((r) => setTimeout(r, 200));
    const receivedWhilePaused = gateway.stats().packetsReceived;
    expect(receivedWhilePaused).toBeLessThan(dump.length);

    // A real-time connection is not paused: its packets arrive and are published.
    const live = packets(3);
    const liveSocket = await connect();
    liveSocket.end(Buffer.concat(live.map((p) => p.bytes)));
    await waitFor('the real-time packets on the bus', () => received.length >= live.length);
    expect(received).toHaveLength(live.length);
    expect(gateway.stats().packetsReceived).toBe(receivedWhilePaused + live.length);

    // Released, the dump connection resumes and every packet of it is published once.
    release();
    await waitFor('the whole dump on the bus', () => received.filter((m) => m.topic === TOPICS.rawPlayback).length === dump.length);
    expect(gateway.stats().packetsReceived).toBe(dump.length + live.length);
    dumpSocket.end();
  });
});

describe('Ingest > gateway on a bounded in-process bus', () => {
  it('pauses a dump while a reader of the playback topic is behind, then delivers all of it in order', async () => {
    const BOUND = 100;
    const bus = new MemoryBus({ log: silentLogger, partitionsPerTopic: 1, unreadBound: { topics: [TOPICS.rawPlayback], messagesPerPartition: BOUND } });
    const read: ConsumedMessage[] = [];
    let stalled = true;
    await bus.subscribe({
      groupId: 'archiver',
      topics: [TOPICS.rawPlayback],
      fromBeginning: true,
      maxBatchMessages: 50,
      eachBatch: async (batch) => {
        while (stalled) await new Promise((r) => setTimeout(r, 10));
        read.push(...batch.messages);
      },
    });
    const bounded = await startIngestGateway({ host: '127.0.0.1', tcpPort: 0, udpPort: 0, eventsPort: 0, bus, mdb, log: silentLogger, maxPendingMessages: MAX_PENDING });
    try {
      const dump = packets(60).map(recordedCopy);
      const socket = await connect(bounded);
      const bytes = Buffer.concat(dump.map((p) => p.bytes));
      for (let at = 0; at < bytes.length; at += 4096) socket.write(bytes.subarray(at, at + 4096));
      await waitFor('the gateway to take part of the dump', () => bounded.stats().packetsReceived > BOUND);
      await new Promise((r) => setTimeout(r, 300));
      // The reader is stalled: the bus holds its bound plus the send in flight, the gateway its own bound, and the rest waits in TCP.
      expect(bounded.stats().packetsReceived).toBeLessThan(dump.length);

      stalled = false;
      await waitFor('the whole dump read', () => read.length === dump.length);
      const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
      expect(read.map((m) => hex(m.value))).toEqual(dump.map((p) => hex(p.bytes)));
      expect(bounded.stats().packetsReceived).toBe(dump.length);
      socket.end();
    } finally {
      stalled = false;
      await bounded.close();
      await bus.close();
    }
  });

  it('gathers a dump forwarded packet by packet into sends of the playback linger, while real-time packets go as they come', async () => {
    const sends: Array<{ topic: string; messages: number }> = [];
    const recording = sendingThrough('in-process, recording sends', (topic, messages) => void sends.push({ topic, messages: messages.length }));
    const lingering = await startIngestGateway({ host: '127.0.0.1', tcpPort: 0, udpPort: 0, eventsPort: 0, bus: recording, mdb, log: silentLogger, playbackLingerMs: 3_000 });
    try {
      const dump = packets(2).map(recordedCopy).slice(0, 30);
      const live = packets(2).slice(0, 30);
      const [dumpSocket, liveSocket] = [await connect(lingering), await connect(lingering)];
      // A packet at a time on each connection, as a downlink forwards them.
      for (let i = 0; i < 30; i++) {
        dumpSocket.write(dump[i]!.bytes);
        liveSocket.write(live[i]!.bytes);
        await new Promise((r) => setTimeout(r, 10));
      }
      await waitFor('the real-time packets on the bus', () => received.filter((m) => m.topic !== TOPICS.rawPlayback).length === 30);
      const liveSends = sends.filter((s) => s.topic !== TOPICS.rawPlayback);
      expect(liveSends.length).toBeGreaterThan(1);
      // The dump waits for its linger: nothing of it is sent yet …
      expect(sends.filter((s) => s.topic === TOPICS.rawPlayback)).toEqual([]);
      await waitFor('the dump on the bus', () => received.filter((m) => m.topic === TOPICS.rawPlayback).length === 30, 10_000);
      // … then goes in one send, in the order it came.
      expect(sends.filter((s) => s.topic === TOPICS.rawPlayback)).toEqual([{ topic: TOPICS.rawPlayback, messages: 30 }]);
      const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
      expect(received.filter((m) => m.topic === TOPICS.rawPlayback).map((m) => hex(m.value))).toEqual(dump.map((p) => hex(p.bytes)));
      dumpSocket.end();
      liveSocket.end();
    } finally {
      release();
      await lingering.close();
    }
  });
});
