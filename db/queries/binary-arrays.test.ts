import { describe, expect, it } from 'vitest';
import { float8Array, int2Array, int4Array } from './binary-arrays';

describe('Database > binary arrays', () => {
  it('encodes a float8[] as PostgreSQL array_send does', () => {
    expect(float8Array([1.5, null]).toString('hex')).toBe(
      [
        '00000001', // one dimension
        '00000001', // has NULLs
        '000002bd', // element oid 701 (float8)
        '00000002', // two elements
        '00000001', // lower bound 1
        '00000008', '3ff8000000000000', // 1.5
        'ffffffff', // NULL
      ].join(''),
    );
  });

  it('encodes integers big-endian with their element oid', () => {
    expect(int2Array([-2]).toString('hex')).toBe('00000001' + '00000000' + '00000015' + '00000001' + '00000001' + '00000002' + 'fffe');
    expect(int4Array([65_535]).toString('hex')).toBe('00000001' + '00000000' + '00000017' + '00000001' + '00000001' + '00000004' + '0000ffff');
  });

  it('encodes an empty array as zero dimensions', () => {
    expect(float8Array([]).toString('hex')).toBe('00000000' + '00000000' + '000002bd');
  });

  it('refuses integers the column cannot hold instead of wrapping them', () => {
    expect(() => int2Array([32_768])).toThrow(new RangeError('32768 is not a 16-bit integer'));
    expect(() => int4Array([1.5])).toThrow(new RangeError('1.5 is not a 32-bit integer'));
  });
});
