import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Alert } from '../domain/alert';
import type { ConsumedMessage } from '../ports/bus';
import { archiveRecord } from '../worker/archive-record';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { TOPICS } from '../topics';
import type { SampleFrame } from '../domain/sample-frame';
import { encodeSampleFrames } from '../domain/sample-frame-codec';
import type { WindowAggregate } from '../domain/stream/window-aggregate';
import { encodeWindowAggregates } from '../domain/stream/window-aggregate-codec';
import { SAMPLE_QUALITY } from '../ports/telemetry-store';
import { SCHEMA_HEADER, contractHeader, decodeEvent, readAlertsTopicEvent, readEvent, type EventContract } from './event-contracts';
import { sampleRecords } from '../ports/sample-columns';

const ALERT: Alert = {
  id: 'limit:101:power.battery_voltage:1000',
  ruleId: 'limit',
  satelliteId: 101,
  subject: 'power.battery_voltage',
  kind: 'raised',
  severity: 'warning',
  windowStartMs: 1000,
  windowEndMs: 1000,
  value: 25.9,
  threshold: 26,
  message: 'battery voltage 25.9 V',
};

/** A processed power packet of satellite 101, as the processor publishes it. */
const POWER_FRAME: SampleFrame = {
  satelliteId: 101,
  subsystem: 'power',
  apid: 272,
  sequenceCount: 12,
  onboardTimeMs: 1_790_000_000_000,
  arrivalMs: 1_790_000_000_040,
  parameterIds: [100, 101],
  values: [28.1, null],
  rawValues: [28100, 0],
  source: { topic: TOPICS.rawPower, partition: 2, offset: '77' },
  context: { mode: 'NOMINAL', orbit: null, calibrationVersion: '1.1.0' },
};

const message = (value: unknown, headers: Record<string, string> = {}) => ({ headers, value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)) });

describe('event contracts', () => {
  it('names the contract and version a producer writes, and reads it back', () => {
    expect(contractHeader('alert')).toEqual({ [SCHEMA_HEADER]: 'alert@1' });
    expect(readEvent('alert', message(ALERT, contractHeader('alert')))).toEqual({ ok: true, value: ALERT, version: 1 });
    // Messages from before contracts carry no header: version 1.
    expect(readEvent('alert', message(ALERT))).toEqual({ ok: true, value: ALERT, version: 1 });
  });

  it('tells the two contracts of telemetry.alerts apart by the header', () => {
    const transition = {
      alarmId: 7, satelliteId: 101, ruleId: 'limit', subject: 'power.battery_voltage', severity: 'critical',
      version: 3, state: 'acknowledged', action: 'acknowledge', actor: 'alice', atMs: 1_795_000_000_000,
    };
    expect(readAlertsTopicEvent(message(transition, contractHeader('alarm-transition')))).toEqual({ ok: true, contract: 'alarm-transition', value: transition });
    expect(readAlertsTopicEvent(message(ALERT, contractHeader('alert')))).toEqual({ ok: true, contract: 'alert', value: ALERT });
    expect(readAlertsTopicEvent(message(ALERT))).toEqual({ ok: true, contract: 'alert', value: ALERT });
    // A transition's header with an alert's body is a broken transition, not an alert.
    expect(readAlertsTopicEvent(message(ALERT, contractHeader('alarm-transition')))).toMatchObject({ ok: false, reason: 'bad-message' });
    expect(readAlertsTopicEvent(message(ALERT, { [SCHEMA_HEADER]: 'alert@7' }))).toMatchObject({ ok: false, reason: 'unknown-schema-version' });
  });

  it('refuses what it does not know, never guessing', () => {
    expect(readEvent('alert', message(ALERT, { [SCHEMA_HEADER]: 'alert@7' }))).toEqual({
      ok: false,
      reason: 'unknown-schema-version',
      detail: 'alert@7 is not a version this consumer knows (known: 1)',
    });
    expect(readEvent('alert', message(ALERT, { [SCHEMA_HEADER]: 'sample-frame@1' }))).toMatchObject({ ok: false, reason: 'unknown-schema-version', detail: 'a sample-frame message on telemetry.alerts, which carries alert' });
    expect(readEvent('alert', message(ALERT, { [SCHEMA_HEADER]: 'alert' }))).toMatchObject({ ok: false, reason: 'unknown-schema-version' });
    expect(readEvent('alert', message('{not json', contractHeader('alert')))).toMatchObject({ ok: false, reason: 'bad-message' });
    expect(readEvent('alert', message({ ...ALERT, kind: 'maybe' }, contractHeader('alert')))).toMatchObject({ ok: false, reason: 'bad-message', detail: expect.stringMatching(/^alert@1 kind: /) });
  });

  it('decodes every version it ever accepted, upgrading older ones to the current shape', () => {
    const v1 = z.object({ volts: z.number() }).strict();
    const v2 = z.object({ volts: z.number(), source: z.enum(['battery', 'bus']) }).strict();
    const contract: EventContract = {
      topic: TOPICS.samples,
      versions: [
        { version: 1, schema: v1, upgrade: ((old: z.infer<typeof v1>) => ({ ...old, source: 'battery' })) as (value: never) => unknown },
        { version: 2, schema: v2 },
      ],
    };
    expect(decodeEvent(contract, 'power-reading', message({ volts: 28 }, { [SCHEMA_HEADER]: 'power-reading@1' }))).toEqual({ ok: true, value: { volts: 28, source: 'battery' }, version: 1 });
    expect(decodeEvent(contract, 'power-reading', message({ volts: 28, source: 'bus' }, { [SCHEMA_HEADER]: 'power-reading@2' }))).toEqual({ ok: true, value: { volts: 28, source: 'bus' }, version: 2 });
    // A v2 shape under a v1 header is not v1.
    expect(decodeEvent(contract, 'power-reading', message({ volts: 28, source: 'bus' }, { [SCHEMA_HEADER]: 'power-reading@1' }))).toMatchObject({ ok: false, reason: 'bad-message' });
    expect(decodeEvent(contract, 'power-reading', message({ volts: 28 }, { [SCHEMA_HEADER]: 'power-reading@3' }))).toMatchObject({ ok: false, reason: 'unknown-schema-version' });
  });

  it('the archiver quarantines a message of an unknown version with that reason, keeping its bytes', () => {
    const consumed: ConsumedMessage = {
      topic: TOPICS.alerts,
      partition: 0,
      offset: '41',
      key: '101',
      timestampMs: 5000,
      headers: { [SCHEMA_HEADER]: 'alert@2' },
      value: Buffer.from(JSON.stringify(ALERT)),
    };
    const record = archiveRecord(defaultMissionDatabase(), consumed);
    expect(record.offset).toBe('41');
    expect(record.alert).toBeUndefined();
    expect(record.quarantine).toMatchObject({ reason: 'unknown-schema-version', detail: 'telemetry.alerts: alert@2 is not a version this consumer knows (known: 1)', stage: 'worker' });
    expect(Buffer.from(record.quarantine!.payload).toString()).toBe(JSON.stringify(ALERT));
    expect(archiveRecord(defaultMissionDatabase(), { ...consumed, headers: contractHeader('alert') }).alert).toEqual(ALERT);
  });

  it('reads sample frames of both versions as a list: a v1 JSON frame upgraded, a v2 binary message of several', () => {
    const frame = POWER_FRAME;
    const next = { ...frame, sequenceCount: 13, onboardTimeMs: frame.onboardTimeMs + 200, values: [28.2, 5.9], source: { ...frame.source!, offset: '78' } };
    expect(contractHeader('sample-frame')).toEqual({ [SCHEMA_HEADER]: 'sample-frame@2' });
    expect(readEvent('sample-frame', message(frame, { [SCHEMA_HEADER]: 'sample-frame@1' }))).toEqual({ ok: true, value: [frame], version: 1 });
    expect(readEvent('sample-frame', message(frame))).toEqual({ ok: true, value: [frame], version: 1 });
    expect(readEvent('sample-frame', { headers: contractHeader('sample-frame'), value: encodeSampleFrames([frame, next]) })).toEqual({ ok: true, value: [frame, next], version: 2 });
    // JSON under a v2 header, and a binary frame the schema refuses (APID beyond 11 bits), are bad messages with the reason.
    expect(readEvent('sample-frame', message(frame, contractHeader('sample-frame')))).toEqual({
      ok: false,
      reason: 'bad-message',
      detail: 'sample-frame@2 unreadable: not a sample-frame@2 message (no PSF2 magic)',
    });
    expect(readEvent('sample-frame', { headers: contractHeader('sample-frame'), value: encodeSampleFrames([frame, { ...frame, apid: 0x800 }]) })).toEqual({
      ok: false,
      reason: 'bad-message',
      detail: 'sample-frame@2 unreadable: frame 1: APID 2048 beyond 11 bits',
    });
  });

  it('reads window aggregates of both versions as a list', () => {
    const aggregate: WindowAggregate = { satelliteId: 101, parameterId: 100, windowStartMs: 1_790_000_000_000, windowMs: 1000, min: 28, max: 28.4, sum: 56.4, count: 2, last: 28.4, lastTimeMs: 1_790_000_000_800, late: false, mode: 'replace' };
    const late = { ...aggregate, late: true, count: 3, sum: 84.6 };
    expect(contractHeader('window-aggregate')).toEqual({ [SCHEMA_HEADER]: 'window-aggregate@2' });
    expect(readEvent('window-aggregate', message(aggregate, { [SCHEMA_HEADER]: 'window-aggregate@1' }))).toEqual({ ok: true, value: [aggregate], version: 1 });
    expect(readEvent('window-aggregate', { headers: contractHeader('window-aggregate'), value: encodeWindowAggregates([aggregate, late]) })).toEqual({ ok: true, value: [aggregate, late], version: 2 });
    expect(readEvent('window-aggregate', { headers: contractHeader('window-aggregate'), value: encodeWindowAggregates([{ ...aggregate, min: 29 }]) })).toMatchObject({
      ok: false,
      reason: 'bad-message',
      detail: 'window-aggregate@2 unreadable: aggregate 0: min exceeds max',
    });
  });

  it('the archiver stores every frame of a v2 message: samples, packet context and lineage of each', () => {
    const base: SampleFrame = { ...POWER_FRAME, satelliteId: 102, sequenceCount: 1, values: [28, 6], rawValues: [28000, 6000], receivedOnboardTimeMs: 1_790_000_009_000, source: { topic: TOPICS.rawPower, partition: 1, offset: '5' } };
    const second: SampleFrame = { ...base, sequenceCount: 2, onboardTimeMs: base.onboardTimeMs + 200, values: [null, 6.5], rawValues: [0, 6500], source: { ...base.source!, offset: '6' }, playback: true };
    delete (second as { receivedOnboardTimeMs?: number }).receivedOnboardTimeMs;
    const record = archiveRecord(defaultMissionDatabase(), {
      topic: TOPICS.samples,
      partition: 3,
      offset: '900',
      key: '102',
      timestampMs: 0,
      headers: contractHeader('sample-frame'),
      value: encodeSampleFrames([base, second]),
    });
    expect(record.offset).toBe('900');
    expect(record.samples && sampleRecords(record.samples)).toEqual([
      { timeMs: base.onboardTimeMs, satelliteId: 102, parameterId: 100, value: 28, rawValue: 28000, quality: SAMPLE_QUALITY.timeRepaired },
      { timeMs: base.onboardTimeMs, satelliteId: 102, parameterId: 101, value: 6, rawValue: 6000, quality: SAMPLE_QUALITY.timeRepaired },
      { timeMs: second.onboardTimeMs, satelliteId: 102, parameterId: 101, value: 6.5, rawValue: 6500, quality: SAMPLE_QUALITY.playback },
    ]);
    expect(record.packets?.map((p) => [p.sequenceCount, p.receivedOnboardTimeMs, p.playback, p.source.offset])).toEqual([
      [1, base.receivedOnboardTimeMs, false, '5'],
      [2, null, true, '6'],
    ]);
  });
});
