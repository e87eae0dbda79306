/**
 * Numeric columns for `unnest` inserts, encoded in PostgreSQL's binary array
 * format. node-postgres sends a Buffer parameter in binary, so the server
 * reads IEEE doubles and integers directly instead of parsing text: for
 * 50,000 samples this removes both the JS number-to-string conversion and the
 * server's float parsing, the two largest costs of a text array. The SQL must
 * cast the parameter to the matching array type (`$1::float8[]`); the server
 * checks the element type recorded in the buffer against it.
 *
 * Text and bytea travel the same way (`textArray`, `byteaArray`): a bytea
 * element as its bytes, not as the hex string a text array would need.
 *
 * Format (array_send in src/backend/utils/adt/arrayfuncs.c): int32 number of
 * dimensions, int32 has-nulls flag, uint32 element type oid, then per
 * dimension int32 length and int32 lower bound, then per element int32 byte
 * length (-1 for NULL) and the element's binary form, all big-endian.
 *
 * @example
 *   await pool.query('SELECT sum(v) FROM unnest($1::float8[]) v', [float8Array([1.5, 2.5])]); // 4
 */

/** pg_type oids of the element types (src/include/catalog/pg_type.dat). */
const BOOL_OID = 16;
const BYTEA_OID = 17;
const INT8_OID = 20;
const INT2_OID = 21;
const INT4_OID = 23;
const TEXT_OID = 25;
const FLOAT8_OID = 701;
/** ndim, flags, element oid, one dimension's length and lower bound. */
const HEADER_BYTES = 20;

type Writer = (view: DataView, offset: number, value: number) => void;

function encode(oid: number, width: number, values: ArrayLike<number | null>, write: Writer): Buffer {
  const n = values.length;
  let nulls = 0;
  for (let i = 0; i < n; i++) if (values[i] === null) nulls++;
  const buffer = header(oid, n, nulls, n * 4 + (n - nulls) * width);
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  let offset = HEADER_BYTES;
  for (let i = 0; i < n; i++) {
    const value = values[i];
    if (value === null || value === undefined) {
      view.setInt32(offset, -1);
      offset += 4;
      continue;
    }
    view.setInt32(offset, width);
    write(view, offset + 4, value);
    offset += 4 + width;
  }
  return buffer;
}

function integerWriter(bits: 16 | 32): Writer {
  const max = 2 ** (bits - 1) - 1;
  const min = -(2 ** (bits - 1));
  return (view, offset, value) => {
    // DataView would wrap silently; a text parameter would have failed with "out of range".
    if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`${value} is not a ${bits}-bit integer`);
    if (bits === 16) view.setInt16(offset, value);
    else view.setInt32(offset, value);
  };
}

const writeInt2 = integerWriter(16);
const writeInt4 = integerWriter(32);
const writeFloat8: Writer = (view, offset, value) => view.setFloat64(offset, value);

/** A `float8[]` parameter; NaN and ±Infinity are kept. */
export function float8Array(values: ArrayLike<number | null>): Buffer {
  return encode(FLOAT8_OID, 8, values, writeFloat8);
}

/** An `integer[]` parameter; throws RangeError on a value that is not a 32-bit integer. */
export function int4Array(values: ArrayLike<number | null>): Buffer {
  return encode(INT4_OID, 4, values, writeInt4);
}

/** A `smallint[]` parameter; throws RangeError on a value that is not a 16-bit integer. */
export function int2Array(values: ArrayLike<number | null>): Buffer {
  return encode(INT2_OID, 2, values, writeInt2);
}

/** A `boolean[]` parameter. */
export function boolArray(values: ArrayLike<boolean | null>): Buffer {
  const bytes = Array.from(values, (v) => (v === null ? null : v ? 1 : 0));
  return encode(BOOL_OID, 1, bytes, (view, offset, value) => view.setUint8(offset, value));
}

const INT8_MIN = -(2n ** 63n);
const INT8_MAX = 2n ** 63n - 1n;
const DECIMAL_INTEGER = /^-?\d+$/;

/** A `bigint[]` parameter from decimal strings (Kafka offsets); throws RangeError on one that is not a 64-bit integer. */
export function int8Array(values: ArrayLike<string | null>): Buffer {
  const n = values.length;
  const parsed = new Array<bigint | null>(n);
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    const value = values[i];
    if (value === null || value === undefined) {
      parsed[i] = null;
      nulls++;
      continue;
    }
    const big = DECIMAL_INTEGER.test(value) ? BigInt(value) : null;
    if (big === null || big < INT8_MIN || big > INT8_MAX) throw new RangeError(`${value} is not a 64-bit integer`);
    parsed[i] = big;
  }
  const buffer = header(INT8_OID, n, nulls, n * 4 + (n - nulls) * 8);
  let offset = HEADER_BYTES;
  for (const big of parsed) {
    if (big === null) offset = buffer.writeInt32BE(-1, offset);
    else offset = buffer.writeBigInt64BE(big, buffer.writeInt32BE(8, offset));
  }
  return buffer;
}

/** A `text[]` parameter, each string as UTF-8. */
export function textArray(values: ArrayLike<string | null>): Buffer {
  return variableLength(TEXT_OID, Array.from(values, (v) => (v === null ? null : Buffer.from(v, 'utf8'))));
}

/** A `bytea[]` parameter, each element's bytes as they are. */
export function byteaArray(values: ArrayLike<Uint8Array | null>): Buffer {
  return variableLength(BYTEA_OID, Array.from(values, (v) => v ?? null));
}

function variableLength(oid: number, elements: readonly (Uint8Array | null)[]): Buffer {
  let nulls = 0;
  let bytes = 0;
  for (const e of elements) {
    if (e === null) nulls++;
    else bytes += e.byteLength;
  }
  const buffer = header(oid, elements.length, nulls, elements.length * 4 + bytes);
  let offset = HEADER_BYTES;
  for (const e of elements) {
    offset = buffer.writeInt32BE(e === null ? -1 : e.byteLength, offset);
    if (e === null) continue;
    buffer.set(e, offset);
    offset += e.byteLength;
  }
  return buffer;
}

/** A buffer for `n` elements whose length fields and data take `body` bytes, its header written (no dimension when empty). */
function header(oid: number, n: number, nulls: number, body: number): Buffer {
  const buffer = Buffer.allocUnsafe(n === 0 ? 12 : HEADER_BYTES + body);
  buffer.writeInt32BE(n === 0 ? 0 : 1, 0);
  buffer.writeInt32BE(nulls > 0 ? 1 : 0, 4);
  buffer.writeUInt32BE(oid, 8);
  if (n === 0) return buffer;
  buffer.writeInt32BE(n, 12);
  buffer.writeInt32BE(1, 16);
  return buffer;
}
