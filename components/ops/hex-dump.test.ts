import { describe, expect, it } from 'vitest';
import { hexDumpRows } from './hex-dump';

describe('Ops > hexDumpRows', () => {
  it('lays out 16 bytes a row with a gap after the eighth, and dots for unprintable bytes', () => {
    const hex = Buffer.from('Perigee CRC test\x00\x01\xffok', 'latin1').toString('hex');
    expect(hexDumpRows(hex)).toEqual([
      { offset: '00000000', hex: '50 65 72 69 67 65 65 20  43 52 43 20 74 65 73 74', ascii: 'Perigee CRC test' },
      { offset: '00000010', hex: '00 01 ff 6f 6b', ascii: '...ok' },
    ]);
  });

  it('has no rows for no bytes, and refuses an odd number of digits', () => {
    expect(hexDumpRows('')).toEqual([]);
    expect(() => hexDumpRows('abc')).toThrow(RangeError);
  });
});
