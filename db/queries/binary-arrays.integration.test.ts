import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../testing/test-database';
import { boolArray, byteaArray, float8Array, int2Array, int4Array, int8Array, textArray } from './binary-arrays';

let db: TestDatabase;
beforeAll(async () => {
  db = await startTestDatabase();
});
afterAll(() => db?.stop());

describe('db > binary array parameters', () => {
  it('reach the server as the values sent, nulls and edge values included', async () => {
    const { rows } = await db.pool.query(
      `SELECT f, i2, i4, i8::text AS i8, b, t, encode(y, 'hex') AS y
         FROM unnest($1::float8[], $2::smallint[], $3::integer[], $4::bigint[], $5::boolean[], $6::text[], $7::bytea[]) AS u(f, i2, i4, i8, b, t, y)`,
      [
        float8Array([0.1, null, -1e300]),
        int2Array([-32_768, 32_767, null]),
        int4Array([null, -(2 ** 31), 2 ** 31 - 1]),
        int8Array(['-9223372036854775808', '9223372036854775807', null]),
        boolArray([true, null, false]),
        textArray(['telemetry.raw.power', 'Kiruna – 北京', null]),
        byteaArray([Buffer.from([0x18, 0x00, 0xc0]), Buffer.alloc(0), null]),
      ],
    );
    expect(rows).toEqual([
      { f: 0.1, i2: -32_768, i4: null, i8: '-9223372036854775808', b: true, t: 'telemetry.raw.power', y: '1800c0' },
      { f: null, i2: 32_767, i4: -(2 ** 31), i8: '9223372036854775807', b: null, t: 'Kiruna – 北京', y: '' },
      { f: -1e300, i2: null, i4: 2 ** 31 - 1, i8: null, b: false, t: null, y: null },
    ]);
  });
});
