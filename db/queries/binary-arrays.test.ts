import { describe, expect, it } from 'vitest';
import { boolArray, byteaArray, float8Array, int2Array, int4Array, int8Array, textArray } from './binary-arrays';

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

describe('Database > binary arrays of other types', () => {
  it('encodes booleans, 64-bit integers from decimal strings, text and bytea with their element oids', () => {
    const head = (oid: string, n: string, nulls = '00000000') => '00000001' + nulls + oid + n + '00000001';
    expect(boolArray([true, false]).toString('hex')).toBe(head('00000010', '00000002') + '00000001' + '01' + '00000001' + '00');
    expect(int8Array(['9007199254740993', null]).toString('hex')).toBe(head('00000014', '00000002', '00000001') + '00000008' + '0020000000000001' + 'ffffffff');
    expect(textArray(['é', null]).toString('hex')).toBe(head('00000019', '00000002', '00000001') + '00000002' + 'c3a9' + 'ffffffff');
    expect(byteaArray([Buffer.from([0, 255])]).toString('hex')).toBe(head('00000011', '00000001') + '00000002' + '00ff');
    expect(textArray([]).toString('hex')).toBe('00000000' + '00000000' + '00000019');
  });

  it('refuses a 64-bit integer it cannot read instead of guessing', () => {
    expect(() => int8Array(['9223372036854775808'])).toThrow(new RangeError('9223372036854775808 is not a 64-bit integer'));
    expect(() => int8Array(['12a'])).toThrow(new RangeError('12a is not a 64-bit integer'));
    expect(() => int8Array([''])).toThrow(new RangeError(' is not a 64-bit integer'));
  });
});
