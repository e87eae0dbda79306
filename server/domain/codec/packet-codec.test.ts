import { describe, expect, it } from 'vitest';
import { defaultMissionDatabase } from '../mission/default-mission-database';
import { crc16 } from './crc16';
import { decodePacket, encodePacket, type PacketToEncode } from './packet-codec';
import { readPrimaryHeader } from './space-packet';

const mdb = defaultMissionDatabase();
const T0 = Date.UTC(2026, 10, 25, 12, 0, 0, 250);

/** A power packet of definition version 1 (version 2 is tested on its own below). */
function powerPacket(overrides: Partial<PacketToEncode> = {}): PacketToEncode {
  return {
    apid: 272,
    version: 1,
    satelliteId: 101,
    sequenceCount: 42,
    onboardTimeMs: T0,
    values: {
      'power.battery_voltage': 28.417,
      'power.battery_current': -1.25,
      'power.battery_temperature': 21.5,
      'power.battery_soc': 87.65,
      'power.solar_array_current_px': 2.1,
      'power.solar_array_current_mx': 0,
      'power.solar_array_current_py': 1.333,
      'power.solar_array_current_my': 0.5,
      'power.bus_load_current': 2.75,
      'power.eclipse': 0,
    },
    ...overrides,
  };
}

function expectError(bytes: Uint8Array, reason: string) {
  const result = decodePacket(mdb, bytes, { topic: 'telemetry.raw.power', partition: 1, offset: '7' });
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.reason).toBe(reason);
  expect(result.error.origin).toEqual({ topic: 'telemetry.raw.power', partition: 1, offset: '7' });
  return result.error;
}

describe('Codec > crc16', () => {
  it('matches the CRC-16/CCITT-FALSE check value', () => {
    expect(crc16(new TextEncoder().encode('123456789'))).toBe(0x29b1);
  });
});

describe('Codec > PacketCodec', () => {
  describe('#encodePacket', () => {
    it('writes the CCSDS primary header fields', () => {
      const bytes = encodePacket(mdb, powerPacket({ sequenceCount: 16383 }));
      const header = readPrimaryHeader(bytes);
      expect(header).toEqual({
        version: 0,
        type: 0,
        hasSecondaryHeader: true,
        apid: 272,
        sequenceFlags: 3,
        sequenceCount: 16383,
        dataLength: bytes.length - 7,
      });
      expect(bytes.length).toBe(mdb.packetLayout(272, 1)!.totalBytes);
    });

    it('throws on a programmer error (missing value, unknown APID)', () => {
      const { values } = powerPacket();
      const { ['power.bus_load_current']: _omitted, ...incomplete } = values;
      expect(() => encodePacket(mdb, powerPacket({ values: incomplete }))).toThrow('needs a value for "power.bus_load_current"');
      expect(() => encodePacket(mdb, powerPacket({ apid: 999 }))).toThrow('no packet definition for APID 999');
    });
  });

  describe('#decodePacket', () => {
    it('round-trips power values to their calibration resolution', () => {
      const result = decodePacket(mdb, encodePacket(mdb, powerPacket()));
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const { packet } = result;
      expect(packet.layout.name).toBe('power');
      expect(packet.satelliteId).toBe(101);
      expect(packet.sequenceCount).toBe(42);
      expect(packet.onboardTimeMs).toBe(T0);
      const byName = Object.fromEntries(packet.layout.parameters.map((p, i) => [p.name, packet.values[i]]));
      expect(byName['power.battery_voltage']).toBeCloseTo(28.417, 6);
      expect(byName['power.battery_current']).toBeCloseTo(-1.25, 6);
      expect(byName['power.battery_soc']).toBeCloseTo(87.65, 6);
      expect(byName['power.solar_array_current_py']).toBeCloseTo(1.333, 6);
      expect(byName['power.eclipse']).toBe(0);
      // Table calibration (NTC thermistor): 21.5 °C sits between the 1300 and 2048 count points.
      expect(byName['power.battery_temperature']).toBeCloseTo(21.5, 1);
      const rawTemp = packet.raw[packet.layout.parameters.findIndex((p) => p.name === 'power.battery_temperature')];
      expect(rawTemp).toBe(Math.round(1300 + ((30 - 21.5) * (2048 - 1300)) / 20));
    });

    it('round-trips float32 quaternions and int16 rates of the attitude packet', () => {
      const values: Record<string, number> = { 'attitude.adcs_mode': 2 };
      for (const [i, q] of [0.5, -0.5, 0.5, 0.5].entries()) {
        values[`attitude.q${i}`] = q;
        values[`attitude.qc${i}`] = q;
      }
      Object.assign(values, { 'attitude.rate_x': 0.125, 'attitude.rate_y': -1.5, 'attitude.rate_z': 0.002 });
      Object.assign(values, { 'attitude.wheel_speed_1': 1200.25, 'attitude.wheel_speed_2': -800, 'attitude.wheel_speed_3': 0, 'attitude.wheel_speed_4': 5999.75 });
      const result = decodePacket(mdb, encodePacket(mdb, { apid: 256, satelliteId: 7, sequenceCount: 1, onboardTimeMs: T0, values }));
      if (!result.ok) throw result.error;
      const decoded = Object.fromEntries(result.packet.layout.parameters.map((p, i) => [p.name, result.packet.values[i]]));
      expect(decoded).toEqual(values);
    });

    it('carries the playback flag of a recorded packet, and reads real-time packets as not played back', () => {
      const recorded = decodePacket(mdb, encodePacket(mdb, powerPacket({ playback: true })));
      const live = decodePacket(mdb, encodePacket(mdb, powerPacket()));
      expect(recorded.ok && recorded.packet.playback).toBe(true);
      expect(live.ok && live.packet.playback).toBe(false);
    });

    it('keeps sub-millisecond onboard time to the CUC fine-time resolution (2^-16 s)', () => {
      const result = decodePacket(mdb, encodePacket(mdb, powerPacket({ onboardTimeMs: T0 + 0.5 })));
      if (!result.ok) throw result.error;
      // 0.2505 s = 16416.77 fine ticks → 16417 ticks = 0.250504 s, reported in whole microseconds.
      expect(result.packet.onboardTimeMs).toBe(T0 + 0.504);
    });

    it('rejects a packet shorter than the primary header as truncated', () => {
      const error = expectError(new Uint8Array([0x09, 0x10, 0xc0]), 'truncated');
      expect(error?.message).toBe('packet has 3 bytes, fewer than the 6-byte primary header');
    });

    it('rejects a packet cut short of its declared length as truncated', () => {
      const bytes = encodePacket(mdb, powerPacket());
      const error = expectError(bytes.subarray(0, bytes.length - 5), 'truncated');
      expect(error?.message).toBe(`packet has ${bytes.length - 5} bytes but its header declares ${bytes.length}`);
    });

    it('rejects trailing bytes as a length mismatch', () => {
      const bytes = encodePacket(mdb, powerPacket());
      const longer = new Uint8Array(bytes.length + 3);
      longer.set(bytes);
      expectError(longer, 'length-mismatch');
    });

    it('rejects a flipped bit anywhere as a CRC mismatch and yields no values', () => {
      const bytes = encodePacket(mdb, powerPacket());
      for (const index of [7, 16, 20, bytes.length - 3]) {
        const corrupt = Uint8Array.from(bytes);
        corrupt[index]! ^= 0x04;
        const result = decodePacket(mdb, corrupt);
        expect(result).toEqual({ ok: false, error: expect.objectContaining({ reason: 'crc-mismatch' }) });
        expect('packet' in result).toBe(false);
      }
    });

    it('rejects an APID absent from the mission database (valid CRC) as unknown-apid', () => {
      const bytes = encodePacket(mdb, powerPacket());
      bytes[0] = (bytes[0]! & 0xf8) | 0x03; // APID 0x310 = 784
      bytes[1] = 0x10;
      const view = new DataView(bytes.buffer);
      view.setUint16(bytes.length - 2, crc16(bytes, 0, bytes.length - 2));
      const error = expectError(bytes, 'unknown-apid');
      expect(error?.apid).toBe(784);
    });

    it('rejects a definition version the mission database lacks', () => {
      const bytes = encodePacket(mdb, powerPacket());
      bytes[14] = 9;
      new DataView(bytes.buffer).setUint16(bytes.length - 2, crc16(bytes, 0, bytes.length - 2));
      const error = expectError(bytes, 'unknown-definition-version');
      expect(error?.message).toBe('APID 272 has no definition version 9');
    });

    it('rejects a telecommand and a missing secondary header', () => {
      const tc = encodePacket(mdb, powerPacket());
      tc[0]! |= 0x10;
      new DataView(tc.buffer).setUint16(tc.length - 2, crc16(tc, 0, tc.length - 2));
      expectError(tc, 'not-telemetry');
      const noSec = encodePacket(mdb, powerPacket());
      noSec[0]! &= ~0x08;
      new DataView(noSec.buffer).setUint16(noSec.length - 2, crc16(noSec, 0, noSec.length - 2));
      expectError(noSec, 'no-secondary-header');
    });

    it('decodes power v2 bytes written field by field: the v1 fields in their places, then the solar array power', () => {
      // Built with a DataView from the wire layout (space-packet.ts and the mission database), not with encodePacket.
      const bytes = new Uint8Array(16 + 9 * 2 + 1 + 2 + 2);
      const view = new DataView(bytes.buffer);
      view.setUint16(0, 0x0800 | 272); // version 0, telemetry, secondary header, APID 272
      view.setUint16(2, 0xc000 | 513); // unsegmented, sequence count 513
      view.setUint16(4, bytes.length - 7);
      view.setUint32(6, (T0 - 250) / 1000); // CUC coarse seconds since the 1970 epoch
      view.setUint16(10, 16384); // 0.25 s
      view.setUint16(12, 102); // spacecraft id
      view.setUint8(14, 2); // definition version 2
      view.setUint8(15, 0);
      const raw = [28_417, -1250, 1619, 8765, 2100, 0, 1333, 500, 2750];
      raw.forEach((r, i) => (i === 1 ? view.setInt16(16 + i * 2, r) : view.setUint16(16 + i * 2, r)));
      view.setUint8(34, 1); // eclipse
      view.setUint16(35, 24_789); // 247.89 W at 0.01 W per count
      view.setUint16(37, crc16(bytes, 0, 37));

      const result = decodePacket(mdb, bytes);
      if (!result.ok) throw result.error;
      const { packet } = result;
      expect([packet.layout.name, packet.layout.version, packet.satelliteId, packet.sequenceCount, packet.onboardTimeMs]).toEqual(['power', 2, 102, 513, T0]);
      const byName = Object.fromEntries(packet.layout.parameters.map((p, i) => [p.name, packet.values[i]]));
      expect(Object.keys(byName)).toEqual([...mdb.packetLayout(272, 1)!.parameters.map((p) => p.name), 'power.solar_array_power']);
      expect(byName['power.battery_voltage']).toBeCloseTo(28.417, 9);
      expect(byName['power.battery_current']).toBeCloseTo(-1.25, 9);
      expect(byName['power.battery_soc']).toBeCloseTo(87.65, 9);
      expect(byName['power.bus_load_current']).toBeCloseTo(2.75, 9);
      expect(byName['power.eclipse']).toBe(1);
      expect(byName['power.solar_array_power']).toBeCloseTo(247.89, 9);
      expect(packet.raw.at(-1)).toBe(24_789);
    });

    it('encodes v1 and v2 of the power packet with the same bytes in the shared fields, and decodes each by its version', () => {
      const { values } = powerPacket();
      const v1 = encodePacket(mdb, powerPacket());
      const v2 = encodePacket(mdb, powerPacket({ version: 2, values: { ...values, 'power.solar_array_power': 131.5 } }));
      expect(v2.length).toBe(v1.length + 2);
      expect([v1[14], v2[14]]).toEqual([1, 2]);
      expect(Buffer.from(v2.subarray(16, v1.length - 2))).toEqual(Buffer.from(v1.subarray(16, v1.length - 2)));
      const [a, b] = [decodePacket(mdb, v1), decodePacket(mdb, v2)];
      if (!a.ok || !b.ok) throw new Error('both versions decode');
      expect([a.packet.layout.version, a.packet.values.length]).toEqual([1, 10]);
      expect([b.packet.layout.version, b.packet.values.length]).toEqual([2, 11]);
      expect(b.packet.values.slice(0, 10)).toEqual(a.packet.values);
      expect(b.packet.values[10]).toBeCloseTo(131.5, 9);
      // Without a version, encodePacket writes the newest definition, which needs the new field.
      expect(() => encodePacket(mdb, powerPacket({ version: undefined }))).toThrow('needs a value for "power.solar_array_power"');
    });

    it('rejects a well-formed packet whose length differs from its definition', () => {
      // A valid-CRC packet for APID 272 that is 2 bytes longer than the power layout.
      const good = encodePacket(mdb, powerPacket());
      const bytes = new Uint8Array(good.length + 2);
      bytes.set(good.subarray(0, good.length - 2));
      const view = new DataView(bytes.buffer);
      view.setUint16(4, bytes.length - 7);
      view.setUint16(bytes.length - 2, crc16(bytes, 0, bytes.length - 2));
      const error = expectError(bytes, 'length-mismatch');
      expect(error?.message).toBe(`packet "power" v1 is ${good.length} bytes, header declares ${bytes.length}`);
    });
  });
});
