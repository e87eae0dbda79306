/**
 * Packet-definition evolution end to end: two satellites stream power
 * telemetry through the ingest gateway, Kafka (kafkajs against librdkafka's
 * mock cluster), the processor and the archiver into TimescaleDB — one on
 * power v2 throughout, the other on v1 until a firmware upload switches it
 * to v2 mid-stream. Every packet must be decoded with its own definition
 * version and stored with exactly the samples it carries; history, lineage
 * and the aggregates must show the new parameter from its first sample on.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../db/testing/test-database';
import { KafkaBus } from '../adapters/kafka/kafka-bus';
import type { KafkaMockCluster } from '../adapters/kafka/testing/kafka-mock-cluster';
import { PostgresTelemetryStore } from '../adapters/postgres/postgres-telemetry-store';
import { loadConfig } from '../config';
import { parameterSampleRatesHz, secondTierParameterIds } from '../domain/aggregation/series-tier';
import { decodePacket, type DecodedPacket } from '../domain/codec/packet-codec';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { demoFleet } from '../domain/mission/fleet';
import { startIngestGateway, type IngestGateway } from '../ingest/gateway';
import { createLogger } from '../log';
import { lineageResponse, parseLineageQuery } from '../realtime/lineage-query';
import { FleetSimulator, type SimPacket } from '../sim/fleet-simulator';
import { powerVersionRules } from '../sim/packet-versions';
import { startArchiver, type Archiver } from './archiver';
import { startProcessor, type Processor } from './processor';
import { useDatabaseAndKafka } from './testing/database-and-kafka';

const mdb = defaultMissionDatabase();
const fleet = demoFleet(2);
const log = createLogger({ level: 'error', namespace: 'power-versions-test' });
const ARRAY_POWER = mdb.parameter('power.solar_array_power')!.id;
const V1_IDS = mdb.packetLayout(272, 1)!.parameters.map((p) => p.id);
/** Telemetry sampled this long before it reaches the gateway (a steady clock offset the processor learns). */
const AGE_MS = 120_000;
const SPAN_MS = 8_000;
const UPGRADE_AFTER_MS = 4_000;

// The database and the cluster stop after this file's own afterAll (after-hooks run in reverse order).
const databaseAndKafka = useDatabaseAndKafka();
let db: TestDatabase;
let cluster: KafkaMockCluster;
let bus: KafkaBus;
let gateway: IngestGateway;
let processor: Processor;
let archiver: Archiver;
let store: PostgresTelemetryStore;
let startMs: number;
let upgradeAtMs: number;
let packets: SimPacket[];
/** Every power packet the simulator produced, decoded from its own bytes. */
let power: DecodedPacket[];

async function waitFor<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: last ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const count = async (sql: string, params: unknown[] = []) => Number((await db.pool.query(sql, params)).rows[0].n);

beforeAll(async () => {
  ({ db, cluster } = databaseAndKafka);
  bus = new KafkaBus({ brokers: cluster.brokers, clientId: 'power-versions-test', log });
  gateway = await startIngestGateway({ host: '127.0.0.1', tcpPort: 0, udpPort: 0, eventsPort: 0, bus, mdb, log });
  const tiers = { secondTierParameterIds: secondTierParameterIds(mdb), sampleRatesHz: parameterSampleRatesHz(mdb) };
  store = new PostgresTelemetryStore(db.pool, tiers);
  archiver = await startArchiver({ bus, store, mdb, groupId: 'perigee-archiver-test', log });
  // Sampled AGE_MS before arrival, a clock offset the processor knows (see the pipeline test).
  const clockOffsets = fleet.satellites.map((s) => `${s.id}:${AGE_MS}`).join(',');
  processor = await startProcessor({ bus, mdb, fleet, groupId: 'perigee-processor-test', stream: loadConfig({ SATELLITE_CLOCK_OFFSETS_MS: clockOffsets }).stream, log });

  startMs = Math.floor((Date.now() - AGE_MS) / 1000) * 1000;
  upgradeAtMs = startMs + UPGRADE_AFTER_MS;
  // PERIGEE-1 on v2 throughout; PERIGEE-2 on v1 until its firmware upload.
  const sim = new FleetSimulator({ mdb, fleet, seed: 21, startTimeMs: startMs, packetVersions: powerVersionRules(fleet, { emit: 'mixed', upgradeAtMs }) });
  packets = sim.advance(startMs + SPAN_MS).packets;
  power = packets.filter((p) => p.apid === 272).map((p) => {
    const result = decodePacket(mdb, p.bytes);
    if (!result.ok) throw result.error;
    return result.packet;
  });
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect(gateway.ports.tcp, '127.0.0.1', () => socket.end(Buffer.concat(packets.map((p) => p.bytes)), () => resolve()));
    socket.on('error', reject);
  });
  const expectedSamples = packets.reduce((n, p) => {
    const result = decodePacket(mdb, p.bytes);
    return n + (result.ok ? result.packet.values.length : 0);
  }, 0);
  await waitFor('samples', () => count('SELECT count(*) AS n FROM samples'), (n) => n >= expectedSamples);
}, 180_000);

afterAll(async () => {
  await gateway?.close();
  await processor?.stop();
  await archiver?.stop();
  await bus?.close();
});

describe('Packet versions > power v1 and v2 through Kafka into TimescaleDB', () => {
  it('stores every packet once, quarantines nothing, and keeps each packet’s definition version in bronze', async () => {
    expect(await count('SELECT count(*) AS n FROM raw_packets')).toBe(packets.length);
    expect(await count('SELECT count(*) AS n FROM quarantine')).toBe(0);
    const versions = await db.pool.query(
      `SELECT satellite_id, get_byte(packet, 14) AS version, count(*)::int AS n FROM raw_packets WHERE apid = 272 GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    // 5 Hz over 8 s: 40 packets each; PERIGEE-2's v1 ones at 200 … 3 800 ms, v2 from the upload at 4 000 ms.
    expect(versions.rows).toEqual([
      { satellite_id: 101, version: 2, n: 40 },
      { satellite_id: 102, version: 1, n: 19 },
      { satellite_id: 102, version: 2, n: 21 },
    ]);
  });

  it('stores exactly the samples each version carries: per parameter and per definition version', async () => {
    const perParameter = await db.pool.query(
      `SELECT satellite_id, parameter_id, count(*)::int AS n FROM samples WHERE parameter_id BETWEEN 100 AND 110 GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const expected = [101, 102].flatMap((satelliteId) =>
      [...V1_IDS, ARRAY_POWER].map((parameterId) => ({ satellite_id: satelliteId, parameter_id: parameterId, n: satelliteId === 102 && parameterId === ARRAY_POWER ? 21 : 40 })),
    );
    expect(perParameter.rows).toEqual(expected);

    // Each power sample joined to the packet it came from and that packet's bytes as received.
    const perVersion = await db.pool.query(
      `SELECT get_byte(r.packet, 14) AS version, count(*)::int AS samples, count(DISTINCT (p.satellite_id, p.ts))::int AS packets,
              count(*) FILTER (WHERE s.parameter_id = $1)::int AS array_power
         FROM samples s
         JOIN packets p ON p.satellite_id = s.satellite_id AND p.ts = s.ts AND p.apid = 272
         JOIN raw_packets r ON r.topic = p.source_topic AND r.partition = p.source_partition AND r."offset" = p.source_offset
        WHERE s.parameter_id BETWEEN 100 AND 110
        GROUP BY 1 ORDER BY 1`,
      [ARRAY_POWER],
    );
    expect(perVersion.rows).toEqual([
      { version: 1, samples: 19 * 10, packets: 19, array_power: 0 },
      { version: 2, samples: 61 * 11, packets: 61, array_power: 61 },
    ]);
  });

  it('holds the solar array power values the simulator produced, from the upload on, and nothing before it', async () => {
    const rows = await db.pool.query(
      `SELECT (extract(epoch FROM ts) * 1000)::float8 AS ms, value, raw_value FROM samples WHERE satellite_id = 102 AND parameter_id = $1 ORDER BY ts`,
      [ARRAY_POWER],
    );
    const produced = power.filter((p) => p.satelliteId === 102 && p.layout.version === 2);
    expect(rows.rows.map((r) => r.ms)).toEqual(produced.map((p) => p.onboardTimeMs));
    expect(rows.rows[0].ms).toBe(upgradeAtMs);
    expect(rows.rows.map((r) => r.value)).toEqual(produced.map((p) => p.values[10]));
    expect(rows.rows.map((r) => r.raw_value)).toEqual(produced.map((p) => p.raw[10]));
    // The values are what the power model says: the measured wing currents times the measured voltage.
    for (const p of produced) {
      const wingsA = p.values[4]! + p.values[5]! + p.values[6]! + p.values[7]!;
      expect(Math.abs(p.values[10]! - wingsA * p.values[0]!)).toBeLessThan(0.1);
    }
    // The shared fields of PERIGEE-2 run on across the upload: one voltage sample every 200 ms.
    const voltage = await db.pool.query(`SELECT (extract(epoch FROM ts) * 1000)::float8 AS ms FROM samples WHERE satellite_id = 102 AND parameter_id = 100 ORDER BY ts`);
    expect(voltage.rows.map((r) => r.ms)).toEqual(power.filter((p) => p.satelliteId === 102).map((p) => p.onboardTimeMs));
    // (Onboard times are CUC fine ticks of 2^-16 s, kept to the microsecond: 200 ms steps within a microsecond.)
    expect(voltage.rows.map((r) => Math.round(r.ms))).toEqual(Array.from({ length: 40 }, (_, i) => startMs + 200 * (i + 1)));
  });

  it('answers history over the switch with the new series starting at its first sample, and no points in an old-only window', async () => {
    const window = { satelliteId: 102, parameterIds: [100, ARRAY_POWER], fromMs: startMs, toMs: startMs + SPAN_MS };
    const spanning = await store.getSeries(window);
    expect(spanning.tier).toBe('raw');
    const [voltage, arrayPower] = spanning.series;
    expect(voltage!.timesMs).toHaveLength(40);
    expect(arrayPower!.parameterId).toBe(ARRAY_POWER);
    expect(arrayPower!.timesMs).toHaveLength(21);
    expect(arrayPower!.timesMs[0]).toBe(upgradeAtMs);
    expect(arrayPower!.values).toEqual(power.filter((p) => p.satelliteId === 102 && p.layout.version === 2).map((p) => p.values[10]));
    // Before the upload the series is empty: a gap, not zeros.
    const oldOnly = await store.getSeries({ ...window, toMs: upgradeAtMs - 1 });
    expect(oldOnly.series.map((s) => [s.parameterId, s.timesMs.length])).toEqual([
      [100, 19],
      [ARRAY_POWER, 0],
    ]);
    // The 1 s tier starts at the upload's second as well, each bucket with the five samples of its second.
    const buckets = await db.pool.query(
      `SELECT (extract(epoch FROM bucket) * 1000)::float8 AS ms, count FROM agg_1s WHERE satellite_id = 102 AND parameter_id = $1 ORDER BY bucket`,
      [ARRAY_POWER],
    );
    expect(buckets.rows.map((r) => r.ms)).toEqual([4, 5, 6, 7, 8].map((s) => startMs + s * 1000));
    expect(buckets.rows.map((r) => r.count)).toEqual([5, 5, 5, 5, 1]);
  });

  it('reports the definition version of each sample’s packet in its lineage', async () => {
    const lineage = async (parameterId: number, timeMs: number) => {
      const parsed = parseLineageQuery('102', new URLSearchParams({ parameter: String(parameterId), time: String(timeMs) }), mdb);
      if (!parsed.ok) throw new Error(parsed.error);
      const row = await store.sampleLineage(parsed.query);
      if (!row) throw new Error(`no lineage for ${parameterId} at ${timeMs}`);
      return lineageResponse(mdb, parameterId, row);
    };
    const lastV1 = power.filter((p) => p.satelliteId === 102 && p.layout.version === 1).at(-1)!;
    expect(Math.round(lastV1.onboardTimeMs)).toBe(upgradeAtMs - 200);
    const before = await lineage(100, lastV1.onboardTimeMs);
    const after = await lineage(100, upgradeAtMs);
    const added = await lineage(ARRAY_POWER, upgradeAtMs);
    expect([before.raw?.definitionVersion, before.raw?.bytes]).toEqual([1, 37]);
    expect([after.raw?.definitionVersion, after.raw?.bytes]).toEqual([2, 39]);
    expect(added.raw?.definitionVersion).toBe(2);
    expect(added.sample.value).toBe(power.find((p) => p.satelliteId === 102 && p.onboardTimeMs === upgradeAtMs)!.values[10]);
  });
});
