/**
 * The pipeline on real components: simulator packets over TCP and UDP into
 * the ingest gateway, through Kafka (kafkajs against librdkafka's mock
 * cluster), processed by the processor and stored by the archiver into
 * TimescaleDB, and read back row by row.
 */
import net from 'node:net';
import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../db/testing/test-database';
import { KafkaBus } from '../adapters/kafka/kafka-bus';
import type { KafkaMockCluster } from '../adapters/kafka/testing/kafka-mock-cluster';
import { PostgresTelemetryStore } from '../adapters/postgres/postgres-telemetry-store';
import { crc16 } from '../domain/codec/crc16';
import { decodePacket } from '../domain/codec/packet-codec';
import { demoFleet } from '../domain/mission/fleet';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import type { SampleFrame } from '../domain/sample-frame';
import { readEvent } from '../contracts/event-contracts';
import type { WindowAggregate } from '../domain/stream/window-aggregate';
import { startIngestGateway, type IngestGateway } from '../ingest/gateway';
import { createLogger } from '../log';
import { FleetSimulator, type SimPacket } from '../sim/fleet-simulator';
import { TOPICS } from '../topics';
import { loadConfig } from '../config';
import { startArchiver, type Archiver } from './archiver';
import { startProcessor, type Processor } from './processor';
import { samplesOf, useDatabaseAndKafka } from './testing/database-and-kafka';

const mdb = defaultMissionDatabase();
const log = createLogger({ level: 'error', namespace: 'pipeline-test' });
/** Telemetry in these tests was sampled this long before it reaches the gateway (a consistent clock offset). */
const AGE_MS = 120_000;
const recentStart = () => Math.floor((Date.now() - AGE_MS) / 1000) * 1000;
/** Start of the first test's telemetry: later tests continue after it, so no packet repeats an earlier one's identity. */
let firstStartMs = 0;

// The database and the cluster stop after this file's own afterAll (after-hooks run in reverse order).
const databaseAndKafka = useDatabaseAndKafka();
let db: TestDatabase;
let cluster: KafkaMockCluster;
let bus: KafkaBus;
let gateway: IngestGateway;
let archiver: Archiver;
let processor: Processor;
const frames: SampleFrame[] = [];
/** The schema header of every message on telemetry.samples. */
const sampleSchemas = new Set<string | undefined>();
/** What the processor published on telemetry.aggregates. */
const aggregates: WindowAggregate[] = [];

beforeAll(async () => {
  ({ db, cluster } = databaseAndKafka);
  bus = new KafkaBus({ brokers: cluster.brokers, clientId: 'pipeline-test', log });
  gateway = await startIngestGateway({ host: '127.0.0.1', tcpPort: 0, udpPort: 0, eventsPort: 0, bus, mdb, log });
  archiver = await startArchiver({ bus, store: new PostgresTelemetryStore(db.pool), mdb, groupId: 'perigee-archiver-test', log });
  // The processor knows the satellites' clock offset, as a mission's time correlation does: their first
  // packets are judged against it however few of them its first fetches bring.
  const clockOffsets = demoFleet(3).satellites.map((s) => `${s.id}:${AGE_MS}`).join(',');
  processor = await startProcessor({ bus, mdb, fleet: demoFleet(3), groupId: 'perigee-processor-test', stream: loadConfig({ SATELLITE_CLOCK_OFFSETS_MS: clockOffsets }).stream, log });
  await bus.subscribe({
    groupId: 'perigee-live-test',
    topics: [TOPICS.samples, TOPICS.aggregates],
    fromBeginning: true,
    eachBatch: async (batch) => {
      for (const m of batch.messages) {
        if (batch.topic === TOPICS.aggregates) {
          const read = readEvent('window-aggregate', m);
          if (!read.ok) throw new Error(read.detail);
          aggregates.push(...read.value);
          continue;
        }
        sampleSchemas.add(m.headers['perigee-schema']);
        const read = readEvent('sample-frame', m);
        if (!read.ok) throw new Error(read.detail);
        frames.push(...read.value);
      }
    },
  });
}, 120_000);

afterAll(async () => {
  await gateway?.close();
  await processor?.stop();
  await archiver?.stop();
  await bus?.close();
});

async function waitFor<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: last ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function sendTcp(port: number, payload: Buffer): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(payload, () => resolve()));
    socket.on('error', reject);
  });
}

async function sendUdp(port: number, datagrams: Uint8Array[]): Promise<void> {
  const socket = dgram.createSocket('udp4');
  for (const d of datagrams) await new Promise<void>((resolve, reject) => socket.send(d, port, '127.0.0.1', (e) => (e ? reject(e) : resolve())));
  socket.close();
}

describe('Pipeline > gateway → Kafka → processor → archiver → TimescaleDB', () => {
  let good: SimPacket[];

  it('archives every simulator packet as raw packet, samples and 1 s aggregates with the decoded values', async () => {
    const startMs = recentStart();
    firstStartMs = startMs;
    const sim = new FleetSimulator({ mdb, fleet: demoFleet(2), seed: 7, startTimeMs: startMs });
    const { packets } = sim.advance(startMs + 3000);
    good = packets;
    // 2 satellites × 3 s × (10 attitude + 5 power + 4 thermal blocks) per second
    expect(packets).toHaveLength(2 * 3 * 19);
    const tcp = packets.filter((_, i) => i % 4 !== 0);
    const udp = packets.filter((_, i) => i % 4 === 0);
    await sendTcp(gateway.ports.tcp, Buffer.concat(tcp.map((p) => p.bytes)));
    await sendUdp(gateway.ports.udp, udp.map((p) => p.bytes));

    const expectedSamples = samplesOf(mdb, packets);
    await waitFor('samples', async () => Number((await db.pool.query('SELECT count(*) AS n FROM samples')).rows[0].n), (n) => n >= expectedSamples);

    const raw = await db.pool.query('SELECT satellite_id, apid, sequence_count, topic, packet FROM raw_packets');
    expect(raw.rows).toHaveLength(packets.length);
    const stored = new Set(raw.rows.map((r) => Buffer.from(r.packet).toString('hex')));
    expect(packets.every((p) => stored.has(Buffer.from(p.bytes).toString('hex')))).toBe(true);
    const topicOf = Object.fromEntries(raw.rows.map((r) => [`${r.satellite_id}:${r.apid}:${r.sequence_count}`, r.topic]));
    expect(topicOf[`101:256:0`]).toBe(TOPICS.rawAttitude);
    expect(topicOf[`102:272:0`]).toBe(TOPICS.rawPower);
    expect(topicOf[`101:289:0`]).toBe(TOPICS.rawThermal);

    const samples = await db.pool.query('SELECT count(*)::int AS n FROM samples');
    expect(samples.rows[0].n).toBe(expectedSamples);

    // One packet, value by value: what the decoder reads from its bytes is what the archive holds.
    const power = packets.find((p) => p.apid === 272 && p.satelliteId === 102)!;
    const decoded = decodePacket(mdb, power.bytes);
    if (!decoded.ok) throw decoded.error;
    const rows = await db.pool.query(
      `SELECT parameter_id, value, raw_value, (extract(epoch FROM ts) * 1000)::float8 AS ms
         FROM samples WHERE satellite_id = 102 AND ts = to_timestamp($1 / 1000.0) AND parameter_id BETWEEN 100 AND 110
        ORDER BY parameter_id`,
      [decoded.packet.onboardTimeMs],
    );
    expect(rows.rows.map((r) => r.parameter_id)).toEqual(decoded.packet.layout.parameters.map((p) => p.id));
    expect(rows.rows.map((r) => r.value)).toEqual(decoded.packet.values);
    expect(rows.rows.map((r) => r.raw_value)).toEqual(decoded.packet.raw);
    expect(rows.rows.every((r) => Math.abs(r.ms - decoded.packet.onboardTimeMs) < 0.001)).toBe(true);

    // Gold tier: the attitude q0 of satellite 101 has 10 samples in each whole second.
    const agg = await db.pool.query(
      `SELECT count, min, max, sum FROM agg_1s WHERE satellite_id = 101 AND parameter_id = 2 ORDER BY bucket`,
    );
    const q0 = packets
      .filter((p) => p.satelliteId === 101 && p.apid === 256)
      .map((p) => decodePacket(mdb, p.bytes))
      .flatMap((r) => (r.ok ? [r.packet] : []));
    const bySecond = new Map<number, number[]>();
    for (const p of q0) {
      const second = Math.floor(p.onboardTimeMs / 1000);
      bySecond.set(second, [...(bySecond.get(second) ?? []), p.values[1]!]);
    }
    expect(agg.rows.map((r) => r.count)).toEqual([...bySecond.values()].map((v) => v.length));
    expect(agg.rows.map((r) => r.min)).toEqual([...bySecond.values()].map((v) => Math.min(...v)));
    expect(agg.rows.map((r) => r.max)).toEqual([...bySecond.values()].map((v) => Math.max(...v)));

    // The 1 s aggregates the processor published for windows it closed hold what the archive's 1 s tier holds:
    // a window's last emission (a late one when UDP overtook TCP) is the whole window. Read until the
    // live reader has caught up with the processor's last emissions.
    const tier = await db.pool.query(
      `SELECT (extract(epoch FROM bucket) * 1000)::float8 AS ms, count, min, max, sum FROM agg_1s WHERE satellite_id = 101 AND parameter_id = 2`,
    );
    const tierAt = new Map(tier.rows.map((r) => [r.ms, [r.count, r.min, r.max, Math.round(r.sum * 1e6) / 1e6]]));
    const compared = await waitFor(
      'published aggregates equal to the stored tier',
      async () => {
        const last = new Map(aggregates.filter((a) => a.satelliteId === 101 && a.parameterId === 2 && a.windowMs === 1000 && a.mode === 'replace').map((a) => [a.windowStartMs, a]));
        return [...last].map(([ms, a]) => ({ ms, published: [a.count, a.min, a.max, Math.round(a.sum * 1e6) / 1e6], stored: tierAt.get(ms) }));
      },
      (list) => list.length > 0 && list.every((w) => JSON.stringify(w.published) === JSON.stringify(w.stored)),
    );
    for (const w of compared) expect(w.published).toEqual(w.stored);

    const satellites = await db.pool.query('SELECT id FROM satellites ORDER BY id');
    expect(satellites.rows.map((r) => r.id)).toEqual([101, 102]);

    // The live feed got one frame per packet, calibrated.
    await waitFor('frames', async () => frames.length, (n) => n >= packets.length);
    const frame = frames.find((f) => f.satelliteId === 102 && f.apid === 272 && f.sequenceCount === power.sequenceCount)!;
    expect(frame.subsystem).toBe('power');
    expect(frame.values).toEqual(decoded.packet.values);
    // Every message names its contract and version: the binary one, a satellite's frames together.
    expect([...sampleSchemas]).toEqual(['sample-frame@2']);
  });

  it('quarantines corrupt, unknown and malformed input with its reason and bytes, and loses nothing around it', async () => {
    // Same satellite, fresh sequence counts, 5 s after the first test's data: a (satellite, APID,
    // sequence, onboard time) that repeated the first test's would rightly be dropped as a retransmit.
    const startMs = firstStartMs + 5000;
    const sim = new FleetSimulator({ mdb, fleet: demoFleet(1), seed: 11, startTimeMs: startMs });
    const neighbours = sim.advance(startMs + 200).packets;
    expect(neighbours.length).toBeGreaterThanOrEqual(3);
    const corrupt = Uint8Array.from(neighbours[1]!.bytes);
    corrupt[20]! ^= 0x10;
    const unknownApid = Uint8Array.from(neighbours[0]!.bytes);
    unknownApid[1] = 0x55; // APID 0x155 = 341, not in the mission database, with a valid CRC
    new DataView(unknownApid.buffer).setUint16(unknownApid.length - 2, crc16(unknownApid, 0, unknownApid.length - 2));
    const before = Number((await db.pool.query('SELECT count(*) AS n FROM raw_packets')).rows[0].n);
    const sentAtMs = Date.now();
    await sendTcp(gateway.ports.tcp, Buffer.concat([neighbours[0]!.bytes, corrupt, neighbours[2]!.bytes]));
    await sendUdp(gateway.ports.udp, [unknownApid, Uint8Array.from([1, 2, 3])]);
    await sendTcp(gateway.ports.events, Buffer.from('{"type":"aos","satelliteId":"x"}\nnot json\n'));

    const reasons = await waitFor(
      'quarantine rows',
      async () => (await db.pool.query('SELECT reason, detail, payload, apid FROM quarantine ORDER BY reason, detail')).rows,
      (rows) => rows.length >= 5,
    );
    expect(reasons.map((r) => r.reason)).toEqual(['bad-event', 'bad-event', 'crc-mismatch', 'truncated', 'unknown-apid']);
    const crc = reasons.find((r) => r.reason === 'crc-mismatch')!;
    expect(Buffer.from(crc.payload).equals(Buffer.from(corrupt))).toBe(true);
    expect(crc.apid).toBe(neighbours[1]!.apid);
    expect(reasons.find((r) => r.reason === 'unknown-apid')!.detail).toMatch(/APID 341 is not in the mission database/);
    expect(reasons.filter((r) => r.reason === 'bad-event').map((r) => r.detail).join('\n')).toMatch(/satelliteId/);
    // Bronze keeps all three packets as received; silver holds the good ones on either side of the corrupt one.
    await waitFor('neighbours', async () => Number((await db.pool.query('SELECT count(*) AS n FROM raw_packets')).rows[0].n), (n) => n >= before + 3);
    const after = Number((await db.pool.query('SELECT count(*) AS n FROM raw_packets')).rows[0].n);
    expect(after).toBe(before + 3);
    // Silver comes from telemetry.samples, archived at its own pace: wait for it as for bronze.
    const silver = await waitFor(
      'silver neighbours',
      async () => (await db.pool.query('SELECT apid, sequence_count FROM packets WHERE arrived_at >= to_timestamp($1 / 1000.0)', [sentAtMs])).rows,
      (rows) => rows.length >= 2,
    );
    expect(silver.map((r) => `${r.apid}:${r.sequence_count}`).sort()).toEqual(
      [neighbours[0]!, neighbours[2]!].map((p) => `${p.apid}:${p.sequenceCount}`).sort(),
    );
    expect(processor.stats().pipeline.quarantinedByReason['crc-mismatch']).toBe(1);
    expect(good.length).toBeGreaterThan(0);
  });
});
