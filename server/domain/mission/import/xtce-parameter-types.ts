/**
 * XTCE parameter types (Integer, Float, Enumerated, Boolean) read into
 * Perigee encodings, calibrations, enumerations, units and limits.
 */
import type { EncodingDefinition, ParameterDefinition } from '../schema';
import { ImportError, type SourceLine } from './definition-builder';
import type { XmlNode, XtceDocument } from './xtce-document';

export const PARAMETER_TYPES = ['IntegerParameterType', 'FloatParameterType', 'EnumeratedParameterType', 'BooleanParameterType'] as const;

export interface ParameterType {
  readonly where: SourceLine;
  readonly encoding: EncodingDefinition;
  readonly fields: Pick<ParameterDefinition, 'calibration' | 'unit' | 'states' | 'stateRanges' | 'limits'>;
}

function integerEncoding(doc: XtceDocument, encodingNode: XmlNode): EncodingDefinition {
  const { at, attr, numberAttr } = doc;
  const bits = numberAttr(encodingNode, 'sizeInBits', 8);
  const scheme = attr(encodingNode, 'encoding') ?? 'unsigned';
  if (scheme !== 'unsigned' && scheme !== 'twosComplement' && scheme !== 'twosCompliment') {
    throw new ImportError(at(encodingNode), `integer encoding "${scheme}" is not supported (unsigned, twosComplement)`);
  }
  return { kind: scheme === 'unsigned' ? 'unsigned' : 'signed', bits, ...byteOrderOf(doc, encodingNode, bits) };
}

function byteOrderOf(doc: XtceDocument, encodingNode: XmlNode, bits: number): Pick<EncodingDefinition, 'byteOrder'> {
  const { at, children, child, attr, numberAttr } = doc;
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
}

function calibratorOf(doc: XtceDocument, encodingNode: XmlNode | undefined): ParameterDefinition['calibration'] {
  const { at, children, child, numberAttr } = doc;
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
}

function limitsOf(doc: XtceDocument, typeNode: XmlNode): Pick<ParameterDefinition, 'limits'> {
  const { at, child, attr } = doc;
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
}

function unitOf(doc: XtceDocument, typeNode: XmlNode): string {
  return doc.textOf(doc.child(typeNode, 'UnitSet'), 'Unit') ?? '';
}

export function readParameterTypes(doc: XtceDocument, typeSet: XmlNode, types: Map<string, ParameterType>): void {
  const { at, children, child, attr, numberAttr } = doc;
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
        encoding = { kind: 'float', bits, ...byteOrderOf(doc, floatNode, bits) };
        calibration = calibratorOf(doc, floatNode);
      } else if (integerNode) {
        encoding = integerEncoding(doc, integerNode);
        calibration = calibratorOf(doc, integerNode);
      } else if (kind === 'BooleanParameterType') {
        encoding = { kind: 'unsigned', bits: 1 };
      } else {
        throw new ImportError(at(node), `${kind} "${name}" has no IntegerDataEncoding${kind === 'FloatParameterType' ? ' or FloatDataEncoding' : ''}`);
      }
      const fields: ParameterType['fields'] = { calibration, unit: unitOf(doc, node), ...limitsOf(doc, node) };
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
}
