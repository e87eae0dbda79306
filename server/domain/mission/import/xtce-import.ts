/**
 * Imports telemetry definitions from XTCE (OMG XML Telemetric and Command
 * Exchange, v1.2 — the format of Yamcs and COSMOS mission databases):
 *
 *   - Integer, Float, Enumerated and Boolean parameter types with their
 *     IntegerDataEncoding / FloatDataEncoding (sizeInBits, unsigned or
 *     twosComplement, byteOrder or ByteOrderList), units, PolynomialCalibrator
 *     and SplineCalibrator (order 1), EnumerationList (value or value..maxValue),
 *     and DefaultAlarm StaticAlarmRanges (WarningRange, CriticalRange) as limits;
 *   - SequenceContainers of ParameterRefEntry (at the next bit, or at a
 *     LocationInContainerInBits from the previous entry or the container
 *     start), inheriting through BaseContainer with RestrictionCriteria.
 *
 * Every leaf container (not abstract, not a base of another) becomes one
 * packet: its base chain's entries from the packet's first bit, its APID from
 * the restriction on the 11-bit field at bit 5 (the CCSDS APID), any other
 * restriction (e.g. a secondary-header packet id) as a layout selector.
 * Anything else the file uses is refused with its line, never skipped.
 *
 * @example
 *   importXtce(builder, { file: 'demosat.xml', text });
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { EncodingDefinition, ParameterDefinition } from '../schema';
import { DefinitionBuilder, ImportError, identifierOf, type SourceLine } from './definition-builder';

/** An element as the parser returns it: attributes as `@name`, children as arrays. */
type XmlNode = { readonly [key: string]: XmlNode[] | string | undefined };

const PARAMETER_TYPES = ['IntegerParameterType', 'FloatParameterType', 'EnumeratedParameterType', 'BooleanParameterType'] as const;

interface ParameterType {
  readonly where: SourceLine;
  readonly encoding: EncodingDefinition;
  readonly fields: Pick<ParameterDefinition, 'calibration' | 'unit' | 'states' | 'stateRanges' | 'limits'>;
}

interface Container {
  readonly name: string;
  readonly subsystem: string;
  readonly where: SourceLine;
  readonly node: XmlNode;
  readonly abstract: boolean;
  readonly base: string | undefined;
}

export function importXtce(builder: DefinitionBuilder, { file, text }: { file: string; text: string }): void {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new ImportError({ file, line: valid.err.line }, `not well-formed XML: ${valid.err.msg}`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    captureMetaData: true,
    parseTagValue: false,
    parseAttributeValue: false,
    isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
  });
  const document = parser.parse(text) as XmlNode;
  const meta = XMLParser.getMetaDataSymbol() as unknown as string;
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineOf = (node: XmlNode | string | undefined): number => {
    const start = typeof node === 'object' ? (node as unknown as Record<string, { startIndex?: number } | undefined>)[meta]?.startIndex : undefined;
    if (start === undefined) return 1;
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= start) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const at = (node: XmlNode | string | undefined): SourceLine => ({ file, line: lineOf(node) });
  const children = (node: XmlNode | undefined, name: string): XmlNode[] => {
    const value = node?.[name];
    return Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? ({} as XmlNode) : v)) : [];
  };
  const child = (node: XmlNode | undefined, name: string): XmlNode | undefined => children(node, name)[0];
  const attr = (node: XmlNode | undefined, name: string): string | undefined => {
    const value = node?.[`@${name}`];
    return typeof value === 'string' ? value : undefined;
  };
  const textOf = (node: XmlNode | undefined, name: string): string | undefined => {
    const value = node?.[name];
    if (!Array.isArray(value) || value.length === 0) return undefined;
    const first: unknown = value[0];
    if (typeof first === 'string') return first.trim();
    const inner: unknown = (first as Record<string, unknown>)['#text'];
    if (typeof inner === 'string') return inner.trim();
    return Array.isArray(inner) && typeof inner[0] === 'string' ? inner[0].trim() : undefined;
  };
  const numberAttr = (node: XmlNode, name: string, fallback?: number): number => {
    const raw = attr(node, name);
    if (raw === undefined) {
      if (fallback === undefined) throw new ImportError(at(node), `missing attribute ${name}`);
      return fallback;
    }
    const n = Number(raw);
    if (!Number.isFinite(n)) throw new ImportError(at(node), `attribute ${name}="${raw}" is not a number`);
    return n;
  };
  const lastSegment = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);

  const root = child(document, 'SpaceSystem');
  if (!root) throw new ImportError({ file, line: 1 }, 'no SpaceSystem element: not an XTCE document');

  const types = new Map<string, ParameterType>();
  const parameters = new Map<string, { name: string; bits: number; where: SourceLine }>();
  const containers = new Map<string, Container>();

  const integerEncoding = (encodingNode: XmlNode, typeNode: XmlNode, kind?: 'float'): EncodingDefinition => {
    const bits = numberAttr(encodingNode, 'sizeInBits', 8);
    const scheme = attr(encodingNode, 'encoding') ?? 'unsigned';
    if (scheme !== 'unsigned' && scheme !== 'twosComplement' && scheme !== 'twosCompliment') {
      throw new ImportError(at(encodingNode), `integer encoding "${scheme}" is not supported (unsigned, twosComplement)`);
    }
    return { kind: kind === 'float' ? 'float' : scheme === 'unsigned' ? 'unsigned' : 'signed', bits, ...byteOrderOf(encodingNode, typeNode, bits) };
  };
  const byteOrderOf = (encodingNode: XmlNode, _typeNode: XmlNode, bits: number): Pick<EncodingDefinition, 'byteOrder'> => {
    const list = child(encodingNode, 'ByteOrderList');
    if (list) {
      const significance = children(list, 'Byte').map((b) => numberAttr(b, 'byteSignificance'));
      if (significance.length * 8 !== bits) throw new ImportError(at(list), `ByteOrderList has ${significance.length} bytes for a ${bits}-bit encoding`);
      return { byteOrder: significance };
    }
    const order = attr(encodingNode, 'byteOrder');
    if (order === undefined || order === 'mostSignificantByteFirst') return {};
    if (order === 'leastSignificantByteFirst') return { byteOrder: 'little' };
    throw new ImportError(at(encodingNode), `byteOrder "${order}" is not mostSignificantByteFirst or leastSignificantByteFirst`);
  };
  const calibratorOf = (encodingNode: XmlNode | undefined): ParameterDefinition['calibration'] => {
    const calibrator = child(encodingNode, 'DefaultCalibrator');
    if (!calibrator) return { type: 'none' };
    const polynomial = child(calibrator, 'PolynomialCalibrator');
    if (polynomial) {
      const coefficients: number[] = [];
      for (const term of children(polynomial, 'Term')) {
        const exponent = numberAttr(term, 'exponent');
        if (!Number.isInteger(exponent) || exponent < 0 || exponent > 7) throw new ImportError(at(term), `polynomial exponent ${exponent} outside 0..7`);
        while (coefficients.length <= exponent) coefficients.push(0);
        coefficients[exponent] = numberAttr(term, 'coefficient');
      }
      if (coefficients.length === 0) throw new ImportError(at(polynomial), 'PolynomialCalibrator without Term');
      return { type: 'polynomial', coefficients };
    }
    const spline = child(calibrator, 'SplineCalibrator');
    if (spline) {
      const order = numberAttr(spline, 'order', 1);
      if (order !== 1) throw new ImportError(at(spline), `SplineCalibrator order ${order} is not supported (1: linear interpolation)`);
      const points = children(spline, 'SplinePoint').map((p) => [numberAttr(p, 'raw'), numberAttr(p, 'calibrated')] as [number, number]);
      if (points.length < 2) throw new ImportError(at(spline), 'SplineCalibrator needs at least two SplinePoints');
      return { type: 'table', points };
    }
    const [other] = Object.keys(calibrator).filter((k) => !k.startsWith('@'));
    throw new ImportError(at(calibrator), `calibrator ${other ?? '(empty)'} is not supported (PolynomialCalibrator, SplineCalibrator)`);
  };
  const limitsOf = (typeNode: XmlNode): Pick<ParameterDefinition, 'limits'> => {
    const ranges = child(child(typeNode, 'DefaultAlarm'), 'StaticAlarmRanges');
    if (!ranges) return {};
    const bound = (range: XmlNode | undefined, side: 'min' | 'max') => {
      const raw = attr(range, `${side}Inclusive`) ?? attr(range, `${side}Exclusive`);
      return raw === undefined ? undefined : Number(raw);
    };
    const warning = child(ranges, 'WarningRange');
    const critical = child(ranges, 'CriticalRange');
    const limits = Object.fromEntries(
      (
        [
          ['warningLow', bound(warning, 'min')],
          ['warningHigh', bound(warning, 'max')],
          ['criticalLow', bound(critical, 'min')],
          ['criticalHigh', bound(critical, 'max')],
        ] as const
      ).filter(([, v]) => v !== undefined),
    );
    for (const [key, value] of Object.entries(limits)) if (!Number.isFinite(value)) throw new ImportError(at(ranges), `alarm range ${key} is not a number`);
    return Object.keys(limits).length > 0 ? { limits } : {};
  };
  const unitOf = (typeNode: XmlNode): string => textOf(child(typeNode, 'UnitSet'), 'Unit') ?? '';

  const readTypes = (typeSet: XmlNode) => {
    for (const key of Object.keys(typeSet)) {
      if (key.startsWith('@') || key === '#text') continue;
      if (!(PARAMETER_TYPES as readonly string[]).includes(key)) {
        throw new ImportError(at(children(typeSet, key)[0]), `parameter type ${key} is not supported (${PARAMETER_TYPES.join(', ')})`);
      }
    }
    for (const kind of PARAMETER_TYPES) {
      for (const node of children(typeSet, kind)) {
        const name = attr(node, 'name');
        if (name === undefined) throw new ImportError(at(node), `${kind} without a name`);
        if (types.has(name)) throw new ImportError(at(node), `parameter type "${name}" defined twice (first on line ${types.get(name)!.where.line})`);
        const integerNode = child(node, 'IntegerDataEncoding');
        const floatNode = child(node, 'FloatDataEncoding');
        let encoding: EncodingDefinition;
        let calibration: ParameterDefinition['calibration'] = { type: 'none' };
        if (kind === 'FloatParameterType' && floatNode) {
          const scheme = attr(floatNode, 'encoding') ?? 'IEEE754_1985';
          if (scheme !== 'IEEE754_1985' && scheme !== 'IEEE754') throw new ImportError(at(floatNode), `float encoding "${scheme}" is not supported (IEEE754_1985)`);
          const bits = numberAttr(floatNode, 'sizeInBits', 32);
          encoding = { kind: 'float', bits, ...byteOrderOf(floatNode, node, bits) };
          calibration = calibratorOf(floatNode);
        } else if (integerNode) {
          encoding = integerEncoding(integerNode, node);
          calibration = calibratorOf(integerNode);
        } else if (kind === 'BooleanParameterType') {
          encoding = { kind: 'unsigned', bits: 1 };
        } else {
          throw new ImportError(at(node), `${kind} "${name}" has no IntegerDataEncoding${kind === 'FloatParameterType' ? ' or FloatDataEncoding' : ''}`);
        }
        const fields: ParameterType['fields'] = { calibration, unit: unitOf(node), ...limitsOf(node) };
        if (kind === 'EnumeratedParameterType') {
          const states: Record<string, string> = {};
          const stateRanges: Array<{ min: number; max: number; state: string }> = [];
          for (const e of children(child(node, 'EnumerationList'), 'Enumeration')) {
            const label = attr(e, 'label');
            if (label === undefined) throw new ImportError(at(e), 'Enumeration without a label');
            const value = numberAttr(e, 'value');
            const maxValue = attr(e, 'maxValue');
            if (maxValue === undefined) states[String(value)] = label;
            else stateRanges.push({ min: value, max: numberAttr(e, 'maxValue'), state: label });
          }
          Object.assign(fields, Object.keys(states).length > 0 ? { states } : {}, stateRanges.length > 0 ? { stateRanges } : {});
        }
        if (kind === 'BooleanParameterType') {
          Object.assign(fields, { states: { '0': attr(node, 'zeroStringValue') ?? 'False', '1': attr(node, 'oneStringValue') ?? 'True' } });
        }
        types.set(name, { where: at(node), encoding, fields });
      }
    }
  };

  const readSpaceSystem = (system: XmlNode, parent: string | undefined) => {
    const systemName = attr(system, 'name') ?? 'mission';
    const subsystem = parent === undefined ? identifierOf(systemName) : `${parent}_${identifierOf(systemName)}`;
    const telemetry = child(system, 'TelemetryMetaData');
    const typeSet = child(telemetry, 'ParameterTypeSet');
    if (typeSet) readTypes(typeSet);
    const parameterNodes = children(child(telemetry, 'ParameterSet'), 'Parameter');
    if (telemetry) builder.addSubsystem(subsystem, systemName);
    for (const node of parameterNodes) {
      const name = attr(node, 'name');
      const typeRef = attr(node, 'parameterTypeRef');
      if (name === undefined || typeRef === undefined) throw new ImportError(at(node), 'Parameter needs name and parameterTypeRef');
      const first = parameters.get(name);
      if (first) throw new ImportError(at(node), `duplicate parameter name "${name}" (first on line ${first.where.line})`);
      const type = types.get(lastSegment(typeRef));
      if (!type) throw new ImportError(at(node), `parameter "${name}" refers to unknown type "${typeRef}"`);
      const internal = `${subsystem}.${identifierOf(name)}`;
      builder.addParameter({ name: internal, subsystem, description: textOf(node, 'LongDescription') ?? attr(node, 'shortDescription') ?? name, encoding: type.encoding, ...type.fields }, at(node));
      parameters.set(name, { name: internal, bits: type.encoding.bits ?? 0, where: at(node) });
    }
    for (const node of children(child(telemetry, 'ContainerSet'), 'SequenceContainer')) {
      const name = attr(node, 'name');
      if (name === undefined) throw new ImportError(at(node), 'SequenceContainer without a name');
      if (containers.has(name)) throw new ImportError(at(node), `duplicate container name "${name}" (first on line ${containers.get(name)!.where.line})`);
      const baseRef = attr(child(node, 'BaseContainer'), 'containerRef');
      containers.set(name, { name, subsystem, where: at(node), node, abstract: attr(node, 'abstract') === 'true', base: baseRef === undefined ? undefined : lastSegment(baseRef) });
    }
    for (const nested of children(system, 'SpaceSystem')) readSpaceSystem(nested, subsystem);
  };
  readSpaceSystem(root, undefined);

  const bases = new Set([...containers.values()].map((c) => c.base).filter((b): b is string => b !== undefined));
  for (const container of containers.values()) {
    if (container.abstract || bases.has(container.name)) continue;
    const chain: Container[] = [];
    for (let c: Container | undefined = container; c; ) {
      if (chain.includes(c)) throw new ImportError(c.where, `container "${c.name}" inherits from itself`);
      chain.unshift(c);
      if (c.base === undefined) break;
      const base = containers.get(c.base);
      if (!base) throw new ImportError(at(child(c.node, 'BaseContainer')), `container "${c.name}" has unknown BaseContainer "${c.base}"`);
      c = base;
    }
    const entries: Array<{ name: string; bitOffset: number }> = [];
    const entryLines: SourceLine[] = [];
    const offsets = new Map<string, { bitOffset: number; bits: number }>();
    let cursor = 0;
    for (const c of chain) {
      const list = child(c.node, 'EntryList');
      for (const key of Object.keys(list ?? {})) {
        if (key !== 'ParameterRefEntry' && !key.startsWith('@') && key !== '#text') {
          throw new ImportError(at(children(list, key)[0]), `${key} is not supported in an EntryList (ParameterRefEntry)`);
        }
      }
      for (const entry of children(list, 'ParameterRefEntry')) {
        const ref = attr(entry, 'parameterRef');
        const parameter = ref === undefined ? undefined : parameters.get(lastSegment(ref));
        if (!parameter) throw new ImportError(at(entry), `ParameterRefEntry refers to unknown parameter "${ref ?? ''}"`);
        const location = child(entry, 'LocationInContainerInBits');
        let bitOffset = cursor;
        if (location) {
          const fixed = Number(textOf(location, 'FixedValue'));
          if (!Number.isInteger(fixed)) throw new ImportError(at(location), 'LocationInContainerInBits needs an integer FixedValue');
          const reference = attr(location, 'referenceLocation') ?? 'previousEntry';
          if (reference !== 'previousEntry' && reference !== 'containerStart') throw new ImportError(at(location), `referenceLocation "${reference}" is not supported`);
          bitOffset = reference === 'containerStart' ? fixed : cursor + fixed;
        }
        entries.push({ name: parameter.name, bitOffset });
        entryLines.push(at(entry));
        offsets.set(lastSegment(ref!), { bitOffset, bits: parameter.bits });
        cursor = bitOffset + parameter.bits;
      }
    }
    let apid: number | undefined;
    const select: Array<{ parameter: string; value: number }> = [];
    const selectLines: SourceLine[] = [];
    for (const c of chain) {
      const criteria = child(child(c.node, 'BaseContainer'), 'RestrictionCriteria');
      if (!criteria) continue;
      const comparisons = [...children(criteria, 'Comparison'), ...children(child(criteria, 'ComparisonList'), 'Comparison')];
      if (comparisons.length === 0) throw new ImportError(at(criteria), 'RestrictionCriteria is supported as Comparison or ComparisonList');
      for (const comparison of comparisons) {
        const ref = lastSegment(attr(comparison, 'parameterRef') ?? '');
        const operator = attr(comparison, 'comparisonOperator') ?? '==';
        if (operator !== '==') throw new ImportError(at(comparison), `comparisonOperator "${operator}" is not supported (==)`);
        const value = numberAttr(comparison, 'value');
        const field = offsets.get(ref);
        if (!field) throw new ImportError(at(comparison), `restriction on "${ref}", which is not an entry of container "${container.name}"`);
        if (field.bitOffset === 5 && field.bits === 11) apid = value;
        else {
          select.push({ parameter: parameters.get(ref)!.name, value });
          selectLines.push(at(comparison));
        }
      }
    }
    if (apid === undefined) {
      throw new ImportError(container.where, `container "${container.name}" has no restriction on the APID (the 11-bit entry at bit 5 of its base container)`);
    }
    const size = Number(textOf(child(child(container.node, 'BinaryEncoding'), 'SizeInBits'), 'FixedValue'));
    builder.addPacket(
      {
        name: container.name,
        apid,
        header: 'ccsds',
        subsystem: container.subsystem,
        parameters: entries,
        ...(select.length > 0 ? { select } : {}),
        ...(Number.isInteger(size) && size > 0 ? { lengthBytes: Math.ceil(size / 8) } : {}),
      },
      { packet: container.where, entries: entryLines, select: selectLines },
    );
  }
}
