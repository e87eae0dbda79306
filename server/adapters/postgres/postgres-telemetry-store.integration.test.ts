import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../errors';
import type { ArchiveBatch, ArchivedMessage, SampleRecord } from '../../ports/telemetry-store';
import { createPool } from '../../../db/pool';
import { startTestDatabase, type TestDatabase } from '../../../db/testing/test-database';
import { PostgresTelemetryStore } from './postgres-telemetry-store';
import { sampleColumns } from '../../ports/sample-columns';

/** 2026-01-01T00:00:00Z, epoch ms. */
const T0 = Date.UTC(2026, 0, 1);
const GROUP = 'perigee-worker';
const TOPIC = 'telemetry.raw.power';

let db: TestDatabase;
let store: PostgresTelemetryStore;

beforeAll(async () => {
  db = await startTestDatabase();
  store = new PostgresTelemetryStore(db.pool);
});
afterAll(() => db?.stop());

beforeEach(async () => {
  await db.pool.query(
    'TRUNCATE raw_packets, samples, agg_1s, quarantine, ground_station_events, satellites, consumer_offsets',
  );
});

function sample(timeMs: number, value: number, parameterId = 100, satelliteId = 101): SampleRecord {
  return { timeMs, satelliteId, parameterId, value, rawValue: value * 10, quality: 0 };
}

function batch(messages: ArchivedMessage[], partition = 0): ArchiveBatch {
  return { consumerGroup: GROUP, topic: TOPIC, partition, messages };
}

/** Stored rows with times as epoch ms (microsecond fractions kept), in a stable order. */
async function storedSamples() {
  const { rows } = await db.pool.query(
    `SELECT (extract(epoch FROM ts) * 1000)::float8 AS "timeMs", satellite_id AS "satelliteId", parameter_id AS "parameterId",
            value, raw_value AS "rawValue", quality
       FROM samples ORDER BY ts, parameter_id`,
  );
  return rows;
}

async function storedAggregates() {
  const { rows } = await db.pool.query(
    `SELECT (extract(epoch FROM bucket) * 1000)::float8 AS "bucketMs", satellite_id AS "satelliteId", parameter_id AS "parameterId",
            min, max, sum, count, last, (extract(epoch FROM last_ts) * 1000)::float8 AS "lastMs"
       FROM agg_1s ORDER BY satellite_id, parameter_id, bucket`,
  );
  return rows;
}

async function storedOffset(partition = 0): Promise<string | undefined> {
  const { rows } = await db.pool.query(
    'SELECT "offset" FROM consumer_offsets WHERE consumer_group = $1 AND topic = $2 AND partition = $3',
    [GROUP, TOPIC, partition],
  );
  return rows[0]?.offset;
}

async function count(table: string): Promise<number> {
  const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0].n;
}

const packet = Uint8Array.from([0x08, 0x10, 0xc0, 0x07, 0x00, 0x03, 0xde, 0xad, 0xbe, 0xef]);

/** Three messages: a decoded packet, a quarantined one, a ground-station event. */
function mixedBatch(): ArchiveBatch {
  return batch([
    {
      offset: '10',
      rawPacket: {
        receivedAtMs: T0 + 250.5,
        satelliteId: 101,
        apid: 272,
        sequenceCount: 16383,
        onboardTimeMs: T0 + 200.125,
        groundStation: 'svalbard',
        packet,
      },
      samples: sampleColumns([
        { ...sample(T0 + 200.125, 3.3000000000000003, 100), rawValue: 4095 },
        { ...sample(T0 + 200.125, -0.000123456789, 101), rawValue: -1, quality: 4 },
        { ...sample(T0 + 200.126, 1e300, 102), rawValue: 65535.5 },
      ]),
    },
    {
      offset: '11',
      rawPacket: { receivedAtMs: T0 + 300, satelliteId: 101, apid: 272, sequenceCount: 0, onboardTimeMs: Number.NaN, groundStation: null, packet },
      quarantine: {
        receivedAtMs: T0 + 300,
        reason: 'crc-mismatch',
        detail: 'CRC 0x1234 expected 0xbeef',
        payload: packet,
        satelliteId: 101,
        apid: 272,
      },
    },
    {
      offset: '12',
      groundStationEvent: {
        type: 'signal',
        satelliteId: 102,
        station: 'svalbard',
        timeMs: T0 + 5_000,
        passId: `svalbard:102:${T0}`,
        elevationDeg: 12.5,
        rangeKm: 1830.25,
        ebN0Db: 9.75,
        locked: true,
      },
    },
  ]);
}

describe('Adapters > PostgresTelemetryStore', () => {
  describe('#archiveBatch', () => {
    it('stores exactly the rows given, to the microsecond', async () => {
      const result = await store.archiveBatch(mixedBatch());

      expect(result).toEqual({ storedMessages: 3, skippedMessages: 0, samples: 3, duplicateSamples: 0, logReset: false });
      expect(await storedSamples()).toEqual([
        { timeMs: T0 + 200.125, satelliteId: 101, parameterId: 100, value: 3.3000000000000003, rawValue: 4095, quality: 0 },
        { timeMs: T0 + 200.125, satelliteId: 101, parameterId: 101, value: -0.000123456789, rawValue: -1, quality: 4 },
        { timeMs: T0 + 200.126, satelliteId: 101, parameterId: 102, value: 1e300, rawValue: 65535.5, quality: 0 },
      ]);
      const raw = await db.pool.query(
        `SELECT (extract(epoch FROM received_at) * 1000)::float8 AS received, satellite_id, apid, sequence_count,
                (extract(epoch FROM onboard_time) * 1000)::float8 AS onboard, topic, partition, "offset", ground_station, packet
           FROM raw_packets ORDER BY "offset"`,
      );
      expect(raw.rows).toEqual([
        {
          received: T0 + 250.5, satellite_id: 101, apid: 272, sequence_count: 16383, onboard: T0 + 200.125,
          topic: TOPIC, partition: 0, offset: '10', ground_station: 'svalbard', packet: Buffer.from(packet),
        },
        {
          received: T0 + 300, satellite_id: 101, apid: 272, sequence_count: 0, onboard: null,
          topic: TOPIC, partition: 0, offset: '11', ground_station: null, packet: Buffer.from(packet),
        },
      ]);
      const quarantine = await db.pool.query(
        `SELECT (extract(epoch FROM received_at) * 1000)::float8 AS received, reason, detail, topic, partition, "offset", satellite_id, apid, payload
           FROM quarantine`,
      );
      expect(quarantine.rows).toEqual([
        {
          received: T0 + 300, reason: 'crc-mismatch', detail: 'CRC 0x1234 expected 0xbeef', topic: TOPIC, partition: 0,
          offset: '11', satellite_id: 101, apid: 272, payload: Buffer.from(packet),
        },
      ]);
      const events = await db.pool.query(
        `SELECT (extract(epoch FROM time) * 1000)::float8 AS time, satellite_id, station, type, pass_id, payload, topic, partition, "offset"
           FROM ground_station_events`,
      );
      expect(events.rows).toEqual([
        {
          time: T0 + 5_000, satellite_id: 102, station: 'svalbard', type: 'signal', pass_id: `svalbard:102:${T0}`,
          payload: mixedBatch().messages[2]!.groundStationEvent, topic: TOPIC, partition: 0, offset: '12',
        },
      ]);
      expect(await storedAggregates()).toEqual([
        { bucketMs: T0, satelliteId: 101, parameterId: 100, min: 3.3000000000000003, max: 3.3000000000000003, sum: 3.3000000000000003, count: 1, last: 3.3000000000000003, lastMs: T0 + 200.125 },
        { bucketMs: T0, satelliteId: 101, parameterId: 101, min: -0.000123456789, max: -0.000123456789, sum: -0.000123456789, count: 1, last: -0.000123456789, lastMs: T0 + 200.125 },
        { bucketMs: T0, satelliteId: 101, parameterId: 102, min: 1e300, max: 1e300, sum: 1e300, count: 1, last: 1e300, lastMs: T0 + 200.126 },
      ]);
      expect(await storedOffset()).toBe('12');
      expect(await store.listSatellites()).toEqual([
        { satelliteId: 101, firstSeenMs: T0 + 200.125, lastSeenMs: T0 + 200.126 },
        { satelliteId: 102, firstSeenMs: T0 + 5_000, lastSeenMs: T0 + 5_000 },
      ]);
    });

    it('stores nothing more when the same batch is delivered again', async () => {
      await store.archiveBatch(mixedBatch());
      const before = { samples: await storedSamples(), aggregates: await storedAggregates() };

      const again = await store.archiveBatch(mixedBatch());

      expect(again).toEqual({ storedMessages: 0, skippedMessages: 3, samples: 0, duplicateSamples: 0, logReset: false });
      expect(await storedSamples()).toEqual(before.samples);
      expect(await storedAggregates()).toEqual(before.aggregates);
      expect([await count('raw_packets'), await count('quarantine'), await count('ground_station_events')]).toEqual([2, 1, 1]);
      expect(await storedOffset()).toBe('12');
    });

    it('stores only the messages above the recorded offset of an overlapping batch', async () => {
      await store.archiveBatch(batch([{ offset: '1', samples: sampleColumns([sample(T0 + 100, 1)]) }, { offset: '2', samples: sampleColumns([sample(T0 + 200, 2)]) }]));

      const result = await store.archiveBatch(
        batch([
          { offset: '2', samples: sampleColumns([sample(T0 + 200, 2)]) },
          { offset: '3', samples: sampleColumns([sample(T0 + 300, 3)]) },
          { offset: '4', samples: sampleColumns([sample(T0 + 400, 4), sample(T0 + 400, 40, 101)]) },
        ]),
      );

      expect(result).toEqual({ storedMessages: 2, skippedMessages: 1, samples: 3, duplicateSamples: 0, logReset: false });
      expect((await storedSamples()).map((s) => [s.timeMs - T0, s.parameterId, s.value])).toEqual([
        [100, 100, 1],
        [200, 100, 2],
        [300, 100, 3],
        [400, 100, 4],
        [400, 101, 40],
      ]);
      expect(await storedOffset()).toBe('4');
    });

    it('archives a recreated log from its start when its end lies below the recorded offset', async () => {
      await store.archiveBatch(batch([{ offset: '40', samples: sampleColumns([sample(T0, 1)]) }, { offset: '41', samples: sampleColumns([sample(T0 + 1, 2)]) }]));

      // The topic was recreated: offsets start at 0 again and the log ends at 2.
      const fresh = { ...batch([{ offset: '0', samples: sampleColumns([sample(T0 + 2, 3)]) }, { offset: '1', samples: sampleColumns([sample(T0 + 3, 4)]) }]), highWatermark: '2' };
      const result = await store.archiveBatch(fresh);
      const redelivered = await store.archiveBatch(fresh);

      expect(result).toEqual({ storedMessages: 2, skippedMessages: 0, samples: 2, duplicateSamples: 0, logReset: true });
      expect(redelivered).toEqual({ storedMessages: 0, skippedMessages: 2, samples: 0, duplicateSamples: 0, logReset: false });
      expect(await storedOffset()).toBe('1');
      expect((await storedSamples()).map((s) => s.value)).toEqual([1, 2, 3, 4]);
    });

    it('keeps offsets per partition and compares them as 64-bit integers', async () => {
      const big = '9007199254740993'; // 2^53 + 1: equal to 2^53 once turned into a JS number
      await store.archiveBatch(batch([{ offset: big, samples: sampleColumns([sample(T0, 1)]) }], 3));

      const result = await store.archiveBatch(batch([{ offset: '9007199254740992', samples: sampleColumns([sample(T0, 9)]) }, { offset: '9007199254740994', samples: sampleColumns([sample(T0 + 1, 2)]) }], 3));
      const otherPartition = await store.archiveBatch(batch([{ offset: '0', samples: sampleColumns([sample(T0 + 2, 3)]) }], 4));

      expect(result).toEqual({ storedMessages: 1, skippedMessages: 1, samples: 1, duplicateSamples: 0, logReset: false });
      expect(otherPartition).toEqual({ storedMessages: 1, skippedMessages: 0, samples: 1, duplicateSamples: 0, logReset: false });
      expect(await storedOffset(3)).toBe('9007199254740994');
      expect(await storedOffset(4)).toBe('0');
      expect((await storedSamples()).map((s) => s.value)).toEqual([1, 2, 3]);
    });

    it('lets one of two concurrent deliveries of a batch store it and the other skip it', async () => {
      const results = await Promise.all([store.archiveBatch(mixedBatch()), store.archiveBatch(mixedBatch())]);

      expect(results.map((r) => r.storedMessages).sort()).toEqual([0, 3]);
      expect(results.map((r) => r.skippedMessages).sort()).toEqual([0, 3]);
      expect(await count('samples')).toBe(3);
      expect(await count('raw_packets')).toBe(2);
    });

    it('merges the 1-second aggregates of two batches exactly', async () => {
      await store.archiveBatch(batch([
        { offset: '0', samples: sampleColumns([sample(T0 + 100, 1.5), sample(T0 + 1_100, 7)]) },
        { offset: '1', samples: sampleColumns([sample(T0 + 900, 5.25)]) },
      ]));
      await store.archiveBatch(batch([
        // Later than the stored last of second 0: becomes its last.
        { offset: '2', samples: sampleColumns([sample(T0 + 500, -2), sample(T0 + 950, 3)]) },
        // Earlier than the stored last of second 1: last stays 7.
        { offset: '3', samples: sampleColumns([sample(T0 + 1_050, 100)]) },
      ]));

      expect(await storedAggregates()).toEqual([
        { bucketMs: T0, satelliteId: 101, parameterId: 100, min: -2, max: 5.25, sum: 7.75, count: 4, last: 3, lastMs: T0 + 950 },
        { bucketMs: T0 + 1_000, satelliteId: 101, parameterId: 100, min: 7, max: 100, sum: 107, count: 2, last: 7, lastMs: T0 + 1_100 },
      ]);
    });

    it('stores 50,000 samples of one batch with matching aggregates', async () => {
      const messages: ArchivedMessage[] = [];
      let expectedSum = 0;
      for (let m = 0; m < 500; m++) {
        const samples: SampleRecord[] = [];
        for (let p = 0; p < 100; p++) {
          const value = ((m * 100 + p) % 977) / 8;
          expectedSum += value;
          samples.push(sample(T0 + m * 100 + 0.001 * p, value, 1000 + p));
        }
        messages.push({ offset: String(m), samples: sampleColumns(samples) });
      }

      const result = await store.archiveBatch(batch(messages));

      expect(result).toEqual({ storedMessages: 500, skippedMessages: 0, samples: 50_000, duplicateSamples: 0, logReset: false });
      const { rows } = await db.pool.query(
        `SELECT (SELECT count(*)::int FROM samples) AS samples, (SELECT sum(value) FROM samples) AS sample_sum,
                (SELECT count(*)::int FROM agg_1s) AS buckets, (SELECT sum(count)::int FROM agg_1s) AS aggregated, (SELECT sum(sum) FROM agg_1s) AS agg_sum`,
      );
      // 500 messages 100 ms apart span 50 seconds, for each of 100 parameters.
      expect(rows[0]).toMatchObject({ samples: 50_000, buckets: 5_000, aggregated: 50_000 });
      // Values are multiples of 1/8, so every sum is exact whatever the order of addition.
      expect([rows[0].sample_sum, rows[0].agg_sum]).toEqual([expectedSum, expectedSum]);
    });

    it('rolls back and reports StoreUnavailableError when the connection dies mid-batch', async () => {
      // The server ends this very session while the batch is half written.
      await db.pool.query(`
        CREATE FUNCTION test_drop_session() RETURNS trigger LANGUAGE plpgsql AS
          $$ BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NEW; END $$;
        CREATE TRIGGER test_drop_session BEFORE INSERT ON ground_station_events FOR EACH ROW EXECUTE FUNCTION test_drop_session();`);
      try {
        const error = await store.archiveBatch(mixedBatch()).catch((e: unknown) => e);

        expect(error).toBeInstanceOf(StoreUnavailableError);
        expect((error as StoreUnavailableError).retriable).toBe(true);
        expect((error as Error).message).toMatch(/^PostgreSQL unavailable while archiving telemetry\.raw\.power\[0\] for perigee-worker \(/);
        expect([await count('samples'), await count('raw_packets'), await count('agg_1s'), await count('quarantine')]).toEqual([0, 0, 0, 0]);
        expect(await storedOffset()).toBeUndefined();
      } finally {
        await db.pool.query('DROP TRIGGER test_drop_session ON ground_station_events; DROP FUNCTION test_drop_session()');
      }

      expect(await store.archiveBatch(mixedBatch())).toEqual({ storedMessages: 3, skippedMessages: 0, samples: 3, duplicateSamples: 0, logReset: false });
      expect(await count('samples')).toBe(3);
    });

    it('rolls back and passes a statement error through untouched', async () => {
      await db.pool.query(`
        CREATE FUNCTION test_reject() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'rejected by test'; END $$;
        CREATE TRIGGER test_reject BEFORE INSERT ON quarantine FOR EACH ROW EXECUTE FUNCTION test_reject();`);
      try {
        const error = await store.archiveBatch(mixedBatch()).catch((e: unknown) => e);

        expect(error).not.toBeInstanceOf(StoreUnavailableError);
        expect((error as Error).message).toBe('rejected by test');
        expect([await count('samples'), await count('raw_packets'), await count('agg_1s')]).toEqual([0, 0, 0]);
        expect(await storedOffset()).toBeUndefined();
      } finally {
        await db.pool.query('DROP TRIGGER test_reject ON quarantine; DROP FUNCTION test_reject()');
      }
    });
  });

  describe('#getSeries', () => {
    beforeEach(async () => {
      // Parameter 100 at 10 Hz for 20 minutes, parameter 101 at 1 Hz; values known in closed form.
      const messages: ArchivedMessage[] = [];
      for (let i = 0; i < 12_000; i++) {
        const samples = [sample(T0 + i * 100, i % 10)];
        if (i % 10 === 0) samples.push(sample(T0 + i * 100, i / 10, 101));
        messages.push({ offset: String(i), samples: sampleColumns(samples) });
      }
      await store.archiveBatch(batch(messages));
    });

    it('returns raw samples, inclusive of both ends, while they fit the chart: 5 minutes at 10 Hz on 1600 px', async () => {
      const result = await store.getSeries({ satelliteId: 101, parameterIds: [101, 100], fromMs: T0 + 60_000, toMs: T0 + 60_000 + 300_000, widthPx: 1600 });

      expect([result.tier, result.bucketMs]).toEqual(['raw', null]);
      expect(result.series.map((s) => s.parameterId)).toEqual([101, 100]);
      const [slow, fast] = result.series;
      expect(slow!.timesMs).toEqual(Array.from({ length: 301 }, (_, k) => T0 + 60_000 + k * 1000));
      expect(slow!.values).toEqual(Array.from({ length: 301 }, (_, k) => 60 + k));
      expect(slow!.mins).toEqual(slow!.values);
      expect(slow!.maxs).toEqual(slow!.values);
      expect(slow!.counts).toEqual(Array.from({ length: 301 }, () => 1));
      expect(fast!.timesMs.length).toBe(3_001);
      expect(fast!.values.slice(0, 12)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
      // Rates unknown to this store: 10 Hz is assumed, so points 100 ms apart, a gap beyond 150 ms.
      expect([fast!.periodMs, fast!.gapThresholdMs]).toEqual([100, 150]);
    });

    it('returns 1-second avg, min and max for a longer window', async () => {
      const result = await store.getSeries({ satelliteId: 101, parameterIds: [100], fromMs: T0 + 500, toMs: T0 + 1_200_000 });

      expect([result.tier, result.bucketMs]).toEqual(['1s', 1000]);
      const [fast] = result.series;
      // The bucket starting at T0 overlaps the window, so it is included.
      expect(fast!.timesMs.length).toBe(1_200);
      expect(fast!.timesMs.slice(0, 3)).toEqual([T0, T0 + 1000, T0 + 2000]);
      expect(fast!.values.slice(0, 3)).toEqual([4.5, 4.5, 4.5]);
      expect(fast!.mins.slice(0, 3)).toEqual([0, 0, 0]);
      expect(fast!.maxs.slice(0, 3)).toEqual([9, 9, 9]);
      expect(fast!.counts.slice(0, 3)).toEqual([10, 10, 10]);
      expect([fast!.periodMs, fast!.gapThresholdMs]).toEqual([1000, 1500]);
    });

    it('returns empty columns for a parameter without data, and for another satellite', async () => {
      const window = { fromMs: T0, toMs: T0 + 60_000 };
      expect(await store.getSeries({ satelliteId: 101, parameterIds: [1207], ...window })).toEqual({
        tier: 'raw',
        bucketMs: null,
        series: [{ parameterId: 1207, timesMs: [], values: [], mins: [], maxs: [], counts: [], periodMs: 100, gapThresholdMs: 150 }],
      });
      expect((await store.getSeries({ satelliteId: 999, parameterIds: [100], ...window })).series[0]!.timesMs).toEqual([]);
    });

    it('rejects a reversed window', async () => {
      await expect(store.getSeries({ satelliteId: 101, parameterIds: [100], fromMs: T0 + 1, toMs: T0 })).rejects.toThrow(RangeError);
    });
  });
});

describe('Adapters > PostgresTelemetryStore > statements per archive transaction', () => {
  /** A batch of partition `partition`: one decoded packet with two samples, at offset 5. */
  const partitionBatch = (partition: number): ArchiveBatch =>
    batch(
      [
        {
          offset: '5',
          rawPacket: { receivedAtMs: T0 + 1000 + partition, satelliteId: 101, apid: 272, sequenceCount: partition, onboardTimeMs: T0 + 900 + partition, groundStation: null, packet },
          samples: sampleColumns([sample(T0 + 900 + partition, partition, 100), sample(T0 + 900 + partition, partition, 101)]),
        },
      ],
      partition,
    );

  it('locks and advances the offsets of every partition in one statement each: five partitions take as many statements as one', async () => {
    const pool = createPool({ url: db.url, max: 1 });
    const statements: string[] = [];
    pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string }).text ?? '';
        statements.push(text.trim().split(/\s+/).slice(0, 3).join(' '));
        return query(...args);
      };
    });
    const counting = new PostgresTelemetryStore(pool);
    try {
      await counting.archiveBatches([partitionBatch(0)]);
      const one = statements.splice(0);
      await counting.archiveBatches([1, 2, 3, 4, 5].map(partitionBatch));
      const five = statements.splice(0);
      expect(five).toEqual(one);
      expect(one).toEqual([
        'BEGIN',
        'INSERT INTO consumer_offsets',
        'INSERT INTO raw_packets',
        'SAVEPOINT perigee_samples',
        'WITH stored AS',
        'RELEASE SAVEPOINT perigee_samples',
        'INSERT INTO satellites',
        'UPDATE consumer_offsets AS',
        'COMMIT',
      ]);
    } finally {
      await pool.end();
    }
    for (const partition of [0, 1, 2, 3, 4, 5]) expect(await storedOffset(partition)).toBe('5');
    expect(await count('raw_packets')).toBe(6);
    expect(await count('samples')).toBe(12);
  });
});

describe('Adapters > PostgresTelemetryStore > with wrong credentials', () => {
  it('reports a StoreUnavailableError that is not retriable', async () => {
    const url = new URL(db.url);
    url.password = 'wrong-password';
    const pool = createPool({ url: url.toString(), max: 1 });
    try {
      const error = await new PostgresTelemetryStore(pool).listSatellites().catch((e: unknown) => e);

      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as StoreUnavailableError).retriable).toBe(false);
      expect((error as Error).message).toBe(
        'PostgreSQL unavailable while listing satellites (password authentication failed: password authentication failed for user "perigee")',
      );
    } finally {
      await pool.end();
    }
  });
});

// Runs last: it stops this suite's server.
describe('Adapters > PostgresTelemetryStore > after the server stops', () => {
  it('reports StoreUnavailableError', async () => {
    // A pool without idle connections, so that the shutdown itself reports nothing.
    await db.pool.end();
    const pool = createPool({ url: db.url, max: 1 });
    const orphaned = new PostgresTelemetryStore(pool);
    await db.server.stop();

    const error = await orphaned.listSatellites().catch((e: unknown) => e);
    await pool.end();

    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toMatch(/^PostgreSQL unavailable while listing satellites \(/);
  });
});
