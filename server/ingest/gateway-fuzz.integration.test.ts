/**
 * Bad input through the real gateway and the real processor: 100 000+
 * random, truncated and bit-flipped packets (seeded, so every run sends the
 * same bytes) interleaved with known-good packets, over TCP — framed by the
 * gateway's PacketFramer from chunks the network cuts where it likes — and
 * over UDP. Every refused packet must come out on telemetry.quarantine
 * exactly once, with its bytes and the reason its construction dictates
 * (testing/fuzz-cases.ts), from the stage that must refuse it; every good
 * packet must come out on telemetry.samples with the values it decodes to
 * on its own, at its own onboard time; nothing else may come out.
 *
 * Streams over TCP stay framed: bad packets there keep a true length field.
 * A wrong length can only be told at the end of a stream (the connection
 * closes mid-packet: 'truncated') or when it exceeds the mission's largest
 * packet ('oversized': the gateway closes the connection), so those end
 * connections; datagrams carry every other kind.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryBus } from '../adapters/memory/memory-bus';
import { loadConfig } from '../config';
import { decodePacket } from '../domain/codec/packet-codec';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { demoFleet } from '../domain/mission/fleet';
import { quarantineMessageSchema } from '../domain/quarantine-message';
import { sampleFramesSchema, type SampleFrame } from '../domain/sample-frame';
import { decodeSampleFrames } from '../domain/sample-frame-codec';
import { silentLogger } from '../log';
import { Prng } from '../sim/prng';
import { TOPICS } from '../topics';
import { startProcessor, type Processor } from '../worker/processor';
import { startIngestGateway, type IngestGateway } from './gateway';
import { BadPacketSource, GoodPacketSource, type FuzzCase } from './testing/fuzz-cases';

const mdb = defaultMissionDatabase();
const KNOWN_APIDS = [256, 272, 288, 289, 290, 291];
/** Good packets: attitude and power of satellites 101 and 102 over TCP, 103 over UDP (one path per stream keeps each in order). */
const GOOD_APIDS = [256, 272];
const TCP_CONNECTIONS = 48;
const TCP_ITEMS_PER_CONNECTION = 1400;
const UDP_DATAGRAMS = 44_000;
const UDP_BATCH = 200;
/** Arrival time of the first packet, and how far the gateway's clock moves per packet received. */
const ARRIVAL_EPOCH_MS = Math.floor(Date.now() / 1000) * 1000 - 600_000;
const ARRIVAL_STEP_MS = 2;
const LINK_DELAY_MS = 40;

let bus: MemoryBus;
let gateway: IngestGateway;
let processor: Processor;
const refusals = new Map<string, number>();
const frames: SampleFrame[] = [];

beforeAll(async () => {
  bus = new MemoryBus({ retainedMessagesPerPartition: 1_000_000 });
  // The gateway stamps arrival once per packet it receives (or refuses), in order: a clock that ticks per call
  // makes arrival times a function of each packet's place in the input, so good packets' onboard times can match them.
  let arrivals = 0;
  const now = () => ARRIVAL_EPOCH_MS + ARRIVAL_STEP_MS * arrivals++;
  gateway = await startIngestGateway({ host: '127.0.0.1', tcpPort: 0, udpPort: 0, eventsPort: 0, bus, mdb, log: silentLogger, now });
  processor = await startProcessor({ bus, mdb, fleet: demoFleet(3), groupId: 'fuzz-processor', stream: loadConfig({}).stream, log: silentLogger });
  await bus.subscribe({
    groupId: 'fuzz-reader',
    topics: [TOPICS.quarantine, TOPICS.samples],
    fromBeginning: true,
    eachBatch: async ({ topic, messages }) => {
      for (const m of messages) {
        if (topic === TOPICS.samples) frames.push(...sampleFramesSchema.parse(decodeSampleFrames(m.value)));
        else {
          const q = quarantineMessageSchema.parse(JSON.parse(m.value.toString()));
          const key = refusalKey(q.stage, q.reason, q.payloadBase64);
          refusals.set(key, (refusals.get(key) ?? 0) + 1);
        }
      }
    },
  });
});

afterAll(async () => {
  await gateway?.close();
  await processor?.stop();
  await bus?.close();
});

const refusalKey = (stage: string, reason: string, payloadBase64: string) => `${stage}|${reason}|${payloadBase64}`;

async function sendOverTcp(port: number, bytes: Buffer, rng: Prng): Promise<void> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  for (let at = 0; at < bytes.length; ) {
    const end = Math.min(bytes.length, at + rng.integer(1, 16_384));
    if (!socket.write(bytes.subarray(at, end))) await new Promise((r) => socket.once('drain', r));
    at = end;
  }
  // The gateway hangs up itself after an oversized header, so the peer may see a reset.
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.end(resolve));
  await new Promise<void>((resolve) => (socket.closed ? resolve() : socket.once('close', () => resolve())));
}

async function until(what: string, done: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe('Ingest > gateway fuzz', () => {
  it('quarantines every one of 100 000+ bad packets with its reason and bytes, and decodes every good packet around them exactly', async () => {
    const rng = new Prng(20261125);
    const good = new GoodPacketSource(mdb, rng);
    const bad = new BadPacketSource(mdb, rng, KNOWN_APIDS);
    const sent: FuzzCase[] = [];
    /** A good packet to be the `index`-th packet the gateway receives: sampled one link delay before it arrives. */
    const goodOne = (satelliteId: number, index: number) =>
      good.next(satelliteId, GOOD_APIDS[rng.integer(0, GOOD_APIDS.length - 1)]!, ARRIVAL_EPOCH_MS + ARRIVAL_STEP_MS * index - LINK_DELAY_MS);

    // TCP: good packets, bit-flipped copies and random framed packets; each connection may end mid-packet or with an oversized header.
    for (let c = 0; c < TCP_CONNECTIONS; c++) {
      const satelliteId = 101 + (c % 2);
      const items: FuzzCase[] = [];
      for (let i = 0; i < TCP_ITEMS_PER_CONNECTION; i++) {
        const roll = rng.next();
        const index = sent.length + items.length;
        if (roll < 0.08) items.push(goodOne(satelliteId, index));
        else if (roll < 0.55) items.push(bad.bitFlipped(goodOne(satelliteId, index).bytes, true));
        else items.push(bad.randomFramed());
      }
      const ending = c % 3;
      if (ending === 1) items.push(bad.truncated(goodOne(satelliteId, sent.length + items.length).bytes));
      else if (ending === 2) items.push(bad.oversizedHeader());
      // A cut at 0 bytes sends nothing, so there is nothing to refuse.
      const nonEmpty = items.filter((item) => item.bytes.length > 0);
      sent.push(...nonEmpty);
      await sendOverTcp(gateway.ports.tcp, Buffer.concat(nonEmpty.map((item) => item.bytes)), rng);
    }

    // UDP: one packet per datagram, so anything goes; paced so that no datagram is lost in the socket buffer.
    const udp = dgram.createSocket('udp4');
    const received = () => gateway.stats().packetsReceived;
    for (let i = 0; i < UDP_DATAGRAMS; i += UDP_BATCH) {
      const batch: FuzzCase[] = [];
      for (let j = 0; j < UDP_BATCH; j++) {
        const roll = rng.next();
        const index = sent.length + batch.length;
        if (roll < 0.08) batch.push(goodOne(103, index));
        else if (roll < 0.35) batch.push(bad.bitFlipped(goodOne(103, index).bytes, false));
        else if (roll < 0.6) batch.push(bad.truncated(goodOne(103, index).bytes));
        else batch.push(bad.randomDatagram());
      }
      const before = received();
      sent.push(...batch);
      await Promise.all(
        batch.map((item) => new Promise<void>((resolve, reject) => udp.send(item.bytes, gateway.ports.udp, '127.0.0.1', (e) => (e ? reject(e) : resolve())))),
      );
      await until(`UDP batch ${i / UDP_BATCH} at the gateway`, () => received() === before + batch.length, 5000);
    }
    udp.close();

    const refused = sent.filter((item) => item.outcome.kind === 'refused');
    const goodSent = sent.filter((item) => item.outcome.kind === 'good');
    expect(refused.length).toBeGreaterThanOrEqual(100_000);
    const expectedRefusals = new Map<string, number>();
    for (const { bytes, outcome } of refused) {
      if (outcome.kind !== 'refused') continue;
      const key = refusalKey(outcome.stage, outcome.reason, Buffer.from(bytes).toString('base64'));
      expectedRefusals.set(key, (expectedRefusals.get(key) ?? 0) + 1);
    }
    const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    const byReason = (m: Map<string, number>) => {
      const out: Record<string, number> = {};
      for (const [key, n] of m) {
        const [stage, reason] = key.split('|');
        out[`${stage}/${reason}`] = (out[`${stage}/${reason}`] ?? 0) + n;
      }
      return out;
    };
    await until('every refusal and sample', () => total(refusals) >= refused.length && frames.length >= goodSent.length, 20_000).catch((e) => {
      console.info(JSON.stringify({ got: byReason(refusals), want: byReason(expectedRefusals), frames: frames.length, good: goodSent.length }));
      throw e;
    });
    await new Promise((r) => setTimeout(r, 300)); // nothing more may come

    // Counts by stage and reason, then each refusal with its bytes.
    expect(byReason(refusals)).toEqual(byReason(expectedRefusals));
    expect(total(refusals)).toBe(refused.length);
    expect(refusals).toEqual(expectedRefusals);

    // Every good packet, once, at its onboard time, with the values it decodes to alone.
    const frameOf = new Map(frames.map((f) => [`${f.satelliteId}:${f.apid}:${f.sequenceCount}`, f]));
    expect(frameOf.size).toBe(frames.length);
    expect(frames.length).toBe(goodSent.length);
    for (const { bytes, outcome } of goodSent) {
      if (outcome.kind !== 'good') continue;
      const frame = frameOf.get(`${outcome.satelliteId}:${outcome.apid}:${outcome.sequenceCount}`);
      const alone = decodePacket(mdb, bytes);
      if (!alone.ok) throw alone.error;
      expect([frame?.onboardTimeMs, frame?.values]).toEqual([alone.packet.onboardTimeMs, alone.packet.values]);
      expect(Math.abs(alone.packet.onboardTimeMs - outcome.onboardTimeMs)).toBeLessThan(0.016); // CUC fine time is 2^-16 s
    }
    const stats = processor.stats();
    expect([stats.pipeline.duplicates, stats.pipeline.repaired]).toEqual([0, 0]);
    console.info(`gateway fuzz: ${refused.length} refused (${JSON.stringify(byReason(refusals))}), ${goodSent.length} good`);
  }, 120_000);
});
