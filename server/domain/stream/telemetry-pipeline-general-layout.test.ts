import { describe, expect, it } from 'vitest';
import { crc16 } from '../codec/crc16';
import { signedBits, unsignedBits } from '../codec/testing/bit-pattern';
import { demoFleet } from '../mission/fleet';
import { MissionDatabase } from '../mission/mission-database';
import type { MissionDatabaseInput } from '../mission/schema';
import { TelemetryPipeline } from './telemetry-pipeline';

/*
 * The processor takes any mission database, not only the built-in one: a
 * power packet of bit fields (an enumeration, a 14-bit signed current, a
 * 4-cell array of 12-bit voltages, a little-endian counter, spare bits) goes through
 * the same decode → validate → frame path as the simulated fleet's packets.
 */
const definition: MissionDatabaseInput = {
  mission: 'bit-packed power',
  version: '2.0.0',
  subsystems: [{ id: 'power', name: 'Power', topic: 'telemetry.raw.power' }],
  parameters: [
    { id: 100, name: 'power.mode', subsystem: 'power', description: '', unit: '', encoding: { kind: 'unsigned', bits: 2 }, calibration: { type: 'none' }, states: { '0': 'OFF', '1': 'CHARGE', '2': 'DISCHARGE' } },
    { id: 101, name: 'power.current', subsystem: 'power', description: '', unit: 'A', encoding: { kind: 'signed', bits: 14 }, calibration: { type: 'polynomial', coefficients: [0, 0.001] } },
    { id: 110, name: 'power.cell', subsystem: 'power', description: '', unit: 'V', arrayLength: 4, encoding: { kind: 'unsigned', bits: 12 }, calibration: { type: 'polynomial', coefficients: [0, 0.001] }, validRange: { min: 0, max: 4 } },
    { id: 120, name: 'power.cycles', subsystem: 'power', description: '', unit: '', encoding: { kind: 'unsigned', bits: 16, byteOrder: 'little' }, calibration: { type: 'none' } },
  ],
  packets: [{ name: 'power-packed', apid: 272, version: 2, subsystem: 'power', rateHz: 5, parameters: ['power.mode', 'power.current', 'power.cell', { spare: 4 }, 'power.cycles', { spare: 4 }] }],
};
const mdb = MissionDatabase.fromFile(definition);
const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);

/** A Perigee packet written out by hand: primary header, secondary header, bit-packed body, CRC. */
function packet(sequenceCount: number, body: string, satelliteId = 101): Uint8Array {
  const totalBytes = 16 + body.length / 8 + 2;
  const seconds = T0 / 1000;
  const header =
    '000' + '0' + '1' + unsignedBits(272, 11) + '11' + unsignedBits(sequenceCount, 14) + unsignedBits(totalBytes - 7, 16) +
    unsignedBits(seconds, 32) + unsignedBits(0, 16) + unsignedBits(satelliteId, 16) + unsignedBits(2, 8) + unsignedBits(0, 8);
  const bits = header + body;
  const bytes = Uint8Array.from({ length: totalBytes }, (_, i) => (i < totalBytes - 2 ? parseInt(bits.slice(8 * i, 8 * i + 8), 2) : 0));
  const crc = crc16(bytes, 0, totalBytes - 2);
  bytes[totalBytes - 2] = crc >> 8;
  bytes[totalBytes - 1] = crc & 0xff;
  return bytes;
}

describe('Stream > TelemetryPipeline with a bit-packed mission database', () => {
  it('turns a bit-packed packet into a frame of every sample, array elements included', () => {
    const cells = [3700, 3712, 3698, 4000];
    const body =
      unsignedBits(1, 2) + signedBits(-2500, 14) + cells.map((c) => unsignedBits(c, 12)).join('') + '0000' + unsignedBits(0x34, 8) + unsignedBits(0x12, 8) + '0000';
    const pipeline = new TelemetryPipeline({ mdb, fleet: demoFleet(3) });
    const { frames, quarantine } = pipeline.processBatch([
      { bytes: packet(7, body), topic: 'telemetry.raw.power', partition: 0, offset: '0', arrivalMs: T0 + 40 },
    ]);
    // 4000 counts is 4.000 V, the top of the cells' valid range.
    expect(quarantine).toEqual([]);
    expect(frames).toHaveLength(1);
    const frame = frames[0]!;
    expect(frame).toMatchObject({ satelliteId: 101, apid: 272, subsystem: 'power', sequenceCount: 7, onboardTimeMs: T0 });
    expect(frame.parameterIds).toEqual([100, 101, 110, 111, 112, 113, 120]);
    expect(frame.rawValues).toEqual([1, -2500, ...cells, 0x1234]);
    expect(frame.values[1]).toBeCloseTo(-2.5, 12);
    expect(frame.values.slice(2, 6).map((v) => Math.round(v! * 1000))).toEqual(cells);
  });

  it('quarantines one array element outside its valid range and keeps the rest of the packet', () => {
    const cells = [3700, 4000, 4001, 0];
    const body = unsignedBits(2, 2) + signedBits(100, 14) + cells.map((c) => unsignedBits(c, 12)).join('') + '0000' + unsignedBits(1, 16) + '0000';
    const pipeline = new TelemetryPipeline({ mdb, fleet: demoFleet(3) });
    const { frames, quarantine } = pipeline.processBatch([{ bytes: packet(8, body), topic: 'telemetry.raw.power', partition: 0, offset: '1', arrivalMs: T0 + 40 }]);
    expect(quarantine.map((q) => [q.reason, q.parameterId])).toEqual([['out-of-range', 112]]);
    expect(frames[0]!.parameterIds).toEqual([100, 101, 110, 111, 113, 120]);
  });
});
