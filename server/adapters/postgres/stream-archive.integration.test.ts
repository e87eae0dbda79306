/**
 * The archive under at-least-once upstream delivery: frames, alerts and
 * refusals republished by a restarted processor arrive again at new offsets,
 * and are stored once; gold tiers count each sample once.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../domain/alert';
import type { ArchivedMessage, PacketRecord, SampleRecord } from '../../ports/telemetry-store';
import { startTestDatabase, type TestDatabase } from '../../../db/testing/test-database';
import { PostgresTelemetryStore } from './postgres-telemetry-store';
import { encodePacket } from '../../domain/codec/packet-codec';
import { defaultMissionDatabase } from '../../domain/mission/default-mission-database';
import { lineageResponse, parseLineageQuery } from '../../realtime/lineage-query';
import { sampleColumns } from '../../ports/sample-columns';

const T0 = Date.UTC(2026, 10, 25, 10, 0, 0);
let db: TestDatabase;
let store: PostgresTelemetryStore;
let nextOffset = 0;

beforeAll(async () => {
  db = await startTestDatabase();
  store = new PostgresTelemetryStore(db.pool);
});
afterAll(() => db?.stop());
beforeEach(async () => {
  await db.pool.query('TRUNCATE samples, agg_1s, agg_1m, packets, raw_packets, quarantine, alarm_events, alarms, satellites, consumer_offsets');
});

function archive(topic: string, messages: Array<Omit<ArchivedMessage, 'offset'>>) {
  return store.archiveBatch({
    consumerGroup: 'perigee-archiver',
    topic,
    partition: 0,
    messages: messages.map((m) => ({ ...m, offset: String(nextOffset++) })),
  });
}

function packetRecord(timeMs: number, sequenceCount: number): PacketRecord {
  return {
    satelliteId: 101,
    apid: 272,
    sequenceCount,
    onboardTimeMs: timeMs,
    receivedOnboardTimeMs: sequenceCount === 2 ? timeMs + 3_600_000 : null,
    arrivalMs: timeMs + 80,
    groundStation: 'svalbard',
    mode: 'SUN_POINTING',
    orbit: { latDeg: 71.5, lonDeg: 12.25, altKm: 512.5, tleEpochMs: Date.UTC(2026, 10, 1) },
    calibrationVersion: '1.0.0',
    playback: false,
    source: { topic: 'telemetry.raw.power', partition: 3, offset: String(900 + sequenceCount) },
  };
}

function frame(timeMs: number, sequenceCount: number, voltage: number): Omit<ArchivedMessage, 'offset'> {
  const samples: SampleRecord[] = [
    { timeMs, satelliteId: 101, parameterId: 100, value: voltage, rawValue: voltage * 1000, quality: 0 },
    { timeMs, satelliteId: 101, parameterId: 101, value: -1, rawValue: -1000, quality: 0 },
  ];
  return { samples: sampleColumns(samples), packets: [packetRecord(timeMs, sequenceCount)] };
}

async function rows(sql: string) {
  return (await db.pool.query(sql)).rows;
}

describe('Archive > republished input', () => {
  it('stores a republished frame once and counts its samples once in both gold tiers', async () => {
    const first = await archive('telemetry.samples', [frame(T0 + 100, 1, 28), frame(T0 + 300, 2, 30)]);
    // The processor restarted and published the second frame again, then a new one.
    const again = await archive('telemetry.samples', [frame(T0 + 300, 2, 30), frame(T0 + 61_000, 3, 26)]);

    expect(first).toMatchObject({ storedMessages: 2, samples: 4, duplicateSamples: 0 });
    expect(again).toMatchObject({ storedMessages: 2, samples: 2, duplicateSamples: 2 });
    expect(await rows('SELECT count(*)::int AS n FROM samples')).toEqual([{ n: 6 }]);
    expect(
      await rows(`SELECT (extract(epoch FROM bucket) * 1000)::float8 - ${T0} AS at, count, min, max, sum, last
                    FROM agg_1s WHERE parameter_id = 100 ORDER BY bucket`),
    ).toEqual([
      { at: 0, count: 2, min: 28, max: 30, sum: 58, last: 30 },
      { at: 61_000, count: 1, min: 26, max: 26, sum: 26, last: 26 },
    ]);
    expect(
      await rows(`SELECT (extract(epoch FROM bucket) * 1000)::float8 - ${T0} AS at, count, min, max, sum, last
                    FROM agg_1m WHERE parameter_id = 100 ORDER BY bucket`),
    ).toEqual([
      { at: 0, count: 2, min: 28, max: 30, sum: 58, last: 30 },
      { at: 60_000, count: 1, min: 26, max: 26, sum: 26, last: 26 },
    ]);
  });

  it('keeps each packet’s context and lineage once, with the received time of a repaired packet', async () => {
    await archive('telemetry.samples', [frame(T0 + 100, 1, 28), frame(T0 + 300, 2, 30)]);
    await archive('telemetry.samples', [frame(T0 + 300, 2, 30)]);
    expect(
      await rows(`SELECT sequence_count, mode, lat_deg, alt_km, calibration_version, source_topic, source_partition, source_offset,
                         (extract(epoch FROM received_onboard_time) * 1000)::float8 - ${T0} AS received
                    FROM packets ORDER BY ts`),
    ).toEqual([
      { sequence_count: 1, mode: 'SUN_POINTING', lat_deg: 71.5, alt_km: 512.5, calibration_version: '1.0.0', source_topic: 'telemetry.raw.power', source_partition: 3, source_offset: '901', received: null },
      { sequence_count: 2, mode: 'SUN_POINTING', lat_deg: 71.5, alt_km: 512.5, calibration_version: '1.0.0', source_topic: 'telemetry.raw.power', source_partition: 3, source_offset: '902', received: 300 + 3_600_000 },
    ]);
  });

  it('stores a republished refusal from the processor once, with where it came from', async () => {
    const refusal = {
      quarantine: {
        receivedAtMs: T0 + 5,
        reason: 'clock-drift',
        detail: 'onboard time 3600.0 s off the satellite clock',
        payload: Uint8Array.from([1, 2, 3]),
        satelliteId: 101,
        apid: 256,
        stage: 'processor' as const,
        origin: { topic: 'telemetry.raw.attitude-control', partition: 1, offset: '77' },
      },
    };
    await archive('telemetry.quarantine', [refusal, { quarantine: { ...refusal.quarantine, reason: 'out-of-range', parameterId: 12 } }]);
    await archive('telemetry.quarantine', [refusal]);
    expect(await rows('SELECT reason, stage, origin_topic, origin_partition, origin_offset, parameter_id FROM quarantine ORDER BY reason')).toEqual([
      { reason: 'clock-drift', stage: 'processor', origin_topic: 'telemetry.raw.attitude-control', origin_partition: 1, origin_offset: '77', parameter_id: null },
      { reason: 'out-of-range', stage: 'processor', origin_topic: 'telemetry.raw.attitude-control', origin_partition: 1, origin_offset: '77', parameter_id: 12 },
    ]);
  });
});

describe('Archive > alarms', () => {
  const alert = (kind: Alert['kind'], severity: Alert['severity'], atMs: number, value: number): Alert => ({
    id: `limit:101:power.battery_voltage:${atMs}`,
    ruleId: 'limit',
    satelliteId: 101,
    subject: 'power.battery_voltage',
    kind,
    severity,
    windowStartMs: atMs,
    windowEndMs: atMs,
    value,
    threshold: kind === 'cleared' ? 26 : severity === 'critical' ? 24.5 : 26,
    message: `battery voltage ${value} V`,
  });

  it('appends each alert once and folds them into one alarm per satellite, rule and subject', async () => {
    await archive('telemetry.alerts', [{ alert: alert('raised', 'warning', T0 + 1000, 25.9) }]);
    await archive('telemetry.alerts', [{ alert: alert('raised', 'warning', T0 + 1000, 25.9) }, { alert: alert('raised', 'critical', T0 + 2000, 24.4) }]);
    expect(await rows('SELECT rule_id, subject, severity, active, occurrences, last_value FROM alarms')).toEqual([
      { rule_id: 'limit', subject: 'power.battery_voltage', severity: 'critical', active: true, occurrences: 2, last_value: 24.4 },
    ]);
    await archive('telemetry.alerts', [{ alert: alert('cleared', 'warning', T0 + 9000, 27) }]);
    // Latching: the condition is gone, but nobody acknowledged it yet; the severity stays that of the last occurrence.
    expect(await rows('SELECT state, severity, highest_severity, active, occurrences, last_value FROM alarms')).toEqual([
      { state: 'returned-to-normal-unacknowledged', severity: 'critical', highest_severity: 'critical', active: false, occurrences: 2, last_value: 27 },
    ]);
    // Every transition the stream made is in the audit log as the system's.
    expect(await rows(`SELECT actor, action, from_state, to_state FROM audit_log WHERE target LIKE 'alarm:%' ORDER BY id`)).toEqual([
      { actor: 'system', action: 'raise', from_state: 'normal', to_state: 'unacknowledged' },
      { actor: 'system', action: 'escalate', from_state: 'unacknowledged', to_state: 'unacknowledged' },
      { actor: 'system', action: 'clear', from_state: 'unacknowledged', to_state: 'returned-to-normal-unacknowledged' },
    ]);
    expect(await rows('SELECT kind, severity FROM alarm_events ORDER BY window_end')).toEqual([
      { kind: 'raised', severity: 'warning' },
      { kind: 'raised', severity: 'critical' },
      { kind: 'cleared', severity: 'warning' },
    ]);
  });
});

describe('Archive > alarm events of a history window', () => {
  const event = (ruleId: string, subject: string, kind: Alert['kind'], severity: Alert['severity'], atMs: number, satelliteId = 101): Alert => ({
    id: `${ruleId}:${satelliteId}:${subject}:${atMs}:${kind}`,
    ruleId,
    satelliteId,
    subject,
    kind,
    severity,
    windowStartMs: atMs - 10_000,
    windowEndMs: atMs,
    value: 90,
    threshold: 85,
    message: `${subject} ${kind}`,
  });

  it('returns each source\'s last event before the window, then every event in it, in time order, for that satellite only', async () => {
    await archive('telemetry.alerts', [
      // Before the window: node_001 raised and cleared (last: cleared), node_002 raised and still active.
      { alert: event('thermal-max-10s', 'thermal.node_001', 'raised', 'critical', T0 - 60_000) },
      { alert: event('thermal-max-10s', 'thermal.node_001', 'cleared', 'critical', T0 - 30_000) },
      { alert: event('thermal-max-10s', 'thermal.node_002', 'raised', 'critical', T0 - 20_000) },
      // In the window.
      { alert: event('attitude-deviation-5s', 'attitude', 'raised', 'warning', T0 + 5_000) },
      { alert: event('thermal-max-10s', 'thermal.node_002', 'cleared', 'critical', T0 + 50_000) },
      // After it, and another satellite's.
      { alert: event('attitude-deviation-5s', 'attitude', 'cleared', 'warning', T0 + 700_000) },
      { alert: event('attitude-deviation-5s', 'attitude', 'raised', 'critical', T0 + 10_000, 102) },
    ]);
    const events = await store.listAlarmEvents({ satelliteId: 101, fromMs: T0, toMs: T0 + 600_000, limit: 100 });
    expect(events.map((e) => [e.subject, e.kind, e.severity, e.atMs - T0])).toEqual([
      ['thermal.node_001', 'cleared', 'critical', -30_000],
      ['thermal.node_002', 'raised', 'critical', -20_000],
      ['attitude', 'raised', 'warning', 5_000],
      ['thermal.node_002', 'cleared', 'critical', 50_000],
    ]);
    expect(events[2]).toMatchObject({ ruleId: 'attitude-deviation-5s', value: 90, threshold: 85, message: 'attitude raised', alertId: `attitude-deviation-5s:101:attitude:${T0 + 5000}:raised` });
    // The cap applies to the window's events.
    expect((await store.listAlarmEvents({ satelliteId: 101, fromMs: T0, toMs: T0 + 600_000, limit: 1 })).map((e) => e.atMs - T0)).toEqual([-30_000, -20_000, 5_000]);
  });
});

describe('Archive > lineage of a sample', () => {
  it('finds the packet a sample came from: its log position, context and the bytes as received', async () => {
    const mdb = defaultMissionDatabase();
    const layout = mdb.latestLayout(272)!;
    const timeMs = T0 + 12_345.678;
    const arrivalMs = timeMs + 95;
    const bytes = encodePacket(mdb, {
      apid: 272,
      satelliteId: 101,
      sequenceCount: 5,
      onboardTimeMs: timeMs,
      values: Object.fromEntries(layout.parameters.map((p) => [p.name, p.name === 'power.battery_voltage' ? 28.1 : (p.validRange?.min ?? 0)])),
    });
    const rawOffset = String(nextOffset);
    await archive('telemetry.raw.power', [
      { rawPacket: { receivedAtMs: arrivalMs, satelliteId: 101, apid: 272, sequenceCount: 5, onboardTimeMs: timeMs, groundStation: 'svalbard', packet: bytes } },
    ]);
    const voltage = mdb.parameter('power.battery_voltage')!;
    await archive('telemetry.samples', [
      {
        samples: sampleColumns([{ timeMs, satelliteId: 101, parameterId: voltage.id, value: 28.1, rawValue: 28100, quality: 0 }]),
        packets: [{ ...packetRecord(timeMs, 5), arrivalMs, receivedOnboardTimeMs: null, source: { topic: 'telemetry.raw.power', partition: 0, offset: rawOffset } }],
      },
    ]);

    const parsed = parseLineageQuery('101', new URLSearchParams(`parameter=${voltage.id}&time=${timeMs}`), mdb);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.query.apids).toEqual([272]);
    const row = await store.sampleLineage(parsed.query);
    expect(row).not.toBeNull();
    const answer = lineageResponse(mdb, voltage.id, row!);
    expect(answer.parameter).toEqual({ id: voltage.id, name: 'power.battery_voltage', unit: 'V' });
    expect(answer.sample).toEqual({ timeMs, value: 28.1, rawValue: 28100, quality: 0 });
    expect(answer.packet).toEqual({
      apid: 272,
      sequenceCount: 5,
      topic: 'telemetry.raw.power',
      partition: 0,
      offset: rawOffset,
      arrivalMs,
      receivedOnboardTimeMs: null,
      groundStation: 'svalbard',
      mode: 'SUN_POINTING',
      calibrationVersion: '1.0.0',
      playback: false,
      orbit: { latDeg: 71.5, lonDeg: 12.25, altKm: 512.5 },
    });
    expect(answer.raw).toEqual({ bytes: bytes.length, hex: Buffer.from(bytes).toString('hex'), apid: 272, sequenceCount: 5, definitionVersion: layout.version });
    // No sample at another time.
    expect(await store.sampleLineage({ ...parsed.query, timeMs: timeMs + 1 })).toBeNull();
  });

  it('refuses a query it cannot answer, naming what is wrong', () => {
    const mdb = defaultMissionDatabase();
    const reasons = [
      ['101', 'parameter=99999&time=1', /unknown parameter id 99999/],
      ['101', 'parameter=100&time=soon', /time must be/],
      ['101', 'time=1', /parameter must be/],
      ['x', 'parameter=100&time=1', /satellite id/],
      ['101', 'parameter=100&time=1&sql=1%27%3B', /unknown parameter "sql"/],
    ] as const;
    for (const [id, query, error] of reasons) {
      const parsed = parseLineageQuery(id, new URLSearchParams(query), mdb);
      expect(parsed.ok ? 'accepted' : parsed.error).toMatch(error);
    }
  });
});

describe('Archive > 1-second tier of slow parameters', () => {
  it('stores no 1 s buckets for a 1 Hz parameter and serves its 1 s tier from raw samples', async () => {
    const slowStore = new PostgresTelemetryStore(db.pool, { secondTierParameterIds: new Set([100]) });
    const samples: SampleRecord[] = [];
    for (let s = 0; s < 1200; s++) {
      samples.push({ timeMs: T0 + s * 1000, satelliteId: 101, parameterId: 1000, value: s, rawValue: s, quality: 0 });
      samples.push({ timeMs: T0 + s * 1000 + 100, satelliteId: 101, parameterId: 100, value: 28, rawValue: 28000, quality: 0 });
      samples.push({ timeMs: T0 + s * 1000 + 600, satelliteId: 101, parameterId: 100, value: 30, rawValue: 30000, quality: 0 });
    }
    await slowStore.archiveBatch({ consumerGroup: 'tiers', topic: 'telemetry.samples', partition: 0, messages: [{ offset: '0', samples: sampleColumns(samples) }] });
    expect(await rows('SELECT parameter_id, count(*)::int AS buckets FROM agg_1s GROUP BY 1 ORDER BY 1')).toEqual([{ parameter_id: 100, buckets: 1200 }]);
    expect(await rows('SELECT parameter_id, sum(count)::int AS n FROM agg_1m GROUP BY 1 ORDER BY 1')).toEqual([
      { parameter_id: 100, n: 2400 },
      { parameter_id: 1000, n: 1200 },
    ]);
    const { tier, series } = await slowStore.getSeries({ satelliteId: 101, parameterIds: [1000, 100], fromMs: T0, toMs: T0 + 1_199_000 });
    expect(tier).toBe('1s');
    expect(series.map((s) => [s.parameterId, s.timesMs.length])).toEqual([
      [1000, 1200],
      [100, 1200],
    ]);
    expect(series[0]!.values.slice(0, 3)).toEqual([0, 1, 2]);
    expect([series[1]!.values[0], series[1]!.mins[0], series[1]!.maxs[0]]).toEqual([29, 28, 30]);
  });
});

describe('Archive > 1-minute tier for long windows', () => {
  it('answers a day-long window from agg_1m with each minute\'s avg, min and max', async () => {
    const samples: SampleRecord[] = [];
    for (let m = 0; m < 5; m++) {
      for (let s = 0; s < 60; s++) samples.push({ timeMs: T0 + m * 60_000 + s * 1000, satelliteId: 101, parameterId: 100, value: m * 100 + s, rawValue: 0, quality: 0 });
    }
    await store.archiveBatch({ consumerGroup: 'minutes', topic: 'telemetry.samples', partition: 0, messages: [{ offset: '0', samples: sampleColumns(samples) }] });
    const { tier, series } = await store.getSeries({ satelliteId: 101, parameterIds: [100], fromMs: T0 - 43_200_000, toMs: T0 + 43_200_000 });
    expect(tier).toBe('1m');
    expect(series[0]!.timesMs).toEqual([0, 1, 2, 3, 4].map((m) => T0 + m * 60_000));
    expect(series[0]!.values).toEqual([0, 1, 2, 3, 4].map((m) => m * 100 + 29.5));
    expect(series[0]!.mins).toEqual([0, 100, 200, 300, 400]);
    expect(series[0]!.maxs).toEqual([59, 159, 259, 359, 459]);
  });
});

describe('Archive > several partitions in one transaction', () => {
  const batchOf = (topic: string, partition: number, offsets: readonly number[], make: (offset: number) => Omit<ArchivedMessage, 'offset'>) => ({
    consumerGroup: 'perigee-archiver',
    topic,
    partition,
    messages: offsets.map((o) => ({ ...make(o), offset: String(o) })),
  });
  const raw = (offset: number): Omit<ArchivedMessage, 'offset'> => ({
    rawPacket: { receivedAtMs: T0 + offset, satelliteId: 102, apid: 272, sequenceCount: offset, onboardTimeMs: T0 + offset - 40, groundStation: 'svalbard', packet: new Uint8Array([offset, 1, 2]) },
  });
  const offsets = async () =>
    rows(`SELECT topic, partition, "offset"::int AS at FROM consumer_offsets WHERE consumer_group = 'perigee-archiver' ORDER BY topic, partition`);
  const part = (storedMessages: number, skippedMessages: number) => ({ storedMessages, skippedMessages, logReset: false });
  /** The recorded offsets of raw power partition 0 and samples partitions 0 and 2, as `offsets()` lists them. */
  const recorded = ({ raw0, samples0, samples2 }: { raw0: number; samples0: number; samples2: number }) => [
    { topic: 'telemetry.raw.power', partition: 0, at: raw0 },
    { topic: 'telemetry.samples', partition: 0, at: samples0 },
    { topic: 'telemetry.samples', partition: 2, at: samples2 },
  ];

  it('stores every batch with its own partition\'s offset, skips per partition what was stored, and widens a satellite\'s span once', async () => {
    // Two sample partitions and one raw partition; 101's frames sit on two partitions (a satellite moved between them):
    // its sighting span is one row of the satellites upsert, which may touch a row only once.
    const first = await store.archiveBatches([
      batchOf('telemetry.samples', 2, [10, 11], (o) => frame(T0 + (o - 10) * 1000, o, 20 + o)),
      batchOf('telemetry.raw.power', 0, [5, 6, 7], raw),
      batchOf('telemetry.samples', 0, [3], () => frame(T0 + 5000, 3, 40)),
    ]);
    expect(first).toEqual({ batches: [part(2, 0), part(3, 0), part(1, 0)], samples: 6, duplicateSamples: 0 });
    expect(await offsets()).toEqual(recorded({ raw0: 7, samples0: 3, samples2: 11 }));
    expect(await rows(`SELECT (extract(epoch FROM ts) * 1000)::float8 - ${T0} AS at, value FROM samples WHERE parameter_id = 100 ORDER BY ts`)).toEqual([
      { at: 0, value: 30 },
      { at: 1000, value: 31 },
      { at: 5000, value: 40 },
    ]);
    expect(await rows(`SELECT "offset"::int AS at, sequence_count FROM raw_packets ORDER BY "offset"`)).toEqual([
      { at: 5, sequence_count: 5 },
      { at: 6, sequence_count: 6 },
      { at: 7, sequence_count: 7 },
    ]);
    expect(await rows(`SELECT id, (extract(epoch FROM first_seen) * 1000)::float8 - ${T0} AS first, (extract(epoch FROM last_seen) * 1000)::float8 - ${T0} AS last FROM satellites ORDER BY id`)).toEqual([
      { id: 101, first: 0, last: 5000 },
    ]);

    // Redelivered after a crash, with what followed: per partition, what was stored is skipped.
    const again = await store.archiveBatches([
      batchOf('telemetry.raw.power', 0, [6, 7, 8], raw),
      batchOf('telemetry.samples', 2, [11, 12], (o) => frame(T0 + (o - 10) * 1000, o, 20 + o)),
    ]);
    expect(again).toEqual({ batches: [part(1, 2), part(1, 1)], samples: 2, duplicateSamples: 0 });
    expect(await offsets()).toEqual(recorded({ raw0: 8, samples0: 3, samples2: 12 }));
    expect(await rows('SELECT count(*)::int AS n FROM raw_packets')).toEqual([{ n: 4 }]);
    expect(await rows('SELECT count(*)::int AS n FROM samples')).toEqual([{ n: 8 }]);
  });

  it('refuses two batches of one partition in a transaction, and a failing batch stores none of the others', async () => {
    await expect(
      store.archiveBatches([batchOf('telemetry.raw.power', 1, [1], raw), batchOf('telemetry.raw.power', 1, [2], raw)]),
    ).rejects.toThrow(/at most one batch per partition/);
    const broken = { ...batchOf('telemetry.raw.power', 2, [1], raw), messages: [{ ...raw(1), offset: 'not-an-offset' }] };
    await expect(store.archiveBatches([batchOf('telemetry.raw.power', 1, [1, 2], raw), broken])).rejects.toThrow(/offset must be a non-negative decimal integer/);
    expect(await rows('SELECT count(*)::int AS n FROM raw_packets')).toEqual([{ n: 0 }]);
    expect(await offsets()).toEqual([]);
  });
});
