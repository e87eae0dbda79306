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

  /** Throws unless every byte was read. */
  end(what: string): void {
    if (this.at !== this.bytes.length) throw this.fail(`${this.bytes.length - this.at} byte(s) after the last ${what}`);
  }
}
