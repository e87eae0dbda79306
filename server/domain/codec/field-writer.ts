/**
 * Writes one raw value into a packet as its wire encoding says: the inverse
 * of the decoder plan, used to encode packets (simulator, tools, tests).
 */
import type { WireEncoding } from '../mission/wire-encoding';
import { writeBigBits, writeBits } from './bit-io';

const scratch = new DataView(new ArrayBuffer(8));

/** Writes `raw` (an integer within the encoding's range, or a float) at `bitOffset`. */
export function writeField(bytes: Uint8Array, bitOffset: number, encoding: WireEncoding, raw: number | bigint): void {
  const { kind, bits, byteSignificance } = encoding;
  if (kind === 'float') {
    if (bits === 32) scratch.setFloat32(0, Number(raw));
    else scratch.setFloat64(0, Number(raw));
    const n = bits / 8;
    if (byteSignificance === null && (bitOffset & 7) === 0) {
      for (let k = 0, at = bitOffset >>> 3; k < n; k++) bytes[at + k] = scratch.getUint8(k);
      return;
    }
    for (let k = 0; k < n; k++) {
      const position = byteSignificance === null ? k : n - 1 - byteSignificance[k]!;
      writeBits(bytes, bitOffset + 8 * k, 8, scratch.getUint8(position));
    }
    return;
  }
  if (kind !== 'unsigned' && kind !== 'signed') throw new RangeError(`cannot encode a number as a ${kind} field`);
  // Two's complement: the unsigned pattern of a negative value is value + 2^bits.
  if (bits > 48 || typeof raw === 'bigint') {
    const value = BigInt.asUintN(bits, BigInt(raw));
    if (byteSignificance === null) writeBigBits(bytes, bitOffset, bits, value);
    else byteSignificance.forEach((s, k) => writeBits(bytes, bitOffset + 8 * k, 8, Number((value >> BigInt(8 * s)) & 0xffn)));
    return;
  }
  const value = raw < 0 ? raw + 2 ** bits : raw;
  if (byteSignificance === null && (bitOffset & 7) === 0 && (bits === 8 || bits === 16 || bits === 32)) {
    // Byte-aligned big-endian: whole bytes, most significant first.
    const at = bitOffset >>> 3;
    for (let k = bits / 8 - 1, rest = value; k >= 0; k--, rest = Math.floor(rest / 256)) bytes[at + k] = rest % 256;
    return;
  }
  if (byteSignificance === null) writeBits(bytes, bitOffset, bits, value);
  else byteSignificance.forEach((s, k) => writeBits(bytes, bitOffset + 8 * k, 8, Math.floor(value / 256 ** s) % 256));
}
