import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../testing/test-database';
import { insertQuarantine, type QuarantineRow } from './insert-quarantine';
import { selectRecentQuarantine } from './select-recent-quarantine';

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);

let db: TestDatabase;
beforeAll(async () => {
  db = await startTestDatabase();
});
afterAll(() => db?.stop());
beforeEach(async () => {
  await db.pool.query('TRUNCATE quarantine');
});

const corruptPacket: QuarantineRow = {
  receivedAtMs: T0 + 2000,
  reason: 'crc-mismatch',
  detail: 'CRC 0xbeef does not match computed 0xbeee',
  payload: Uint8Array.from([0x0d, 0x20, 0xc0, 0x01, 0x00, 0x07, 0xbe, 0xef]),
  satelliteId: 101,
  apid: 288,
  stage: 'processor',
  origin: { topic: 'telemetry.raw.thermal', partition: 1, offset: '4711' },
  topic: 'telemetry.quarantine',
  partition: 0,
  offset: '12',
};

const badEvent: QuarantineRow = {
  receivedAtMs: T0,
  reason: 'bad-event',
  detail: 'not JSON',
  payload: new Uint8Array(300).map((_, i) => i % 256),
  satelliteId: null,
  apid: null,
  stage: 'ingest',
  topic: 'telemetry.quarantine',
  partition: 0,
  offset: '11',
};

describe('Queries > selectRecentQuarantine', () => {
  it('reads stored refusals back newest first, with the payload as hex and its full length', async () => {
    expect(await insertQuarantine(db.pool, [badEvent, corruptPacket])).toBe(2);
    const rows = await selectRecentQuarantine(db.pool, { limit: 20, payloadBytes: 256 });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      receivedAtMs: T0 + 2000,
      stage: 'processor',
      reason: 'crc-mismatch',
      detail: 'CRC 0xbeef does not match computed 0xbeee',
      satelliteId: 101,
      apid: 288,
      topic: 'telemetry.quarantine',
      partition: 0,
      offset: '12',
      origin: { topic: 'telemetry.raw.thermal', partition: 1, offset: '4711' },
      payloadHex: '0d20c0010007beef',
      payloadLength: 8,
    });
    // Only the first 256 of 300 bytes leave the database.
    expect(rows[1]).toMatchObject({ stage: 'ingest', reason: 'bad-event', satelliteId: null, apid: null, origin: null, payloadLength: 300 });
    expect(rows[1]!.payloadHex).toHaveLength(512);
    expect(rows[1]!.payloadHex.slice(0, 8)).toBe('00010203');
    expect(rows[1]!.payloadHex.slice(-4)).toBe('feff');
  });

  it('returns at most `limit` rows, the newest', async () => {
    await insertQuarantine(db.pool, [badEvent, corruptPacket]);
    const rows = await selectRecentQuarantine(db.pool, { limit: 1, payloadBytes: 4 });
    expect(rows.map((r) => [r.reason, r.payloadHex, r.payloadLength])).toEqual([['crc-mismatch', '0d20c001', 8]]);
  });
});
