/**
 * Test packets built bit by bit as strings of '0'/'1', each field's pattern
 * worked out independently of the decoder and the encoder: two's complement
 * by arithmetic, byte orders by reordering the big-endian bytes, floats from
 * the platform's Float32Array/Float64Array bytes rather than DataView.
 */
const isHostLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function unsignedBits(value: bigint | number, bits: number): string {
  const v = BigInt(value);
  if (v < 0n || v >= 1n << BigInt(bits)) throw new RangeError(`${value} does not fit ${bits} bits`);
  return v.toString(2).padStart(bits, '0');
}
export function signedBits(value: bigint | number, bits: number): string {
  const v = BigInt(value);
  return unsignedBits(v < 0n ? (1n << BigInt(bits)) + v : v, bits);
}
/** Big-endian bit pattern → wire bytes reordered: `significance[k]` is the significance of wire byte k. */
export function reorder(pattern: string, significance: number[]): string {
  const n = pattern.length / 8;
  const bigEndianBytes = Array.from({ length: n }, (_, i) => pattern.slice(8 * i, 8 * i + 8));
  return significance.map((s) => bigEndianBytes[n - 1 - s]).join('');
}
export function floatBits(value: number, bits: 32 | 64): string {
  const host = new Uint8Array((bits === 32 ? new Float32Array([value]) : new Float64Array([value])).buffer);
  const bigEndian = isHostLittleEndian ? [...host].reverse() : [...host];
  return bigEndian.map((b) => b.toString(2).padStart(8, '0')).join('');
}
export function textBits(text: string, bytes: number): string {
  const codes = [...Buffer.from(text, 'latin1')];
  while (codes.length < bytes) codes.push(0);
  return codes.map((b) => b.toString(2).padStart(8, '0')).join('');
}
/** CCSDS primary header (CCSDS 133.0-B-2 §4.1.3) for a packet of `totalBytes`. */
export function primaryHeader(apid: number, sequenceCount: number, totalBytes: number, secondaryHeaderFlag = 1): string {
  return '000' + '0' + String(secondaryHeaderFlag) + unsignedBits(apid, 11) + '11' + unsignedBits(sequenceCount, 14) + unsignedBits(totalBytes - 7, 16);
}
export function packetOf(apid: number, sequenceCount: number, body: string): Uint8Array {
  const padded = body.padEnd(Math.ceil(body.length / 8) * 8, '0');
  const totalBytes = 6 + padded.length / 8;
  const bits = primaryHeader(apid, sequenceCount, totalBytes) + padded;
  return Uint8Array.from({ length: totalBytes }, (_, i) => parseInt(bits.slice(8 * i, 8 * i + 8), 2));
}

