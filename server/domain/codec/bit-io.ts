/**
 * Reading and writing bit fields in a byte array, most significant bit of
 * the first byte first (the CCSDS bit numbering, CCSDS 133.0-B-2 §1.6).
 * Numbers are exact up to 53 bits; wider fields go through the BigInt forms.
 */

const POW2 = Array.from({ length: 54 }, (_, i) => 2 ** i);

/** Unsigned value of `bits` (1–53) bits starting `bitOffset` bits into `bytes`. */
export function readBits(bytes: Uint8Array, bitOffset: number, bits: number): number {
  let index = bitOffset >>> 3;
  const skip = bitOffset & 7;
  const available = 8 - skip;
  let value = bytes[index]! & (0xff >>> skip);
  if (bits <= available) return value >>> (available - bits);
  let remaining = bits - available;
  index++;
  while (remaining >= 8) {
    value = value * 256 + bytes[index++]!;
    remaining -= 8;
  }
  if (remaining > 0) value = value * POW2[remaining]! + (bytes[index]! >>> (8 - remaining));
  return value;
}

/** Unsigned value of a field of any width (up to 64 bits and beyond) as a BigInt. */
export function readBigBits(bytes: Uint8Array, bitOffset: number, bits: number): bigint {
  if (bits <= 32) return BigInt(readBits(bytes, bitOffset, bits));
  const highBits = bits - 32;
  return (readBigBits(bytes, bitOffset, highBits) << 32n) | BigInt(readBits(bytes, bitOffset + highBits, 32));
}

/** Writes the low `bits` (1–53) bits of a non-negative integer, leaving the neighbouring bits as they were. */
export function writeBits(bytes: Uint8Array, bitOffset: number, bits: number, value: number): void {
  let rest = value;
  let end = bitOffset + bits;
  let remaining = bits;
  while (remaining > 0) {
    const index = (end - 1) >>> 3;
    const lowShift = 7 - ((end - 1) & 7);
    const take = Math.min(remaining, 8 - lowShift);
    const mask = ((1 << take) - 1) << lowShift;
    const chunk = rest % (1 << take);
    bytes[index] = (bytes[index]! & ~mask) | ((chunk << lowShift) & mask);
    rest = Math.floor(rest / (1 << take));
    remaining -= take;
    end -= take;
  }
}

/** Writes the low `bits` bits of a non-negative BigInt. */
export function writeBigBits(bytes: Uint8Array, bitOffset: number, bits: number, value: bigint): void {
  if (bits <= 32) {
    writeBits(bytes, bitOffset, bits, Number(value & 0xffffffffn));
    return;
  }
  const highBits = bits - 32;
  writeBigBits(bytes, bitOffset, highBits, value >> 32n);
  writeBits(bytes, bitOffset + highBits, 32, Number(value & 0xffffffffn));
}
