/**
 * The general packet decoder: a packet layout compiled once into flat arrays
 * (operation, byte index, bit shift, width, sign bounds, calibration per
 * field), so decoding a packet is one loop over them that allocates nothing
 * but its two result arrays. Fields are read at any bit offset and width
 * (1–64), as unsigned or two's-complement integers or IEEE 754 floats, in
 * big-endian, little-endian or any byte order. Integers wider than 53 bits
 * are read as BigInt, and only those.
 *
 * @example
 *   const plan = planOf(layout);           // cached per layout
 *   const raw = new Array(plan.count), values = new Array(plan.count);
 *   const extras = decodeFields(plan, bytes, bytes.length, raw, values);
 *   extras?.texts['eps.label'];            // text, bytes and repeating fields, when the layout has any
 */
import { calibrate } from '../mission/calibration';
import { CRC_BYTES, type LayoutField, type PacketLayout } from '../mission/packet-layout';
import type { Calibration } from '../mission/schema';
import type { WireEncoding } from '../mission/wire-encoding';
import { readBigBits, readBits } from './bit-io';

// Operations, most specific first; the aligned big-endian ones are the fast path of byte-aligned definitions.
const U8 = 0;
const U16 = 1;
const U32 = 2;
const I8 = 3;
const I16 = 4;
const I32 = 5;
const F32 = 6;
const F64 = 7;
const F32_LE = 8;
const F64_LE = 9;
const UBITS = 10;
const SBITS = 11;
const UORDER = 12;
const SORDER = 13;
const FLOAT_ANY = 14;
const WIDE = 15;

const CAL_NONE = 0;
const CAL_LINEAR = 1;
const CAL_OTHER = 2;

/** Values of the fields that are not samples, and the exact value of integers wider than 53 bits. */
export interface FieldExtras {
  /** String fields as text (trailing NULs dropped), bytes fields as lower-case hex. */
  readonly texts: Record<string, string>;
  /** Arrays repeating to the end of the packet: raw and engineering values. */
  readonly tails: Record<string, { readonly raw: number[]; readonly values: number[] }>;
  /** Integers wider than 53 bits, exactly (their raw sample is the nearest double). */
  readonly exact: Record<string, bigint>;
}

export interface DecodePlan {
  readonly layout: PacketLayout;
  /** Number of samples (raw/values entries). */
  readonly count: number;
  readonly op: Uint8Array;
  readonly byteIndex: Int32Array;
  readonly bitOffset: Int32Array;
  readonly bits: Uint8Array;
  /** 2^(bits−1) and 2^bits, for two's complement. */
  readonly half: Float64Array;
  readonly full: Float64Array;
  /** Per sample with a byte order: the weight (256^significance) of each wire byte, or null. */
  readonly weights: ReadonlyArray<Float64Array | null>;
  readonly encodings: readonly WireEncoding[];
  readonly calKind: Uint8Array;
  readonly c0: Float64Array;
  readonly c1: Float64Array;
  readonly calibrations: readonly Calibration[];
  /** Fields outside the hot loop: text, bytes, repeating tails and wide integers. */
  readonly others: readonly LayoutField[];
  readonly hasExtras: boolean;
  /** Bytes after the last field that are not data (the Perigee CRC). */
  readonly trailerBytes: number;
  readonly scratch: DataView;
}

const plans = new WeakMap<PacketLayout, DecodePlan>();

/** The compiled plan of a layout, built on first use. */
export function planOf(layout: PacketLayout): DecodePlan {
  let plan = plans.get(layout);
  if (!plan) plans.set(layout, (plan = compilePlan(layout)));
  return plan;
}

function compilePlan(layout: PacketLayout): DecodePlan {
  const samples = layout.fields.filter((f) => f.slot >= 0);
  const n = samples.length;
  const plan = {
    layout,
    count: n,
    op: new Uint8Array(n),
    byteIndex: new Int32Array(n),
    bitOffset: new Int32Array(n),
    bits: new Uint8Array(n),
    half: new Float64Array(n),
    full: new Float64Array(n),
    weights: [] as Array<Float64Array | null>,
    encodings: samples.map((f) => f.encoding),
    calKind: new Uint8Array(n),
    c0: new Float64Array(n),
    c1: new Float64Array(n),
    calibrations: samples.map((f) => f.parameter.calibration),
    others: layout.fields.filter((f) => f.slot < 0 || (f.encoding.kind !== 'float' && f.encoding.bits > 53)),
    hasExtras: false,
    trailerBytes: layout.header === 'perigee' ? CRC_BYTES : 0,
    scratch: new DataView(new ArrayBuffer(8)),
  };
  plan.hasExtras = plan.others.length > 0;
  samples.forEach((f, i) => {
    const { kind, bits, byteSignificance } = f.encoding;
    plan.op[i] = opOf(f);
    plan.byteIndex[i] = f.bitOffset >>> 3;
    plan.bitOffset[i] = f.bitOffset;
    plan.bits[i] = bits;
    plan.half[i] = 2 ** (bits - 1);
    plan.full[i] = 2 ** bits;
    plan.weights.push(byteSignificance && kind !== 'float' ? Float64Array.from(byteSignificance, (s) => 256 ** s) : null);
    const cal = f.parameter.calibration;
    if (cal.type === 'none') plan.calKind[i] = CAL_NONE;
    else if (cal.type === 'polynomial' && cal.coefficients.length <= 2) {
      plan.calKind[i] = CAL_LINEAR;
      plan.c0[i] = cal.coefficients[0]!;
      plan.c1[i] = cal.coefficients[1] ?? 0;
    } else plan.calKind[i] = CAL_OTHER;
  });
  return plan;
}

function opOf(f: LayoutField): number {
  const { kind, bits, byteSignificance } = f.encoding;
  const aligned = f.bitOffset % 8 === 0;
  if (kind === 'float') {
    if (aligned && byteSignificance === null) return bits === 32 ? F32 : F64;
    const little = byteSignificance?.every((s, k) => s === k) === true;
    if (aligned && little) return bits === 32 ? F32_LE : F64_LE;
    return FLOAT_ANY;
  }
  const signed = kind === 'signed';
  if (bits > 53 || (byteSignificance !== null && bits > 48)) return WIDE;
  if (byteSignificance !== null) return signed ? SORDER : UORDER;
  if (aligned && bits === 8) return signed ? I8 : U8;
  if (aligned && bits === 16) return signed ? I16 : U16;
  if (aligned && bits === 32) return signed ? I32 : U32;
  return signed ? SBITS : UBITS;
}

/**
 * Decodes the samples of one packet of `length` bytes into `raw` and `values`
 * (both `plan.count` long) and returns the extras when the layout has any.
 * The caller has checked that the packet is long enough for the fixed fields.
 */
export function decodeFields(plan: DecodePlan, bytes: Uint8Array, length: number, raw: number[], values: number[]): FieldExtras | undefined {
  const { op, byteIndex, count, calKind, c0, c1 } = plan;
  let view: DataView | undefined;
  for (let i = 0; i < count; i++) {
    const at = byteIndex[i]!;
    let r: number;
    switch (op[i]) {
      case U8: r = bytes[at]!; break;
      case U16: r = (bytes[at]! << 8) | bytes[at + 1]!; break;
      case U32: r = bytes[at]! * 0x1000000 + ((bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!); break;
      case I8: r = (bytes[at]! << 24) >> 24; break;
      case I16: r = (((bytes[at]! << 8) | bytes[at + 1]!) << 16) >> 16; break;
      case I32: r = (bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!; break;
      case F32: r = (view ??= viewOf(bytes)).getFloat32(at); break;
      case F64: r = (view ??= viewOf(bytes)).getFloat64(at); break;
      case F32_LE: r = (view ??= viewOf(bytes)).getFloat32(at, true); break;
      case F64_LE: r = (view ??= viewOf(bytes)).getFloat64(at, true); break;
      case UBITS: r = readBits(bytes, plan.bitOffset[i]!, plan.bits[i]!); break;
      case SBITS: {
        r = readBits(bytes, plan.bitOffset[i]!, plan.bits[i]!);
        if (r >= plan.half[i]!) r -= plan.full[i]!;
        break;
      }
      case UORDER:
      case SORDER: {
        r = readOrdered(bytes, plan.bitOffset[i]!, plan.weights[i]!);
        if (op[i] === SORDER && r >= plan.half[i]!) r -= plan.full[i]!;
        break;
      }
      case FLOAT_ANY: r = readFloat(plan, bytes, plan.bitOffset[i]!, plan.encodings[i]!); break;
      default: r = Number(readWide(bytes, plan.bitOffset[i]!, plan.encodings[i]!));
    }
    raw[i] = r;
    const kind = calKind[i];
    values[i] = kind === CAL_NONE ? r : kind === CAL_LINEAR ? c0[i]! + c1[i]! * r : calibrate(plan.calibrations[i]!, r);
  }
  return plan.hasExtras ? decodeExtras(plan, bytes, length) : undefined;
}

/** Reads one integer field (e.g. a layout selector) exactly as the decoder would; wide fields come back as the nearest double. */
export function readIntegerField(bytes: Uint8Array, bitOffset: number, encoding: WireEncoding): number {
  if (encoding.bits > 53 || (encoding.byteSignificance !== null && encoding.bits > 48)) return Number(readWide(bytes, bitOffset, encoding));
  const r =
    encoding.byteSignificance === null
      ? readBits(bytes, bitOffset, encoding.bits)
      : readOrdered(bytes, bitOffset, Float64Array.from(encoding.byteSignificance, (s) => 256 ** s));
  return encoding.kind === 'signed' && r >= 2 ** (encoding.bits - 1) ? r - 2 ** encoding.bits : r;
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function readOrdered(bytes: Uint8Array, bitOffset: number, weights: Float64Array): number {
  let r = 0;
  const aligned = (bitOffset & 7) === 0;
  const at = bitOffset >>> 3;
  for (let k = 0; k < weights.length; k++) r += (aligned ? bytes[at + k]! : readBits(bytes, bitOffset + 8 * k, 8)) * weights[k]!;
  return r;
}

function readFloat(plan: DecodePlan, bytes: Uint8Array, bitOffset: number, encoding: WireEncoding): number {
  const n = encoding.bits / 8;
  const scratch = plan.scratch;
  for (let k = 0; k < n; k++) {
    const position = encoding.byteSignificance === null ? k : n - 1 - encoding.byteSignificance[k]!;
    scratch.setUint8(position, readBits(bytes, bitOffset + 8 * k, 8));
  }
  return n === 4 ? scratch.getFloat32(0) : scratch.getFloat64(0);
}

function readWide(bytes: Uint8Array, bitOffset: number, encoding: WireEncoding): bigint {
  const { bits, byteSignificance } = encoding;
  let value = 0n;
  if (byteSignificance === null) value = readBigBits(bytes, bitOffset, bits);
  else for (let k = 0; k < byteSignificance.length; k++) value |= BigInt(readBits(bytes, bitOffset + 8 * k, 8)) << BigInt(8 * byteSignificance[k]!);
  return encoding.kind === 'signed' ? BigInt.asIntN(bits, value) : value;
}

function decodeExtras(plan: DecodePlan, bytes: Uint8Array, length: number): FieldExtras {
  const extras: FieldExtras = { texts: {}, tails: {}, exact: {} };
  const endBits = (length - plan.trailerBytes) * 8;
  for (const f of plan.others) {
    const { parameter, bitOffset, encoding } = f;
    if (f.repeats) {
      const raw: number[] = [];
      const values: number[] = [];
      for (let at = bitOffset; at + encoding.bits <= endBits; at += encoding.bits) {
        const r = encoding.kind === 'float' ? readFloat(plan, bytes, at, encoding) : readIntegerField(bytes, at, encoding);
        raw.push(r);
        values.push(calibrate(parameter.calibration, r));
      }
      extras.tails[parameter.name] = { raw, values };
    } else if (encoding.kind === 'string' || encoding.kind === 'bytes') {
      const n = encoding.bits === 0 ? Math.max(0, Math.floor((endBits - bitOffset) / 8)) : encoding.bits / 8;
      const chunk = new Uint8Array(n);
      for (let k = 0; k < n; k++) chunk[k] = readBits(bytes, bitOffset + 8 * k, 8);
      extras.texts[parameter.name] =
        encoding.kind === 'bytes' ? Buffer.from(chunk).toString('hex') : new TextDecoder('utf-8').decode(chunk).replace(/\0+$/, '');
    } else extras.exact[parameter.name] = readWide(bytes, bitOffset, encoding);
  }
  return extras;
}
