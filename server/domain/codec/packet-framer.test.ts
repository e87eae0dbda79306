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
});
