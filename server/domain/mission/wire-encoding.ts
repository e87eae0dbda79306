/**
 * The normalized wire encoding of a parameter: what the decoder plan and the
 * encoder work from, whichever way the definition spelled it (a `rawType`
 * shorthand, an explicit `encoding`, an XTCE or CSV import).
 *
 * @example
 *   wireEncodingOf({ rawType: 'int16' });                 // { kind: 'signed', bits: 16, byteSignificance: null }
 *   wireEncodingOf({ encoding: { kind: 'unsigned', bits: 32, byteOrder: 'little' } });
 *   // { kind: 'unsigned', bits: 32, byteSignificance: [0, 1, 2, 3] }
 */
import type { EncodingDefinition, EncodingKind, RawType } from './schema';

export interface WireEncoding {
  readonly kind: EncodingKind;
  /** Field width; 0 on a string or bytes field that fills the rest of the packet. */
  readonly bits: number;
  /** Significance of each wire byte in wire order (0 = least significant), or null for big-endian. */
  readonly byteSignificance: readonly number[] | null;
}

export interface RawRange {
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
}

const RAW_TYPE_ENCODINGS: Readonly<Record<RawType, WireEncoding>> = {
  uint8: { kind: 'unsigned', bits: 8, byteSignificance: null },
  int8: { kind: 'signed', bits: 8, byteSignificance: null },
  uint16: { kind: 'unsigned', bits: 16, byteSignificance: null },
  int16: { kind: 'signed', bits: 16, byteSignificance: null },
  uint32: { kind: 'unsigned', bits: 32, byteSignificance: null },
  int32: { kind: 'signed', bits: 32, byteSignificance: null },
  float32: { kind: 'float', bits: 32, byteSignificance: null },
  float64: { kind: 'float', bits: 64, byteSignificance: null },
};

/** Why an encoding is not valid, or the normalized encoding. */
export type WireEncodingResult = { readonly ok: true; readonly encoding: WireEncoding } | { readonly ok: false; readonly reason: string };

/** Normalizes a parameter's encoding; `reason` says what is wrong with it. */
export function wireEncodingOf(p: { rawType?: RawType | undefined; encoding?: EncodingDefinition | undefined }): WireEncodingResult {
  if (p.rawType !== undefined && p.encoding !== undefined) return { ok: false, reason: 'gives both rawType and encoding' };
  if (p.rawType !== undefined) return { ok: true, encoding: RAW_TYPE_ENCODINGS[p.rawType] };
  if (p.encoding === undefined) return { ok: false, reason: 'needs a rawType or an encoding' };
  const { kind, bits, byteOrder = 'big' } = p.encoding;
  if (bits === undefined && kind !== 'string' && kind !== 'bytes') return { ok: false, reason: `${kind} encoding needs bits` };
  if ((kind === 'unsigned' || kind === 'signed') && bits! > 64) return { ok: false, reason: `${kind} integers are 1 to 64 bits, not ${bits}` };
  if (kind === 'float' && bits !== 32 && bits !== 64) return { ok: false, reason: `IEEE 754 floats are 32 or 64 bits, not ${bits}` };
  if ((kind === 'string' || kind === 'bytes') && bits !== undefined && bits % 8 !== 0) {
    return { ok: false, reason: `${kind} fields are whole bytes, not ${bits} bits` };
  }
  const width = bits ?? 0;
  if (byteOrder === 'big' || kind === 'string' || kind === 'bytes') return { ok: true, encoding: { kind, bits: width, byteSignificance: null } };
  if (width % 8 !== 0) return { ok: false, reason: `byte order ${JSON.stringify(byteOrder)} needs whole bytes, not ${width} bits` };
  const n = width / 8;
  const significance = byteOrder === 'little' ? Array.from({ length: n }, (_, i) => i) : byteOrder;
  if (significance.length !== n || new Set(significance).size !== n || significance.some((s) => s >= n)) {
    return { ok: false, reason: `byte order [${significance.join(', ')}] is not an ordering of the ${n} bytes of the field` };
  }
  const isBig = significance.every((s, i) => s === n - 1 - i);
  return { ok: true, encoding: { kind, bits: width, byteSignificance: isBig ? null : significance } };
}

/** Values a numeric encoding can carry. */
export function rawRangeOf(encoding: WireEncoding): RawRange {
  const { kind, bits } = encoding;
  if (kind === 'float') {
    const max = bits === 32 ? 3.4028234663852886e38 : Number.MAX_VALUE;
    return { min: -max, max, integer: false };
  }
  if (kind === 'signed') return { min: -(2 ** (bits - 1)), max: 2 ** (bits - 1) - 1, integer: true };
  if (kind === 'unsigned') return { min: 0, max: 2 ** bits - 1, integer: true };
  return { min: 0, max: 0, integer: true };
}

export function isNumericEncoding(encoding: WireEncoding): boolean {
  return encoding.kind === 'unsigned' || encoding.kind === 'signed' || encoding.kind === 'float';
}

/** The encoding a raw type stands for. */
export function rawTypeEncoding(rawType: RawType): WireEncoding {
  return RAW_TYPE_ENCODINGS[rawType];
}
