import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SampleRecord } from '../../server/ports/telemetry-store';
import { startTestDatabase, type TestDatabase } from '../testing/test-database';
import { withTransaction } from '../transaction';
import { STATEMENT_SAMPLES, insertSamples, postgresMicroseconds } from './insert-samples';
import { sampleColumns } from '../../server/ports/sample-columns';

/** 2026-01-01T00:00:00Z, epoch ms. */
const T0 = Date.UTC(2026, 0, 1);
/** The 1-second tier keeps parameters 1 and 2; 500 is a 1 Hz parameter, in the minute tier only. */
const SECOND_TIER = new Set([1, 2]);

let db: TestDatabase;
beforeAll(async () => {
  db = await startTestDatabase();
});
afterAll(() => db?.stop());
beforeEach(async () => {
  await db.pool.query('TRUNCATE samples, agg_1s, agg_1m');
});

const sample = (timeMs: number, value: number, parameterId = 1, satelliteId = 101): SampleRecord => ({
  timeMs,
  satelliteId,
  parameterId,
  value,
  rawValue: value * 4,
  quality: 0,
});

const store = (samples: readonly SampleRecord[]) => withTransaction(db.pool, 'test', (client) => insertSamples(client, sampleColumns(samples), SECOND_TIER));

/** A tier as stored, and the same tier computed by the server from the samples table. */
async function tier(table: 'agg_1s' | 'agg_1m') {
  const columns = `(extract(epoch FROM bucket) * 1000)::float8 AS bucket, satellite_id, parameter_id, min, max, sum, count, last,
                   (extract(epoch FROM last_ts) * 1000)::float8 AS last_ms`;
  const stored = await db.pool.query(`SELECT ${columns} FROM ${table} ORDER BY 2, 3, 1`);
  const width = table === 'agg_1s' ? '1 second' : '1 minute';
  const where = table === 'agg_1s' ? 'WHERE parameter_id = ANY($1::smallint[])' : 'WHERE $1::smallint[] IS NOT NULL';
  const computed = await db.pool.query(
    `SELECT ${columns} FROM (
       SELECT time_bucket('${width}', ts) AS bucket, satellite_id, parameter_id, min(value) AS min, max(value) AS max, sum(value) AS sum,
              count(*)::int AS count, last(value, ts) AS last, max(ts) AS last_ts
         FROM samples ${where} GROUP BY 1, 2, 3) t ORDER BY 2, 3, 1`,
    [[...SECOND_TIER]],
  );
  return { stored: stored.rows, computed: computed.rows };
}

describe('db > insertSamples', () => {
  it('puts each sample in the bucket the server would, to the rounded microsecond', async () => {
    // Sub-microsecond times round half to even, as to_timestamp does; the edges decide the bucket.
    const times = [T0 - 0.0004, T0 - 0.0005, T0 - 0.0006, T0 + 0.0005, T0 + 0.0015, T0 + 59_999.9996, T0 + 59_999.9994, T0 + 1_000.0025];
    const { rows } = await db.pool.query(
      `SELECT ((extract(epoch FROM to_timestamp(t / 1000)) - 946684800) * 1000000)::float8 AS us FROM unnest($1::float8[]) AS t`,
      [times],
    );
    expect(times.map(postgresMicroseconds)).toEqual(rows.map((r) => r.us));
  });

  it('stores new samples with both tiers equal to the server’s own aggregation of them', async () => {
    const samples: SampleRecord[] = [];
    // Two satellites, two 10 Hz parameters and a 1 Hz one over 130 s, with samples a fraction of a
    // microsecond either side of second and minute edges. Values are multiples of 1/8: sums are exact.
    for (const satelliteId of [101, 102]) {
      for (let i = 0; i < 1300; i++) {
        // Mid-interval, but every tenth 0.4 µs before the next second: rounded, it belongs to that second.
        const t = i % 10 === 9 ? T0 + (i + 1) * 100 - 0.0004 : T0 + i * 100 + 50;
        samples.push(sample(t, ((i * 7) % 61) / 8 - 3, 1, satelliteId));
        samples.push(sample(t + 0.0004, ((i * 13) % 29) / 8, 2, satelliteId));
        if (i % 10 === 0) samples.push(sample(t - 0.0006, (i % 17) / 8, 500, satelliteId));
      }
    }
    // Stored in two batches that meet inside a second and inside a minute: the second merges into the first's buckets.
    const split = 1234;
    expect(await store(samples.slice(0, split))).toEqual({ stored: split, skipped: 0 });
    expect(await store(samples.slice(split))).toEqual({ stored: samples.length - split, skipped: 0 });

    expect(Number((await db.pool.query('SELECT count(*) FROM samples')).rows[0].count)).toBe(samples.length);
    const seconds = await tier('agg_1s');
    const minutes = await tier('agg_1m');
    expect(seconds.stored).toEqual(seconds.computed);
    expect(minutes.stored).toEqual(minutes.computed);
    expect(seconds.stored.some((r) => r.parameter_id === 500)).toBe(false);
    expect(minutes.stored.filter((r) => r.satellite_id === 101 && r.parameter_id === 500).map((r) => [r.bucket - T0, r.count])).toEqual([
      [0, 60],
      [60_000, 60],
      [120_000, 10],
    ]);
    // The sample 0.4 µs before the first minute's end is counted in the second minute, as the server rounds it.
    const edge = minutes.stored.find((r) => r.satellite_id === 101 && r.parameter_id === 1 && r.bucket === T0 + 60_000)!;
    expect([edge.count, edge.min]).toEqual([600, Math.min(...samples.filter((x) => x.satelliteId === 101 && x.parameterId === 1 && x.timeMs > T0 + 59_999.999 && x.timeMs < T0 + 120_000 - 0.001).map((x) => x.value))]);
  });

  it('stores only what is new of a batch holding samples already stored, and counts them once in the tiers', async () => {
    await store([sample(T0 + 100, 1), sample(T0 + 200, 2), sample(T0 + 60_100, 3, 500)]);
    // A republished frame (two samples already there) arrives with new ones.
    const result = await store([sample(T0 + 200, 2), sample(T0 + 300, 4), sample(T0 + 60_100, 3, 500), sample(T0 + 60_200, 5, 500)]);

    expect(result).toEqual({ stored: 2, skipped: 2 });
    expect((await db.pool.query('SELECT value FROM samples ORDER BY ts, parameter_id')).rows.map((r) => r.value)).toEqual([1, 2, 4, 3, 5]);
    const seconds = await tier('agg_1s');
    const minutes = await tier('agg_1m');
    expect(seconds.stored).toEqual(seconds.computed);
    expect(minutes.stored).toEqual(minutes.computed);
    expect(seconds.stored.map((r) => [r.count, r.sum, r.last])).toEqual([[3, 7, 4]]);
  });

  it('stores a sample given twice in one batch once', async () => {
    expect(await store([sample(T0 + 100, 1), sample(T0 + 100, 1), sample(T0 + 200, 2)])).toEqual({ stored: 2, skipped: 1 });
    const seconds = await tier('agg_1s');
    expect(seconds.stored).toEqual(seconds.computed);
    expect(seconds.stored.map((r) => [r.count, r.sum])).toEqual([[2, 3]]);
  });

  it('aggregates non-finite values as the server orders them', async () => {
    expect(await store([sample(T0 + 100, 1), sample(T0 + 200, Number.POSITIVE_INFINITY), sample(T0 + 300, -2)])).toEqual({ stored: 3, skipped: 0 });
    const seconds = await tier('agg_1s');
    expect(seconds.stored).toEqual(seconds.computed);
    expect(seconds.stored.map((r) => [r.min, r.max, r.last])).toEqual([[-2, Number.POSITIVE_INFINITY, -2]]);
  });

  it('stores a batch larger than one statement in several, its tiers as if stored at once, a duplicate across statements once', async () => {
    // 2.5 statements of one 10 Hz parameter: buckets straddle the statement boundaries. The last sample
    // repeats the first: its statement takes the exact path, the others stay on the fast one.
    const samples = Array.from({ length: Math.floor(STATEMENT_SAMPLES * 2.5) }, (_, i) => sample(T0 + i * 100, (i % 37) / 4));
    samples.push(sample(T0, 0));
    expect(await store(samples)).toEqual({ stored: samples.length - 1, skipped: 1 });
    expect(Number((await db.pool.query('SELECT count(*) FROM samples')).rows[0].count)).toBe(samples.length - 1);
    const seconds = await tier('agg_1s');
    const minutes = await tier('agg_1m');
    expect(seconds.stored).toEqual(seconds.computed);
    expect(minutes.stored).toEqual(minutes.computed);
    // Sample 8,192 (the second statement's first) is in the same second as 8,190 and 8,191.
    expect(seconds.stored.find((r) => r.bucket === T0 + 819_000)).toMatchObject({ count: 10 });
  });
});
