/**
 * A packet definition resolved to where every field sits: absolute bit
 * offsets from the packet start, normalized encodings, fixed arrays expanded
 * into their elements, and the values that select this layout among the
 * layouts of its APID. Built once when the mission database loads; the codec
 * compiles it into a decoding plan (codec/decode-plan.ts).
 */
import type { Topic } from '../../topics';
import type { PacketDefinitionFile, PacketHeaderKind, ParameterDefinition } from './schema';
import { isNumericEncoding, rawRangeOf, type WireEncoding } from './wire-encoding';

/** Bytes before the first parameter of a Perigee packet: 6-byte primary header + 10-byte secondary header. */
export const HEADER_BYTES = 16;
/** Packet error control word at the end of each Perigee packet. */
export const CRC_BYTES = 2;
/** The CCSDS primary header: where the fields of a 'ccsds' packet start by default. */
const PRIMARY_HEADER_BITS = 48;
/** The Perigee secondary header's definition version octet (space-packet.ts). */
const DEFINITION_VERSION_BIT = 112;

export interface LayoutField {
  /** The parameter, or the element `name[i]` of a fixed array. */
  readonly parameter: ParameterDefinition;
  /** From the first bit of the packet. */
  readonly bitOffset: number;
  readonly encoding: WireEncoding;
  /** Index into a decoded packet's raw and values arrays; -1 for text, bytes and repeating fields, which are not samples. */
  readonly slot: number;
  /** Repeats to the end of the packet (an array of 'remaining' length). */
  readonly repeats: boolean;
}

/** A field value a packet must carry to have this layout. */
export interface LayoutSelector {
  readonly bitOffset: number;
  readonly encoding: WireEncoding;
  readonly value: number;
  /** What the value means, for messages. */
  readonly label: string;
}

export interface PacketLayout {
  readonly name: string;
  readonly apid: number;
  readonly version: number;
  readonly header: PacketHeaderKind;
  readonly subsystem: string;
  /** Raw topic the gateway publishes it on; undefined when its subsystem has none. */
  readonly topic: Topic | undefined;
  readonly rateHz: number;
  /** The samples it carries, in slot order. */
  readonly parameters: readonly ParameterDefinition[];
  /** Every field in wire order. */
  readonly fields: readonly LayoutField[];
  readonly selectors: readonly LayoutSelector[];
  /** Whole packet in bytes, headers and CRC included; the minimum when `variableLength`. */
  readonly totalBytes: number;
  /** The last field fills whatever length the primary header declares. */
  readonly variableLength: boolean;
}

/** A parameter definition as packets reference it: normalized, arrays expanded. */
export interface ResolvedParameter {
  readonly definition: ParameterDefinition;
  readonly encoding: WireEncoding;
  /** Element definitions of a fixed array; null otherwise. */
  readonly elements: readonly ParameterDefinition[] | null;
}

export type Fail = (path: ReadonlyArray<string | number>, message: string) => never;

/** Resolves one packet definition; `fail` throws, naming the entry at `path`. */
export function compilePacketLayout(
  packet: PacketDefinitionFile,
  index: number,
  resolve: (name: string) => ResolvedParameter | undefined,
  topic: Topic | undefined,
  fail: Fail,
): PacketLayout {
  const at = (...rest: Array<string | number>) => ['packets', index, ...rest];
  const perigee = packet.header === 'perigee';
  const bodyStart = perigee ? HEADER_BYTES * 8 : PRIMARY_HEADER_BITS;
  const fields: Array<Omit<LayoutField, 'slot'> & { entry: number }> = [];
  const seen = new Set<string>();
  let cursor = bodyStart;
  packet.parameters.forEach((entry, j) => {
    if (typeof entry !== 'string' && 'spare' in entry) {
      cursor += entry.spare;
      return;
    }
    const name = typeof entry === 'string' ? entry : entry.name;
    const resolved = resolve(name);
    if (!resolved) fail(at('parameters', j), `packet "${packet.name}" names unknown parameter "${name}"`);
    if (seen.has(name)) fail(at('parameters', j), `packet "${packet.name}" lists parameter "${name}" twice`);
    seen.add(name);
    const start = typeof entry === 'string' || entry.bitOffset === undefined ? cursor : entry.bitOffset;
    if (start === Infinity) {
      const variable = fields[fields.length - 1]!.parameter.name;
      fail(at('parameters', j), `parameter "${name}" of packet "${packet.name}" follows "${variable}", which fills the rest of the packet and must come last`);
    }
    if (perigee && start < bodyStart) {
      fail(at('parameters', j), `parameter "${name}" of packet "${packet.name}" starts at bit ${start}, inside the Perigee headers (bits 0–${bodyStart - 1})`);
    }
    const { definition, encoding, elements } = resolved;
    if (definition.arrayLength === 'remaining') {
      fields.push({ parameter: definition, bitOffset: start, encoding, repeats: true, entry: j });
      cursor = Infinity;
    } else if (elements) {
      elements.forEach((element, k) => fields.push({ parameter: element, bitOffset: start + k * encoding.bits, encoding, repeats: false, entry: j }));
      cursor = start + elements.length * encoding.bits;
    } else {
      fields.push({ parameter: definition, bitOffset: start, encoding, repeats: false, entry: j });
      cursor = encoding.bits === 0 ? Infinity : start + encoding.bits;
    }
  });
  if (fields.length === 0) fail(at('parameters'), `packet "${packet.name}" has no parameters`);

  const ordered = fields.map((f, i) => ({ f, i })).sort((a, b) => a.f.bitOffset - b.f.bitOffset || a.i - b.i).map(({ f }) => f);
  const endOf = (f: (typeof fields)[number]) => (f.repeats || f.encoding.bits === 0 ? Infinity : f.bitOffset + f.encoding.bits);
  const span = (f: (typeof fields)[number]) => `bits ${f.bitOffset}–${endOf(f) === Infinity ? 'end' : endOf(f) - 1}`;
  for (let i = 1; i < ordered.length; i++) {
    const prev = ordered[i - 1]!;
    const next = ordered[i]!;
    if (next.bitOffset < endOf(prev)) {
      const variable = endOf(prev) === Infinity ? ' (it fills the rest of the packet, so it must come last)' : '';
      fail(
        at('parameters', next.entry),
        `fields "${prev.parameter.name}" (${span(prev)}) and "${next.parameter.name}" (${span(next)}) of packet "${packet.name}" overlap${variable}`,
      );
    }
  }
  const last = ordered[ordered.length - 1]!;
  const variableLength = endOf(last) === Infinity;
  const fixedEnd = variableLength ? last.bitOffset : endOf(last);
  const trailerBytes = perigee ? CRC_BYTES : 0;
  const needBytes = Math.ceil(fixedEnd / 8) + trailerBytes;
  if (packet.lengthBytes !== undefined) {
    const limitBits = (packet.lengthBytes - trailerBytes) * 8;
    const beyond = ordered.find((f) => endOf(f) !== Infinity && endOf(f) > limitBits);
    if (beyond) {
      fail(
        at('parameters', beyond.entry),
        `field "${beyond.parameter.name}" of packet "${packet.name}" ends at bit ${endOf(beyond) - 1}, past the packet end (${packet.lengthBytes} bytes${perigee ? ' with its CRC' : ''})`,
      );
    }
  }
  const totalBytes = variableLength ? needBytes : (packet.lengthBytes ?? needBytes);

  let slot = 0;
  const parametersBySlot: ParameterDefinition[] = [];
  const resolvedFields: LayoutField[] = ordered.map(({ entry: _entry, ...f }) => {
    const isSample = !f.repeats && isNumericEncoding(f.encoding);
    if (isSample) parametersBySlot.push(f.parameter);
    return { ...f, slot: isSample ? slot++ : -1 };
  });

  const selectors: LayoutSelector[] = [];
  if (perigee) {
    if (packet.select) fail(at('select'), `packet "${packet.name}" has Perigee headers: its layouts are selected by definition version, not "select"`);
    selectors.push({ bitOffset: DEFINITION_VERSION_BIT, encoding: { kind: 'unsigned', bits: 8, byteSignificance: null }, value: packet.version, label: `version ${packet.version}` });
  }
  (packet.select ?? []).forEach((s, k) => {
    const field = resolvedFields.find((f) => f.parameter.name === s.parameter);
    if (!field || field.repeats) fail(at('select', k), `packet "${packet.name}" selects on "${s.parameter}", which is not a field of it`);
    const range = rawRangeOf(field.encoding);
    if (field.encoding.kind === 'float' || !isNumericEncoding(field.encoding) || s.value < range.min || s.value > range.max) {
      fail(at('select', k), `packet "${packet.name}" selects on ${s.parameter} = ${s.value}, which its ${field.encoding.bits}-bit ${field.encoding.kind} field cannot hold`);
    }
    selectors.push({ bitOffset: field.bitOffset, encoding: field.encoding, value: s.value, label: `${s.parameter} = ${s.value}` });
  });

  return {
    name: packet.name,
    apid: packet.apid,
    version: packet.version,
    header: packet.header,
    subsystem: packet.subsystem,
    topic,
    rateHz: packet.rateHz,
    parameters: parametersBySlot,
    fields: resolvedFields,
    selectors,
    totalBytes,
    variableLength,
  };
}
