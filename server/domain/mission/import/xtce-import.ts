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
 *     start), inheriting through BaseContainer with RestrictionCriteria,
 *     their rate from DefaultRateInStream;
 *   - Perigee's AncillaryData on the root SpaceSystem naming the fields of
 *     the spacecraft id and onboard time (see readCcsdsIdentity).
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
import { DefinitionBuilder, ImportError, identifierOf, type SourceLine } from './definition-builder';
import { XtceDocument, lastSegment, type XmlNode } from './xtce-document';
import { readParameterTypes, type ParameterType } from './xtce-parameter-types';

interface Container {
  readonly name: string;
  readonly subsystem: string;
  readonly where: SourceLine;
  readonly node: XmlNode;
  readonly abstract: boolean;
  readonly base: string | undefined;
}

export function importXtce(builder: DefinitionBuilder, { file, text }: { file: string; text: string }): void {
  const doc = new XtceDocument(file, text);
  const { at, children, child, attr, textOf, numberAttr } = doc;
  const root = child(doc.root, 'SpaceSystem');
  if (!root) throw new ImportError({ file, line: 1 }, 'no SpaceSystem element: not an XTCE document');

  const types = new Map<string, ParameterType>();
  const parameters = new Map<string, { name: string; bits: number; where: SourceLine }>();
  const containers = new Map<string, Container>();

  const readSpaceSystem = (system: XmlNode, parent: string | undefined) => {
    const systemName = attr(system, 'name') ?? 'mission';
    const subsystem = parent === undefined ? identifierOf(systemName) : `${parent}_${identifierOf(systemName)}`;
    const telemetry = child(system, 'TelemetryMetaData');
    const typeSet = child(telemetry, 'ParameterTypeSet');
    if (typeSet) readParameterTypes(doc, typeSet, types);
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
  readCcsdsIdentity(doc, root, builder, (name) => parameters.get(name)?.name);

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
    const rateHz = rateOf(doc, chain);
    builder.addPacket(
      {
        name: container.name,
        apid,
        header: 'ccsds',
        subsystem: container.subsystem,
        ...(rateHz === undefined ? {} : { rateHz }),
        parameters: entries,
        ...(select.length > 0 ? { select } : {}),
        ...(Number.isInteger(size) && size > 0 ? { lengthBytes: Math.ceil(size / 8) } : {}),
      },
      { packet: container.where, entries: entryLines, select: selectLines },
    );
  }
}

/**
 * The packet rate from DefaultRateInStream (basis perSecond) of the container
 * or its nearest base that gives one; undefined when none does.
 */
function rateOf(doc: XtceDocument, chain: readonly Container[]): number | undefined {
  for (const c of [...chain].reverse()) {
    const rate = doc.child(c.node, 'DefaultRateInStream');
    if (!rate) continue;
    const basis = doc.attr(rate, 'basis') ?? 'perSecond';
    if (basis !== 'perSecond') throw new ImportError(doc.at(rate), `DefaultRateInStream basis "${basis}" is not supported (perSecond)`);
    const hz = doc.numberAttr(rate, 'minimumValue', doc.numberAttr(rate, 'maximumValue', Number.NaN));
    if (!(hz > 0)) throw new ImportError(doc.at(rate), 'DefaultRateInStream needs a positive minimumValue or maximumValue');
    return hz;
  }
  return undefined;
}

/** AncillaryData names on the root SpaceSystem that say where packets carry their spacecraft and onboard time. */
export const XTCE_IDENTITY_NAMES = {
  spacecraftParameter: 'perigee.spacecraft-id-parameter',
  spacecraftId: 'perigee.spacecraft-id',
  secondsParameter: 'perigee.onboard-time-seconds-parameter',
  subsecondsParameter: 'perigee.onboard-time-subseconds-parameter',
  onboardTime: 'perigee.onboard-time',
  spacecraftMode: 'perigee.spacecraft-mode-parameter',
} as const;

/**
 * Reads the mission's `ccsdsPackets` from the root SpaceSystem's
 * AncillaryDataSet (XTCE's place for data no element models), e.g.
 *   <AncillaryData name="perigee.spacecraft-id-parameter">SC_ID</AncillaryData>
 *   <AncillaryData name="perigee.onboard-time-seconds-parameter">CUC_Coarse</AncillaryData>
 * or perigee.spacecraft-id (a number) and perigee.onboard-time = arrival;
 * and perigee.spacecraft-mode-parameter, the enumerated parameter whose
 * state is the spacecraft's mode (the mission's `spacecraftMode`).
 */
function readCcsdsIdentity(doc: XtceDocument, root: XmlNode, builder: DefinitionBuilder, internalName: (xtceName: string) => string | undefined): void {
  const entries = doc.children(doc.child(root, 'AncillaryDataSet'), 'AncillaryData');
  const values = new Map<string, { text: string; where: SourceLine }>();
  for (const node of entries) {
    const name = doc.attr(node, 'name');
    if (name === undefined || !name.startsWith('perigee.')) continue;
    const raw: unknown = (node as Record<string, unknown>)['#text'];
    const text = (typeof raw === 'string' ? raw : Array.isArray(raw) && typeof raw[0] === 'string' ? raw[0] : '').trim();
    if (!(Object.values(XTCE_IDENTITY_NAMES) as string[]).includes(name)) throw new ImportError(doc.at(node), `unknown AncillaryData "${name}"`);
    values.set(name, { text, where: doc.at(node) });
  }
  const parameterOf = (key: string): string | undefined => {
    const entry = values.get(key);
    if (!entry) return undefined;
    const name = internalName(entry.text);
    if (name === undefined) throw new ImportError(entry.where, `${key} names unknown parameter "${entry.text}"`);
    return name;
  };
  const mode = values.get(XTCE_IDENTITY_NAMES.spacecraftMode);
  if (mode) {
    builder.setSpacecraftMode(parameterOf(XTCE_IDENTITY_NAMES.spacecraftMode)!, mode.where);
    values.delete(XTCE_IDENTITY_NAMES.spacecraftMode);
  }
  if (values.size === 0) return;
  const first = [...values.values()][0]!.where;
  const spacecraftParameter = parameterOf(XTCE_IDENTITY_NAMES.spacecraftParameter);
  const fixed = values.get(XTCE_IDENTITY_NAMES.spacecraftId);
  if ((spacecraftParameter === undefined) === (fixed === undefined)) {
    throw new ImportError(first, `give exactly one of ${XTCE_IDENTITY_NAMES.spacecraftParameter} and ${XTCE_IDENTITY_NAMES.spacecraftId}`);
  }
  const fixedId = fixed === undefined ? undefined : Number(fixed.text);
  if (fixed && !(Number.isInteger(fixedId) && fixedId! >= 0 && fixedId! <= 0xffff)) throw new ImportError(fixed.where, `spacecraft id "${fixed.text}" must be an integer from 0 to 65535`);
  const seconds = parameterOf(XTCE_IDENTITY_NAMES.secondsParameter);
  const subseconds = parameterOf(XTCE_IDENTITY_NAMES.subsecondsParameter);
  const source = values.get(XTCE_IDENTITY_NAMES.onboardTime);
  if (source && source.text !== 'arrival') throw new ImportError(source.where, `${XTCE_IDENTITY_NAMES.onboardTime} is "arrival" or absent, not "${source.text}"`);
  if ((seconds === undefined) === (source === undefined)) {
    throw new ImportError(first, `give exactly one of ${XTCE_IDENTITY_NAMES.secondsParameter} and ${XTCE_IDENTITY_NAMES.onboardTime} = arrival`);
  }
  builder.setCcsdsPackets(
    {
      spacecraft: spacecraftParameter !== undefined ? { source: 'parameter', parameter: spacecraftParameter } : { source: 'fixed', id: fixedId! },
      onboardTime: seconds !== undefined ? { source: 'parameter', seconds, ...(subseconds === undefined ? {} : { subseconds }) } : { source: 'arrival' },
    },
    first,
  );
}
