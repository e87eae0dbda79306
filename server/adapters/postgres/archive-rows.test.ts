import { describe, expect, it } from 'vitest';
import type { ArchiveBatch, ArchivedMessage } from '../../ports/telemetry-store';
import { archiveRows } from './archive-rows';
import { sampleColumns, sampleRecords } from '../../ports/sample-columns';

const T0 = Date.UTC(2026, 0, 1);
const packet = Uint8Array.from([1, 2, 3]);

function batch(messages: ArchivedMessage[]): ArchiveBatch {
  return { consumerGroup: 'g', topic: 'telemetry.raw.power', partition: 2, messages };
}

const sample = (timeMs: number, satelliteId = 101) => ({ timeMs, satelliteId, parameterId: 1, value: 1, rawValue: 1, quality: 0 });

describe('Adapters > Postgres > archiveRows', () => {
  it('tags every row with its origin and spans each satellite over samples and events', () => {
    const rows = archiveRows(
      batch([
        {
          offset: '5',
          rawPacket: { receivedAtMs: T0, satelliteId: 101, apid: 300, sequenceCount: 1, onboardTimeMs: T0, groundStation: null, packet },
          samples: sampleColumns([sample(T0 + 20), sample(T0 + 10)]),
        },
        { offset: '6', quarantine: { receivedAtMs: T0, reason: 'truncated', detail: '3 bytes', payload: packet, satelliteId: 103, apid: null } },
        {
          offset: '7',
          groundStationEvent: { type: 'aos', satelliteId: 102, station: 'kiruna', timeMs: T0 + 5, passId: 'p', azimuthDeg: 10, predictedLosMs: T0 + 600_000 },
        },
      ]),
      null,
    );

    expect(rows.rawPackets).toEqual([
      { receivedAtMs: T0, satelliteId: 101, apid: 300, sequenceCount: 1, onboardTimeMs: T0, groundStation: null, packet, topic: 'telemetry.raw.power', partition: 2, offset: '5' },
    ]);
    expect(rows.quarantine.map((q) => [q.reason, q.offset, q.partition])).toEqual([['truncated', '6', 2]]);
    expect(rows.groundStationEvents.map((e) => [e.event.type, e.offset])).toEqual([['aos', '7']]);
    expect(sampleRecords(rows.samples).map((s) => s.timeMs - T0)).toEqual([20, 10]);
    // Quarantined data says nothing trustworthy about when a satellite was seen.
    expect(rows.satellites).toEqual([
      { satelliteId: 101, firstSeenMs: T0 + 10, lastSeenMs: T0 + 20 },
      { satelliteId: 102, firstSeenMs: T0 + 5, lastSeenMs: T0 + 5 },
    ]);
    expect([rows.stored, rows.skipped, rows.lastOffset]).toEqual([3, 0, 7n]);
  });

  it('skips messages at or below the archived offset, comparing 64-bit offsets exactly', () => {
    const rows = archiveRows(
      batch([
        { offset: '9007199254740992', samples: sampleColumns([sample(T0)]) },
        { offset: '9007199254740993', samples: sampleColumns([sample(T0 + 1)]) },
        { offset: '9007199254740994', samples: sampleColumns([sample(T0 + 2)]) },
      ]),
      9007199254740993n,
    );

    expect([rows.stored, rows.skipped, rows.lastOffset]).toEqual([1, 2, 9007199254740994n]);
    expect(sampleRecords(rows.samples).map((s) => s.timeMs - T0)).toEqual([2]);
  });

  it('reports no last offset when every message was archived before', () => {
    const rows = archiveRows(batch([{ offset: '1' }, { offset: '2' }]), 2n);
    expect([rows.stored, rows.skipped, rows.lastOffset]).toEqual([0, 2, null]);
  });

  it('rejects an offset that is not a decimal integer and a sample without a finite time', () => {
    expect(() => archiveRows(batch([{ offset: '-1' }]), null)).toThrow(new RangeError('offset must be a non-negative decimal integer string, got "-1"'));
    expect(() => archiveRows(batch([{ offset: '0x10' }]), null)).toThrow(RangeError);
    expect(() => archiveRows(batch([{ offset: '4', samples: sampleColumns([sample(Number.NaN)]) }]), null)).toThrow(
      new RangeError('sample of parameter 1 at offset 4 has no finite time (NaN)'),
    );
  });
});
