/**
 * The archiver bounds each transaction by samples as well as by messages: a
 * sample-frame@2 message carries hundreds of frames, so 2,000 of them would
 * be millions of samples in one insert.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../db/testing/test-database';
import { MemoryBus } from '../adapters/memory/memory-bus';
import { PostgresTelemetryStore } from '../adapters/postgres/postgres-telemetry-store';
import { contractHeader } from '../contracts/event-contracts';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import type { SampleFrame } from '../domain/sample-frame';
import { encodeSampleFrames, MAX_FRAMES_PER_MESSAGE } from '../domain/sample-frame-codec';
import { createLogger } from '../log';
import { TOPICS } from '../topics';
import { startArchiver, TRANSACTION_SAMPLES } from './archiver';

const mdb = defaultMissionDatabase();
const log = createLogger({ level: 'error', namespace: 'archiver-transactions-test' });
const T0 = Date.UTC(2026, 10, 20, 6);
let db: TestDatabase;

beforeAll(async () => {
  db = await startTestDatabase();
}, 120_000);

afterAll(async () => {
  await db?.stop();
});

/** The i-th message: MAX_FRAMES_PER_MESSAGE thermal frames of satellite 101, 1 s apart, 52 samples each. */
function thermalMessage(i: number) {
  const layout = mdb.latestLayout(289)!;
  const ids = layout.parameters.map((p) => p.id);
  const frames: SampleFrame[] = Array.from({ length: MAX_FRAMES_PER_MESSAGE }, (_, k) => {
    const n = i * MAX_FRAMES_PER_MESSAGE + k;
    return {
      satelliteId: 101,
      subsystem: 'thermal',
      apid: 289,
      sequenceCount: n % 0x4000,
      onboardTimeMs: T0 + n * 1000,
      arrivalMs: T0 + n * 1000 + 40,
      parameterIds: ids,
      values: ids.map((id) => 20 + ((id + n) % 50) / 4),
      rawValues: ids.map((id) => 2000 + id + n),
      source: { topic: TOPICS.rawThermal, partition: 0, offset: String(n) },
      context: { mode: 'NOMINAL', orbit: null, calibrationVersion: mdb.version },
    };
  });
  return { key: '101', value: encodeSampleFrames(frames), headers: contractHeader('sample-frame') };
}

describe('Archiver > transactions', () => {
  it('stores a backlog of large sample messages in transactions of at most TRANSACTION_SAMPLES samples, every sample once', async () => {
    const bus = new MemoryBus();
    const producer = await bus.producer();
    const perMessage = MAX_FRAMES_PER_MESSAGE * mdb.latestLayout(289)!.parameters.length;
    const messages = Math.ceil((2 * TRANSACTION_SAMPLES) / perMessage) + 1;
    const offsets: string[] = [];
    await bus.subscribe({ groupId: 'offsets', topics: [TOPICS.samples], fromBeginning: true, eachBatch: async (b) => void offsets.push(...b.messages.map((m) => m.offset)) });
    await producer.send(TOPICS.samples, Array.from({ length: messages }, (_, i) => thermalMessage(i)));
    const archiver = await startArchiver({ bus, store: new PostgresTelemetryStore(db.pool), mdb, groupId: 'perigee-archiver', log, batchMessages: 2000 });
    try {
      const total = messages * perMessage;
      for (let waited = 0; archiver.stats().samples < total; waited += 50) {
        if (waited > 60_000) throw new Error(`stored ${archiver.stats().samples} of ${total} samples`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const perTransaction = Math.floor(TRANSACTION_SAMPLES / perMessage);
      expect(archiver.stats()).toMatchObject({ batches: Math.ceil(messages / perTransaction), messagesStored: messages, samples: total, duplicateSamples: 0 });
      const stored = await db.pool.query('SELECT count(*)::int AS n, count(DISTINCT ts)::int AS times FROM samples WHERE satellite_id = 101');
      expect(stored.rows[0]).toEqual({ n: total, times: messages * MAX_FRAMES_PER_MESSAGE });
      const packets = await db.pool.query('SELECT count(*)::int AS n FROM packets WHERE satellite_id = 101');
      expect(packets.rows[0].n).toBe(messages * MAX_FRAMES_PER_MESSAGE);
      const offset = await db.pool.query(`SELECT "offset"::text AS o FROM consumer_offsets WHERE consumer_group = 'perigee-archiver' AND topic = $1`, [TOPICS.samples]);
      expect(offsets).toHaveLength(messages);
      expect(offset.rows).toEqual([{ o: offsets.at(-1) }]);
    } finally {
      await archiver.stop();
      await bus.close();
    }
  });
});
