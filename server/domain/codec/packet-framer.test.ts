import { describe, expect, it } from 'vitest';
import { defaultMissionDatabase } from '../mission/default-mission-database';
import { encodePacket } from './packet-codec';
import { PacketFramer } from './packet-framer';

const mdb = defaultMissionDatabase();

function thermal(sequenceCount: number): Uint8Array {
  const layout = mdb.packetLayout(288, 1)!;
  const values = Object.fromEntries(layout.parameters.map((p, i) => [p.name, 20 + i / 10]));
  return encodePacket(mdb, { apid: 288, satelliteId: 102, sequenceCount, onboardTimeMs: Date.UTC(2026, 0, 1), values });
}

describe('Codec > PacketFramer', () => {
  it('splits a stream cut at arbitrary points into the packets it carries', () => {
    const packets = [thermal(1), thermal(2), thermal(3)];
    const stream = Buffer.concat(packets);
    const framer = new PacketFramer({ maxPacketBytes: mdb.maxPacketBytes });
    const out: Uint8Array[] = [];
    for (const cut of [1, 5, 6, 7, 130, 200, 244, stream.length]) {
      const start = out.reduce((n, p) => n + p.length, 0) + framer.pendingBytes;
      for (const item of framer.push(stream.subarray(start, cut))) {
        if ('error' in item) throw item.error;
        out.push(item.packet);
      }
    }
    expect(out.map((p) => Buffer.from(p).toString('hex'))).toEqual(packets.map((p) => Buffer.from(p).toString('hex')));
    expect(framer.pendingBytes).toBe(0);
  });

  it('reports an oversized length once, then refuses further input', () => {
    const framer = new PacketFramer({ maxPacketBytes: 200 });
    const header = Uint8Array.from([0x09, 0x00, 0xc0, 0x01, 0x10, 0x00]); // declares 4103 bytes
    const items = framer.push(Buffer.concat([thermal(9), header]));
    expect(items).toHaveLength(2);
    expect('packet' in items[0]!).toBe(true);
    const second = items[1]!;
    expect('error' in second && second.error.reason).toBe('oversized');
    expect('error' in second && second.error.message).toBe('header declares a 4103-byte packet, above the 200-byte bound; stream abandoned');
    expect(framer.isFailed).toBe(true);
    expect(() => framer.push(thermal(10))).toThrow('framer failed earlier');
  });

  describe('#end', () => {
    it('reports the bytes of a packet cut short by the end of the stream as truncated, with those exact bytes', () => {
      const framer = new PacketFramer({ maxPacketBytes: mdb.maxPacketBytes });
      const whole = thermal(11);
      const cut = thermal(12).subarray(0, 100);
      expect(framer.push(Buffer.concat([whole, cut])).map((item) => ('packet' in item ? item.packet.length : -1))).toEqual([whole.length]);
      const [item, ...rest] = framer.end();
      expect(rest).toEqual([]);
      expect(item && 'error' in item && [item.error.reason, item.error.message]).toEqual(['truncated', `stream ended after 100 bytes of a ${whole.length}-byte packet`]);
      expect(item && 'error' in item && Buffer.from(item.bytes).equals(Buffer.from(cut))).toBe(true);
      expect([framer.pendingBytes, framer.end()]).toEqual([0, []]);
    });

    it('reports a header fragment, and nothing after a clean end or a failure', () => {
      const fragment = new PacketFramer({ maxPacketBytes: mdb.maxPacketBytes });
      fragment.push(thermal(13).subarray(0, 4));
      expect(fragment.end().map((item) => 'error' in item && item.error.message)).toEqual(['stream ended 4 bytes into a primary header']);
      const clean = new PacketFramer({ maxPacketBytes: mdb.maxPacketBytes });
      clean.push(thermal(14));
      expect(clean.end()).toEqual([]);
      const failed = new PacketFramer({ maxPacketBytes: 200 });
      failed.push(thermal(15));
      expect(failed.end()).toEqual([]);
    });
  });
});
