/**
 * Growable little-endian writer and bounds-checked reader for Perigee's own
 * binary event encodings (sample-frame@2, window-aggregate@2). The reader
 * throws the error its owner names, with the byte position and what was
 * being read, so a corrupt message is refused with a reason instead of
 * being read past its end.
 *
 * @example
 *   const w = new LittleEndianWriter(64); w.u16(7); w.f64(1.5); w.bytes(); // 10 bytes
 *   const r = new LittleEndianReader(bytes, (m) => new MyCodecError(m)); r.u16('satellite id');
 */
/** `value` when it is an integer in 0..max; else a RangeError naming the field and the encoding. */
export function checkUnsigned(value: number, max: number, what: string, encoding: string): number {
  if (!Number.isInteger(value) || value < 0 || value > max) throw new RangeError(`${what} ${value} does not fit the ${encoding} encoding`);
  return value;
}

export class LittleEndianWriter {
  buf: Buffer;
  at = 0;

  constructor(initialBytes: number) {
    this.buf = Buffer.allocUnsafe(Math.max(16, initialBytes));
  }

  /** Makes room for n more bytes. */
  ensure(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(next, 0, 0, this.at);
    this.buf = next;
  }

  u8(v: number): void {
    this.ensure(1);
    this.buf[this.at++] = v;
  }

  u16(v: number): void {
    this.ensure(2);
    this.at = this.buf.writeUInt16LE(v, this.at);
  }

  u32(v: number): void {
    this.ensure(4);
    this.at = this.buf.writeUInt32LE(v, this.at);
  }

  i32(v: number): void {
    this.ensure(4);
    this.at = this.buf.writeInt32LE(v, this.at);
  }

  f64(v: number): void {
    this.ensure(8);
    this.at = this.buf.writeDoubleLE(v, this.at);
  }

  raw(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.at);
    this.at += b.length;
  }

  /** What was written, as a view of the writer's buffer. */
  bytes(): Buffer {
    return this.buf.subarray(0, this.at);
  }
}

export class LittleEndianReader {
  readonly view: DataView;
  at = 0;

  constructor(
    readonly bytes: Uint8Array,
    private readonly fail: (message: string) => Error,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Throws unless n more bytes are left; `what` names them in the error. */
  need(n: number, what: string): void {
    if (this.at + n > this.bytes.length) throw this.fail(`truncated at byte ${this.at}: ${what} needs ${n} more byte(s), ${this.bytes.length - this.at} left`);
  }

  u8(what: string): number {
    this.need(1, what);
    return this.bytes[this.at++]!;
  }

  u16(what: string): number {
    this.need(2, what);
    const v = this.view.getUint16(this.at, true);
    this.at += 2;
    return v;
  }

  u32(what: string): number {
    this.need(4, what);
    const v = this.view.getUint32(this.at, true);
    this.at += 4;
    return v;
  }

  f64(what: string): number {
    this.need(8, what);
    const v = this.view.getFloat64(this.at, true);
    this.at += 8;
    return v;
  }

  /**
   * `v` when finite; else throws the owner's error naming the item and the
   * field, e.g. "frame 3: value 7 is NaN". The message is built only then:
   * this runs once per value read.
   */
  finite(v: number, item: string, index: number, field: string, fieldIndex?: number): number {
    if (Number.isFinite(v)) return v;
    throw this.fail(`${item} ${index}: ${field}${fieldIndex === undefined ? '' : ` ${fieldIndex}`} is ${v}`);
  }

  /** An f64 that must be finite (see finite). */
  finiteF64(item: string, index: number, field: string): number {
    return this.finite(this.f64(field), item, index, field);
  }

  /** Throws unless every byte was read. */
  end(what: string): void {
    if (this.at !== this.bytes.length) throw this.fail(`${this.bytes.length - this.at} byte(s) after the last ${what}`);
  }
}
