import { describe, expect, it } from 'vitest';
import type { WireEncoding } from '../mission/wire-encoding';
import { writeField } from './field-writer';
import { floatBits, reorder, signedBits, unsignedBits } from './testing/bit-pattern';

const bitsOf = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(2).padStart(8, '0')).join('');
const enc = (kind: WireEncoding['kind'], bits: number, byteSignificance: number[] | null = null): WireEncoding => ({ kind, bits, byteSignificance });

describe('Codec > writeField', () => {
  it.each([
    ['a 3-bit value at bit 5', 5, enc('unsigned', 3), 5, unsignedBits(5, 3)],
    ['a 12-bit value across a byte boundary', 3, enc('unsigned', 12), 0xabc, unsignedBits(0xabc, 12)],
    ['a negative 20-bit value', 7, enc('signed', 20), -123456, signedBits(-123456, 20)],
    ['a little-endian 16-bit value at an odd offset', 9, enc('unsigned', 16, [0, 1]), 0x1234, reorder(unsignedBits(0x1234, 16), [0, 1])],
    ['a word-swapped negative 32-bit value', 8, enc('signed', 32, [1, 0, 3, 2]), -19088744, reorder(signedBits(-19088744, 32), [1, 0, 3, 2])],
    ['a float32 at an odd offset', 3, enc('float', 32), -12.75, floatBits(-12.75, 32)],
    ['a little-endian float64', 0, enc('float', 64, [0, 1, 2, 3, 4, 5, 6, 7]), 101325.125, reorder(floatBits(101325.125, 64), [0, 1, 2, 3, 4, 5, 6, 7])],
    ['a 64-bit unsigned BigInt', 4, enc('unsigned', 64), 18446744073709551557n, unsignedBits(18446744073709551557n, 64)],
    ['a negative 60-bit BigInt', 1, enc('signed', 60), -576460752303423000n, signedBits(-576460752303423000n, 60)],
  ])('writes %s and leaves the neighbouring bits alone', (_, bitOffset, encoding, raw, pattern) => {
    const bytes = new Uint8Array(12).fill(0xff);
    writeField(bytes, bitOffset, encoding, raw);
    const all = bitsOf(bytes);
    expect(all.slice(bitOffset, bitOffset + encoding.bits)).toBe(pattern);
    expect(all.slice(0, bitOffset)).toBe('1'.repeat(bitOffset));
    expect(all.slice(bitOffset + encoding.bits)).toBe('1'.repeat(96 - bitOffset - encoding.bits));
  });
});
