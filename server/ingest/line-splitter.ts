/**
 * Splits a byte stream into newline-terminated lines with a bound on line
 * length, so a peer that never sends a newline cannot grow memory unbounded.
 */
export class LineSplitter {
  readonly #maxLineBytes: number;
  #pending: Buffer = Buffer.alloc(0);

  constructor({ maxLineBytes }: { maxLineBytes: number }) {
    this.#maxLineBytes = maxLineBytes;
  }

  /** Complete lines (without "\n"), and the pending bytes when they exceed the bound. */
  push(chunk: Buffer): { lines: Buffer[]; overflow?: Buffer } {
    const data = this.#pending.length ? Buffer.concat([this.#pending, chunk]) : chunk;
    const lines: Buffer[] = [];
    let start = 0;
    for (let nl = data.indexOf(0x0a, start); nl !== -1; nl = data.indexOf(0x0a, start)) {
      const end = nl > start && data[nl - 1] === 0x0d ? nl - 1 : nl;
      if (end - start > this.#maxLineBytes) return { lines, overflow: data.subarray(start) };
      lines.push(data.subarray(start, end));
      start = nl + 1;
    }
    this.#pending = Buffer.from(data.subarray(start));
    if (this.#pending.length > this.#maxLineBytes) return { lines, overflow: this.#pending };
    return { lines };
  }
}
