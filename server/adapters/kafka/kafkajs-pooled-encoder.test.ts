import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { PooledEncoder } from './kafkajs-pooled-encoder';

const require = createRequire(import.meta.url);

interface DecodedRecord {
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer>;
  offset: string;
}

describe('Kafka > pooled encoder', () => {
  it('is the Encoder kafkajs loads from then on', () => {
    expect(require('kafkajs/src/protocol/encoder.js')).toBe(PooledEncoder);
  });

  it('writes what it is given and hands out only that, whatever its pooled memory held before', () => {
    // Dirty the pool first: an encoder must never expose bytes it did not write.
    Buffer.allocUnsafe(4096).fill(0xee);
    const encoder = new PooledEncoder() as unknown as { writeInt32(v: number): unknown; writeVarIntString(v: string): unknown; writeBytes(v: Buffer): unknown; buffer: Buffer };
    encoder.writeInt32(-2);
    encoder.writeVarIntString('perigee-ground-station');
    encoder.writeBytes(Buffer.alloc(1000, 7)); // past the initial 512 bytes: grows
    const expected = Buffer.concat([Buffer.from([0xff, 0xff, 0xff, 0xfe]), Buffer.from([44]), Buffer.from('perigee-ground-station'), Buffer.from([0, 0, 3, 0xe8]), Buffer.alloc(1000, 7)]);
    expect(encoder.buffer.equals(expected)).toBe(true);
  });

  it('round-trips a record batch of packets with the gateway\'s headers through kafkajs\'s own encoder and decoder', async () => {
    const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0/index.js');
    const Record = require('kafkajs/src/protocol/recordBatch/record/v0/index.js');
    const decodeBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder.js');
    const Decoder = require('kafkajs/src/protocol/decoder.js');
    Buffer.allocUnsafe(8192).fill(0xab);
    const sent = Array.from({ length: 300 }, (_, i) => ({
      key: Buffer.from(String(101 + (i % 20))),
      value: Buffer.from(Array.from({ length: 40 + (i % 200) }, (_, k) => (i * 7 + k) % 256)),
      headers: { 'perigee-arrival-ms': String(1_764_000_000_000 + i), 'perigee-ground-station': i % 2 ? 'svalbard' : 'kiruna', 'perigee-source': `tcp:127.0.0.1:${50_000 + i}`, ...(i % 3 ? {} : { 'perigee-playback': '1' }) },
    }));
    const records = sent.map((m, i) => Record({ ...m, offsetDelta: i, timestampDelta: i }));
    const batch = await RecordBatch({ records, firstTimestamp: 1_764_000_000_000, maxTimestamp: 1_764_000_000_299, lastOffsetDelta: sent.length - 1 });
    const decoded = (await decodeBatch(new Decoder(batch.buffer))) as { records: DecodedRecord[] };
    expect(decoded.records.map((r) => [r.offset, r.key?.toString(), r.value?.toString('hex'), Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, v.toString()]))])).toEqual(
      sent.map((m, i) => [String(i), m.key.toString(), m.value.toString('hex'), m.headers]),
    );
  });
});
