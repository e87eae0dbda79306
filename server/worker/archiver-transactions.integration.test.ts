/**
 * The archiver bounds each transaction by samples as well as by messages: a
 * sample-frame@2 message carries hundreds of frames, so 2,000 of them would
 * be millions of samples in one insert.
 */
import { describe, expect, it } from 'vitest';
import { useSuiteDatabase } from '../../db/testing/suite-database';
import { MemoryBus } from '../adapters/memory/memory-bus';
import { PostgresTelemetryStore } from '../adapters/postgres/postgres-telemetry-store';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { MAX_FRAMES_PER_MESSAGE } from '../domain/sample-frame-codec';
import { createLogger } from '../log';
import { TOPICS } from '../topics';
import { startArchiver, TRANSACTION_SAMPLES } from './archiver';
import { thermalSampleMessage } from './testing/thermal-sample-message';

const mdb = defaultMissionDatabase();
const log = createLogger({ level: 'error', namespace: 'archiver-transactions-test' });
const T0 = Date.UTC(2026, 10, 20, 6);
const suite = useSuiteDatabase();

/** The i-th message of a satellite: `frames` thermal frames, 1 s apart, 52 samples each. */
const thermalMessage = (i: number, options: { satelliteId?: number; frames?: number } = {}) => thermalSampleMessage(mdb, i, { t0Ms: T0, ...options });

describe('Archiver > transactions', () => {
  it('stores a backlog of large sample messages in transactions of at most TRANSACTION_SAMPLES samples, every sample once', async () => {
    const bus = new MemoryBus();
    const producer = await bus.producer();
    const perMessage = MAX_FRAMES_PER_MESSAGE * mdb.latestLayout(289)!.parameters.length;
    const messages = Math.ceil((2 * TRANSACTION_SAMPLES) / perMessage) + 1;
    const offsets: string[] = [];
    await bus.subscribe({ groupId: 'offsets', topics: [TOPICS.samples], fromBeginning: true, eachBatch: async (b) => void offsets.push(...b.messages.map((m) => m.offset)) });
    await producer.send(TOPICS.samples, Array.from({ length: messages }, (_, i) => thermalMessage(i)));
    const archiver = await startArchiver({ bus, store: new PostgresTelemetryStore(suite.db.pool), mdb, groupId: 'perigee-archiver', log, batchMessages: 2000 });
    try {
      const total = messages * perMessage;
      for (let waited = 0; archiver.stats().samples < total; waited += 50) {
        if (waited > 60_000) throw new Error(`stored ${archiver.stats().samples} of ${total} samples`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const perTransaction = Math.floor(TRANSACTION_SAMPLES / perMessage);
      expect(archiver.stats()).toMatchObject({ batches: Math.ceil(messages / perTransaction), messagesStored: messages, samples: total, duplicateSamples: 0 });
      const stored = await suite.db.pool.query('SELECT count(*)::int AS n, count(DISTINCT ts)::int AS times FROM samples WHERE satellite_id = 101');
      expect(stored.rows[0]).toEqual({ n: total, times: messages * MAX_FRAMES_PER_MESSAGE });
      const packets = await suite.db.pool.query('SELECT count(*)::int AS n FROM packets WHERE satellite_id = 101');
      expect(packets.rows[0].n).toBe(messages * MAX_FRAMES_PER_MESSAGE);
      const offset = await suite.db.pool.query(`SELECT "offset"::text AS o FROM consumer_offsets WHERE consumer_group = 'perigee-archiver' AND topic = $1`, [TOPICS.samples]);
      expect(offsets).toHaveLength(messages);
      expect(offset.rows).toEqual([{ o: offsets.at(-1) }]);
    } finally {
      await archiver.stop();
      await bus.close();
    }
  });

  it('stores the batches of partitions read at once in shared transactions, each partition\'s offset with its rows', async () => {
    await suite.db.pool.query('TRUNCATE samples, agg_1s, agg_1m, packets, satellites, consumer_offsets');
    const bus = new MemoryBus();
    const producer = await bus.producer();
    const satellites = [101, 102, 103, 104, 105, 106, 107, 108];
    const lastOffsets = new Map<number, string>();
    let read = 0;
    await bus.subscribe({
      groupId: 'offsets',
      topics: [TOPICS.samples],
      fromBeginning: true,
      eachBatch: async (b) => {
        lastOffsets.set(b.partition, b.messages.at(-1)!.offset);
        read += b.messages.length;
      },
    });
    // Three messages of four frames per satellite, keyed by it: spread over the topic's partitions.
    for (let i = 0; i < 3; i++) await producer.send(TOPICS.samples, satellites.map((satelliteId) => thermalMessage(i, { satelliteId, frames: 4 })));
    await waitFor(() => read === satellites.length * 3, 10_000);
    expect(lastOffsets.size).toBeGreaterThan(2);
    const archiver = await startArchiver({ bus, store: new PostgresTelemetryStore(suite.db.pool), mdb, groupId: 'shared', log, batchMessages: 2000, partitionsConcurrently: 8, transactionsConcurrently: 1 });
    try {
      const total = satellites.length * 3 * 4 * mdb.latestLayout(289)!.parameters.length;
      await waitFor(() => archiver.stats().samples >= total, 60_000);
      const stats = archiver.stats();
      expect(stats).toMatchObject({ messagesStored: satellites.length * 3, samples: total, duplicateSamples: 0 });
      // Fewer transactions than partitions: the batches that waited together went in one.
      expect(stats.batches).toBeLessThan(lastOffsets.size);
      const stored = await suite.db.pool.query('SELECT satellite_id AS id, count(*)::int AS n FROM samples GROUP BY satellite_id ORDER BY satellite_id');
      expect(stored.rows).toEqual(satellites.map((id) => ({ id, n: total / satellites.length })));
      const offsets = await suite.db.pool.query(`SELECT partition, "offset"::text AS o FROM consumer_offsets WHERE consumer_group = 'shared' ORDER BY partition`);
      expect(offsets.rows).toEqual([...lastOffsets].sort(([a], [b]) => a - b).map(([partition, o]) => ({ partition, o })));
    } finally {
      await archiver.stop();
      await bus.close();
    }
  });
});

/** Polls until `check` returns something truthy, and returns it. */
async function waitFor<T>(check: () => T | false, timeoutMs: number): Promise<T> {
  for (let waited = 0; ; waited += 20) {
    const value = check();
    if (value) return value;
    if (waited > timeoutMs) throw new Error(`not done within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
