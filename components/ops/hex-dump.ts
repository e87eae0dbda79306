/**
 * Rows of a classic hex dump — offset | hex bytes | ASCII — 16 bytes a row,
 * with a gap after the eighth byte; bytes outside printable ASCII show as ".".
 *
 * @example
 *   hexDumpRows('48690a'); // [{ offset: '00000000', hex: '48 69 0a', ascii: 'Hi.' }]
 */
export interface HexDumpRow {
  /** Offset of the row's first byte, 8 hex digits. */
  readonly offset: string;
  readonly hex: string;
  readonly ascii: string;
}

const BYTES_PER_ROW = 16;

/** `hex`: lowercase or uppercase hex digits, two per byte. */
export function hexDumpRows(hex: string): HexDumpRow[] {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new RangeError('expected an even number of hex digits');
  const rows: HexDumpRow[] = [];
  for (let start = 0; start < hex.length / 2; start += BYTES_PER_ROW) {
    const bytes: number[] = [];
    for (let i = start; i < Math.min(start + BYTES_PER_ROW, hex.length / 2); i++) bytes.push(parseInt(hex.slice(i * 2, i * 2 + 2), 16));
    const cells = bytes.map((b) => b.toString(16).padStart(2, '0'));
    rows.push({
      offset: start.toString(16).padStart(8, '0'),
      hex: [cells.slice(0, 8).join(' '), cells.slice(8).join(' ')].filter((half) => half.length > 0).join('  '),
      ascii: bytes.map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join(''),
    });
  }
  return rows;
}
