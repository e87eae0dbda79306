/**
 * History queries against a real TimescaleDB, checked against a direct
 * computation from the raw samples: sampleColumns(three hours of a 10 Hz), a 5 Hz and a
 * 1 Hz parameter, with a spike and a 15-minute outage, are written through
 * the archive path the archiver uses (archiveBatch: samples, and the 1 s and
 * 1 min tiers merged from them, over several batches that split seconds
 * between them). Each tier's answer — raw, 1 s, 1 min and the 1 min tier
 * grouped further — must equal the min, max, mean and count of the samples
 * in each epoch-aligned bucket, computed here in TypeScript.
 *
 * Values are multiples of 1/8, so every sum is exact in binary floating
 * point and means can be compared with toEqual.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../../db/testing/test-database';
import { planSeries, bucketStartMs } from '../../domain/aggregation/series-plan';
import { parameterSampleRatesHz, secondTierParameterIds } from '../../domain/aggregation/series-tier';
import { defaultMissionDatabase } from '../../domain/mission/default-mission-database';
import type { HistorySeries, SampleRecord } from '../../ports/telemetry-store';
import { historyResponseSchema } from '../../realtime/history-response';
import { PostgresTelemetryStore } from './postgres-telemetry-store';
import { sampleColumns } from '../../ports/sample-columns';

const T0 = Date.UTC(2026, 0, 1);
const MINUTE = 60_000;
const SATELLITE = 101;
/** attitude.q0 at 10 Hz (kept in agg_1s), a power parameter at 5 Hz (kept), a thermal node at 1 Hz (1 s tier from raw). */
const PARAMETERS = [{ id: 1, rateHz: 10 }, { id: 100, rateHz: 5 }, { id: 1000, rateHz: 1 }] as const;
const IDS = PARAMETERS.map((p) => p.id);
const SPAN_MS = 3 * 60 * MINUTE;
const GAP = { fromMs: T0 + 60 * MINUTE, toMs: T0 + 75 * MINUTE };
const SPIKE = { timeMs: T0 + 100 * MINUTE + 300, value: 1_000_000 };

const mdb = defaultMissionDatabase();
let db: TestDatabase;
let store: PostgresTelemetryStore;
let written: SampleRecord[] = [];

/** A deterministic wave quantised to 1/8. */
function valueAt(parameterId: number, i: number): number {
  return Math.round(Math.sin(i / (7 + parameterId % 13)) * 800 + ((i * 7919) % 13)) / 8;
}

function generate(): SampleRecord[] {
  const samples: SampleRecord[] = [];
  for (const { id, rateHz } of PARAMETERS) {
    const periodMs = 1000 / rateHz;
    for (let i = 0; i * periodMs < SPAN_MS; i++) {
      // Onboard times jitter within the period: some land exactly on a second, some 1 µs before it.
      const jitterMs = i % 97 === 0 ? -0.001 : i % 89 === 0 ? 0 : (i % 5) * 0.125;
      const timeMs = T0 + i * periodMs + jitterMs + (id === 1000 ? 250 : 0);
      if (timeMs < T0 || (timeMs >= GAP.fromMs && timeMs < GAP.toMs)) continue;
      samples.push({ timeMs, satelliteId: SATELLITE, parameterId: id, value: valueAt(id, i), rawValue: i, quality: 0 });
    }
  }
  samples.push({ timeMs: SPIKE.timeMs + 0.5, satelliteId: SATELLITE, parameterId: 1, value: SPIKE.value, rawValue: 0, quality: 0 });
  samples.push({ timeMs: SPIKE.timeMs + 0.75, satelliteId: SATELLITE, parameterId: 1, value: -SPIKE.value, rawValue: 0, quality: 0 });
  return samples.sort((a, b) => a.timeMs - b.timeMs);
}

beforeAll(async () => {
  db = await startTestDatabase();
  store = new PostgresTelemetryStore(db.pool, { secondTierParameterIds: secondTierParameterIds(mdb), sampleRatesHz: parameterSampleRatesHz(mdb) });
  written = generate();
  // Batches of 7,777 samples: sampleColumns(most batch boundaries fall inside a second), so buckets are merged across transactions.
  const batchSize = 7777;
  for (let start = 0, offset = 0; start < written.length; start += batchSize, offset++) {
    await store.archiveBatch({
      consumerGroup: 'history-test',
      topic: 'telemetry.samples',
      partition: 0,
      messages: [{ offset: String(offset), samples: sampleColumns(written.slice(start, start + batchSize)) }],
    });
  }
}, 120_000);
afterAll(() => db?.stop());

interface Expected {
  parameterId: number;
  timesMs: number[];
  values: number[];
  mins: number[];
  maxs: number[];
  counts: number[];
}

/** Raw samples of a parameter with from ≤ time ≤ to. */
function expectedRaw(parameterId: number, fromMs: number, toMs: number): Expected {
  const rows = written.filter((s) => s.parameterId === parameterId && s.timeMs >= fromMs && s.timeMs <= toMs);
  const values = rows.map((s) => s.value);
  return { parameterId, timesMs: rows.map((s) => s.timeMs), values, mins: values, maxs: values, counts: rows.map(() => 1) };
}

/** Every epoch-aligned bucket of `bucketMs` that overlaps [from, to] and holds samples, computed from the samples whole. */
function expectedBuckets(parameterId: number, fromMs: number, toMs: number, bucketMs: number): Expected {
  const first = bucketStartMs(fromMs, bucketMs);
  const end = bucketStartMs(toMs, bucketMs) + bucketMs;
  const buckets = new Map<number, { min: number; max: number; sum: number; count: number }>();
  for (const s of written) {
    if (s.parameterId !== parameterId || s.timeMs < first || s.timeMs >= end) continue;
    const key = bucketStartMs(s.timeMs, bucketMs);
    const b = buckets.get(key);
    if (b) Object.assign(b, { min: Math.min(b.min, s.value), max: Math.max(b.max, s.value), sum: b.sum + s.value, count: b.count + 1 });
    else buckets.set(key, { min: s.value, max: s.value, sum: s.value, count: 1 });
  }
  const keys = [...buckets.keys()].sort((a, b) => a - b);
  return {
    parameterId,
    timesMs: keys,
    values: keys.map((k) => buckets.get(k)!.sum / buckets.get(k)!.count),
    mins: keys.map((k) => buckets.get(k)!.min),
    maxs: keys.map((k) => buckets.get(k)!.max),
    counts: keys.map((k) => buckets.get(k)!.count),
  };
}

const columns = ({ parameterId, timesMs, values, mins, maxs, counts }: HistorySeries): Expected => ({ parameterId, timesMs, values, mins, maxs, counts });

/** Indexes i where point i and i + 1 are further apart than the series says points may be. */
const breaks = (s: HistorySeries) => s.timesMs.flatMap((t, i) => (i > 0 && t - s.timesMs[i - 1]! > s.gapThresholdMs ? [i - 1] : []));

async function history(fromMs: number, toMs: number, widthPx: number) {
  const result = await store.getSeries({ satelliteId: SATELLITE, parameterIds: IDS, fromMs, toMs, widthPx });
  // What the route would send, as the browser would check it.
  expect(historyResponseSchema.safeParse(JSON.parse(JSON.stringify(result))).success).toBe(true);
  return result;
}

describe('History > tiers against the raw samples', () => {
  it('returns the raw samples of a one-minute window as written, both ends included', async () => {
    const fromMs = T0 + 10 * MINUTE + 500;
    const toMs = T0 + 11 * MINUTE + 500;
    const result = await history(fromMs, toMs, 1000);
    expect([result.tier, result.bucketMs]).toEqual(['raw', null]);
    expect(result.series.map(columns)).toEqual(IDS.map((id) => expectedRaw(id, fromMs, toMs)));
    // Both ends fall on a 10 Hz sample, but between 5 Hz ones.
    expect(result.series.map((s) => s.timesMs.length)).toEqual([601, 300, 60]);
    expect(result.series.map((s) => [s.periodMs, s.gapThresholdMs])).toEqual([[100, 150], [200, 300], [1000, 1500]]);
  });

  it('returns the 1-second tier of a 30-minute window, the 1 Hz node grouped from raw, with the outage as absent buckets', async () => {
    const fromMs = T0 + 50 * MINUTE + 300.5;
    const toMs = T0 + 80 * MINUTE;
    const result = await history(fromMs, toMs, 1000);
    expect([result.tier, result.bucketMs]).toEqual(['1s', 1000]);
    expect(result.series.map(columns)).toEqual(IDS.map((id) => expectedBuckets(id, fromMs, toMs, 1000)));
    const [fast, , slow] = result.series;
    // 30 minutes and a partial second overlap 1,801 buckets; 15 of those minutes had no data.
    expect(fast!.timesMs.length).toBe(1801 - 900);
    expect(fast!.timesMs[0]).toBe(T0 + 50 * MINUTE);
    expect(fast!.counts.slice(1, 4)).toEqual([10, 10, 10]);
    expect(slow!.counts.every((n) => n === 1)).toBe(true);
    for (const s of result.series) {
      expect(s.timesMs.some((t) => t >= GAP.fromMs && t < GAP.toMs)).toBe(false);
      const [at] = breaks(s);
      expect(breaks(s)).toHaveLength(1);
      expect([s.timesMs[at!], s.timesMs[at! + 1]]).toEqual([GAP.fromMs - 1000, GAP.toMs]);
    }
  });

  it('pairs the 1-second tier into 2-second buckets for a one-hour window: the stored seconds merged, the 1 Hz node grouped from raw', async () => {
    const fromMs = T0 + 55 * MINUTE + 700.25;
    const toMs = fromMs + 60 * MINUTE;
    const result = await history(fromMs, toMs, 1000);
    expect([result.tier, result.bucketMs]).toEqual(['1s', 2000]);
    expect(result.series.map(columns)).toEqual(IDS.map((id) => expectedBuckets(id, fromMs, toMs, 2000)));
    const [fast, medium, slow] = result.series;
    // 1,801 pairs overlap the hour; the 15-minute outage holds 450 of them.
    expect(fast!.timesMs.length).toBe(1801 - 450);
    expect([fast!.timesMs[0], fast!.counts[1], medium!.counts[1], slow!.counts[1]]).toEqual([T0 + 55 * MINUTE, 20, 10, 2]);
    // The spike and its negative twin fall in one pair: both survive as its max and min.
    const spikeAt = fast!.timesMs.indexOf(bucketStartMs(SPIKE.timeMs, 2000));
    expect([fast!.maxs[spikeAt], fast!.mins[spikeAt]]).toEqual([SPIKE.value, -SPIKE.value]);
    for (const s of result.series) {
      expect([s.periodMs, s.gapThresholdMs]).toEqual([2000, 3000]);
      const [at] = breaks(s);
      expect(breaks(s)).toHaveLength(1);
      expect([s.timesMs[at!], s.timesMs[at! + 1]]).toEqual([GAP.fromMs - 2000, GAP.toMs]);
    }
  });

  it('returns the 1-minute tier of the three hours with the spike kept as min and max of its minute', async () => {
    const result = await history(T0, T0 + SPAN_MS, 1000);
    expect([result.tier, result.bucketMs]).toEqual(['1m', MINUTE]);
    expect(result.series.map(columns)).toEqual(IDS.map((id) => expectedBuckets(id, T0, T0 + SPAN_MS, MINUTE)));
    const fast = result.series[0]!;
    expect(fast.timesMs).toHaveLength(180 - 15);
    const spikeMinute = fast.timesMs.indexOf(T0 + 100 * MINUTE);
    expect([fast.mins[spikeMinute], fast.maxs[spikeMinute], fast.counts[spikeMinute]]).toEqual([-SPIKE.value, SPIKE.value, 602]);
    expect(breaks(fast).map((i) => fast.timesMs[i])).toEqual([GAP.fromMs - MINUTE]);
  });

  it('groups the 1-minute tier into 2-minute buckets for a narrow chart, whole buckets at both cut ends', async () => {
    const fromMs = T0 + 7 * MINUTE + 13_500;
    const toMs = T0 + 170 * MINUTE + 1;
    const result = await history(fromMs, toMs, 64);
    expect([result.tier, result.bucketMs]).toEqual(['1m', 2 * MINUTE]);
    expect(result.series.map(columns)).toEqual(IDS.map((id) => expectedBuckets(id, fromMs, toMs, 2 * MINUTE)));
    const fast = result.series[0]!;
    // The first bucket starts before the window and holds its whole two minutes: 1,200 samples.
    expect([fast.timesMs[0], fast.counts[0]]).toEqual([T0 + 6 * MINUTE, 1200]);
    expect(fast.timesMs.at(-1)).toBe(T0 + 170 * MINUTE);
    expect(fast.timesMs.length).toBeLessThanOrEqual(128);
    expect(Math.max(...fast.maxs)).toBe(SPIKE.value);
    expect(Math.min(...fast.mins)).toBe(-SPIKE.value);
    // Buckets 60..72 minutes lie wholly in the outage; 74..76 holds its last minute's neighbour.
    expect(fast.timesMs.filter((t) => t >= GAP.fromMs && t < GAP.toMs)).toEqual([T0 + 74 * MINUTE]);
    expect(breaks(fast).map((i) => [fast.timesMs[i], fast.timesMs[i + 1]])).toEqual([[GAP.fromMs - 2 * MINUTE, T0 + 74 * MINUTE]]);
  });

  it('answers a 31-day window with a few wide buckets holding every sample once', async () => {
    const fromMs = T0 - 15 * 86_400_000;
    const toMs = T0 + 16 * 86_400_000;
    const plan = planSeries({ fromMs, toMs, widthPx: 1000, maxSampleRateHz: 10 });
    const result = await history(fromMs, toMs, 1000);
    expect([result.tier, result.bucketMs]).toEqual(['1m', plan.bucketMs]);
    expect(result.bucketMs).toBe(30 * MINUTE);
    expect(result.series.map(columns)).toEqual(IDS.map((id) => expectedBuckets(id, fromMs, toMs, 30 * MINUTE)));
    expect(result.series.map((s) => s.counts.reduce((a, b) => a + b, 0))).toEqual(IDS.map((id) => written.filter((s) => s.parameterId === id).length));
  });

  it('returns nothing but empty columns for a window without data', async () => {
    const result = await history(T0 - 86_400_000, T0 - 1, 1000);
    expect(result.series.map((s) => [s.parameterId, s.timesMs.length])).toEqual([[1, 0], [100, 0], [1000, 0]]);
  });
});
