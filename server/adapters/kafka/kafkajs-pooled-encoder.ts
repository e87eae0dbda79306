/**
 * kafkajs (2.2.4) encodes every request, record batch, record and record
 * header with an Encoder of its own, which starts with Buffer.alloc(512) and
 * grows with Buffer.alloc: a new zero-filled ArrayBuffer each time, outside
 * Node's buffer pool. A raw packet with the gateway's headers makes six of
 * them on its way out, and a CPU profile of a Kafka pass dump showed 6 % of
 * the process in those allocations alone, plus the garbage they leave.
 *
 * This module, imported before kafkajs, puts a subclass in place of kafkajs's
 * Encoder whose buffers come from Buffer.allocUnsafe: pooled for small
 * sizes, not zero-filled. That is safe because an Encoder only ever hands out
 * the bytes it wrote (`buffer` is `buf.slice(0, offset)`); the round-trip
 * test decodes what it encodes. kafkajs's modules that load the Encoder
 * later (most request encoders load on first use) get the subclass; any
 * loaded before this ran keep the original, which works the same, only
 * slower.
 *
 * @example
 *   import './kafkajs-pooled-encoder'; // before any import of kafkajs
 *   import { Kafka } from 'kafkajs';
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface EncoderClass {
  new (initialSize?: number): { buf: Buffer; offset: number };
  nextPowerOfTwo(value: number): number;
}

const path = require.resolve('kafkajs/src/protocol/encoder.js');
const Encoder = require(path) as EncoderClass;

/** kafkajs's Encoder with pooled, unzeroed buffers; exported for its test. */
export class PooledEncoder extends Encoder {
  constructor(initialSize = 511) {
    // The base class's buffer is replaced at once: let it allocate as little as it can.
    super(0);
    this.buf = Buffer.allocUnsafe(Encoder.nextPowerOfTwo(initialSize));
  }

  ensureAvailable(length: number): void {
    if (this.offset + length > this.buf.length) {
      const grown = Buffer.allocUnsafe(Encoder.nextPowerOfTwo(this.offset + length));
      this.buf.copy(grown, 0, 0, this.offset);
      this.buf = grown;
    }
  }
}

const cached = require.cache[path];
if (cached && cached.exports === Encoder) cached.exports = PooledEncoder;
