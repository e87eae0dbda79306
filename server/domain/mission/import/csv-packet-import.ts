/**
 * Imports a packet definition in the CSV format of the CCSDSPy library
 * (`ccsdspy.FixedLength.from_file` / `VariableLength.from_file`): one file
 * per packet, one row per field in wire order, the APID given on import.
 *
 *   name, data_type, bit_length [, bit_offset] [, array_shape] [, byte_order]
 *
 * data_type is uint, int, float, str or fill (spare bits). bit_offset counts
 * from the first bit of the packet, primary header included (as in CCSDSPy);
 * without it a field follows the previous one, the first after the 48-bit
 * primary header. array_shape is an element count or `expand` (repeat to the
 * end of the packet). byte_order is big, little, or CCSDSPy's digit string
 * naming, for each wire byte, which byte of the big-endian value it holds
 * (1 = most significant), e.g. 2143.
 *
 * Perigee reads these further optional columns: unit, description,
 * polynomial ("c0;c1;c2": eng = c0 + c1·raw + c2·raw²), table
 * ("raw:eng;raw:eng;…", interpolated), enumeration ("0=OFF;1=ON;2-7=SPARE"),
 * warning_low, warning_high, critical_low, critical_high (engineering limits).
 *
 * @example
 *   importCsvPacket(builder, { file: 'hk.csv', text, apid: 100 });
 */
import { DefinitionBuilder, ImportError, identifierOf, type SourceLine } from './definition-builder';
import type { EncodingDefinition, ParameterDefinition, PacketEntry } from '../schema';
import { parseCsv } from './csv-table';

export interface CsvPacketOptions {
  readonly file: string;
  readonly text: string;
  readonly apid: number;
  /** Packet name; the file's base name by default. */
  readonly name?: string;
  /** Subsystem of its parameters; the packet name by default. */
  readonly subsystem?: string;
  /** Declared packet length in bytes, when known: fields must end inside it. */
  readonly lengthBytes?: number;
}

const REQUIRED = ['name', 'data_type', 'bit_length'] as const;
const KNOWN = new Set([
  ...REQUIRED,
  'bit_offset',
  'array_shape',
  'array_order',
  'byte_order',
  'unit',
  'description',
  'polynomial',
  'table',
  'enumeration',
  'warning_low',
  'warning_high',
  'critical_low',
  'critical_high',
]);
const DATA_TYPES = ['uint', 'int', 'float', 'str', 'fill'] as const;

export function importCsvPacket(builder: DefinitionBuilder, options: CsvPacketOptions): void {
  const { file, text, apid } = options;
  const baseName = file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const packetName = options.name ?? baseName;
  const subsystem = options.subsystem ?? identifierOf(packetName);
  builder.addSubsystem(subsystem, packetName);
  const table = parseCsv(text);
  const headerRow = table[0];
  if (!headerRow) throw new ImportError({ file, line: 1 }, 'empty file; expected a header row with name, data_type, bit_length');
  const columns = headerRow.cells.map((c) => c.trim().toLowerCase());
  const at1 = { file, line: headerRow.line };
  for (const required of REQUIRED) {
    if (!columns.includes(required)) throw new ImportError(at1, `missing column "${required}" (columns: ${columns.join(', ')})`);
  }
  const unknown = columns.find((c) => !KNOWN.has(c));
  if (unknown !== undefined) throw new ImportError(at1, `unknown column "${unknown}"`);

  const entries: PacketEntry[] = [];
  const entryLines: SourceLine[] = [];
  const names = new Map<string, number>();
  for (const row of table.slice(1)) {
    const where = { file, line: row.line };
    const cell = (column: string): string | undefined => {
      const i = columns.indexOf(column);
      const value = i < 0 ? undefined : row.cells[i]?.trim();
      return value === '' ? undefined : value;
    };
    const number = (column: string, integer = true): number | undefined => {
      const raw = cell(column);
      if (raw === undefined) return undefined;
      const n = Number(raw);
      if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) throw new ImportError(where, `${column} "${raw}" is not ${integer ? 'an integer' : 'a number'}`);
      return n;
    };
    const fieldName = cell('name');
    if (fieldName === undefined) throw new ImportError(where, 'field without a name');
    const dataType = cell('data_type');
    if (!DATA_TYPES.includes(dataType as (typeof DATA_TYPES)[number])) {
      throw new ImportError(where, `field "${fieldName}" has unknown data_type "${dataType ?? ''}"; expected ${DATA_TYPES.join(', ')}`);
    }
    const bits = number('bit_length');
    if (bits === undefined || bits < 1) throw new ImportError(where, `field "${fieldName}" needs a positive bit_length`);
    const bitOffset = number('bit_offset');
    if (bitOffset !== undefined && bitOffset < 0) throw new ImportError(where, `field "${fieldName}" has a negative bit_offset`);
    const first = names.get(fieldName);
    if (first !== undefined) throw new ImportError(where, `duplicate field name "${fieldName}" (first on line ${first})`);
    names.set(fieldName, row.line);
    if (dataType === 'fill') {
      if (bitOffset !== undefined) throw new ImportError(where, `fill field "${fieldName}" cannot have a bit_offset; it fills the bits where it stands`);
      entries.push({ spare: bits });
      entryLines.push(where);
      continue;
    }
    const name = `${subsystem}.${identifierOf(fieldName)}`;
    if (builder.hasParameter(name)) throw new ImportError(where, `field "${fieldName}" is parameter "${name}", which is already defined (names are compared in lower case with _ for other characters)`);
    const encoding = encodingOf(dataType as Exclude<(typeof DATA_TYPES)[number], 'fill'>, bits, cell('byte_order'), where, fieldName);
    const shape = cell('array_shape');
    let arrayLength: ParameterDefinition['arrayLength'];
    if (shape === 'expand') arrayLength = 'remaining';
    else if (shape !== undefined) {
      arrayLength = Number(shape);
      if (!Number.isInteger(arrayLength) || arrayLength < 1) throw new ImportError(where, `field "${fieldName}" has array_shape "${shape}"; expected a count or expand`);
    }
    const limits = Object.fromEntries(
      (
        [
          ['warningLow', number('warning_low', false)],
          ['warningHigh', number('warning_high', false)],
          ['criticalLow', number('critical_low', false)],
          ['criticalHigh', number('critical_high', false)],
        ] as const
      ).filter(([, v]) => v !== undefined),
    );
    const { states, stateRanges } = enumerationOf(cell('enumeration'), where, fieldName);
    builder.addParameter(
      {
        name,
        subsystem,
        description: cell('description') ?? fieldName,
        unit: cell('unit') ?? '',
        encoding,
        ...(arrayLength === undefined ? {} : { arrayLength }),
        calibration: calibrationOf(cell('polynomial'), cell('table'), where, fieldName),
        ...(states ? { states } : {}),
        ...(stateRanges ? { stateRanges } : {}),
        ...(Object.keys(limits).length > 0 ? { limits } : {}),
      },
      where,
    );
    entries.push(bitOffset === undefined ? name : { name, bitOffset });
    entryLines.push(where);
  }
  if (entries.length === 0) throw new ImportError(at1, 'no fields');
  builder.addPacket(
    { name: packetName, apid, header: 'ccsds', subsystem, parameters: entries, ...(options.lengthBytes === undefined ? {} : { lengthBytes: options.lengthBytes }) },
    { packet: at1, entries: entryLines },
  );
}

function encodingOf(dataType: 'uint' | 'int' | 'float' | 'str', bits: number, byteOrder: string | undefined, where: SourceLine, field: string): EncodingDefinition {
  const kind = ({ uint: 'unsigned', int: 'signed', float: 'float', str: 'string' } as const)[dataType];
  if ((kind === 'unsigned' || kind === 'signed') && bits > 64) throw new ImportError(where, `field "${field}": ${dataType} is 1 to 64 bits, not ${bits}`);
  if (kind === 'float' && bits !== 32 && bits !== 64) throw new ImportError(where, `field "${field}": float is 32 or 64 bits, not ${bits}`);
  if (kind === 'string' && bits % 8 !== 0) throw new ImportError(where, `field "${field}": str is whole bytes, not ${bits} bits`);
  if (byteOrder === undefined || byteOrder === 'big') return { kind, bits };
  if (bits % 8 !== 0) throw new ImportError(where, `field "${field}": byte_order "${byteOrder}" needs whole bytes, not ${bits} bits`);
  if (byteOrder === 'little') return { kind, bits, byteOrder: 'little' };
  const n = bits / 8;
  const digits = [...byteOrder].map(Number);
  if (digits.length !== n || new Set(digits).size !== n || digits.some((d) => !(d >= 1 && d <= n))) {
    throw new ImportError(where, `field "${field}": byte_order "${byteOrder}" must be big, little or an ordering of 1..${n}`);
  }
  // Digit d (1 = most significant) at wire byte k: that byte's significance is n − d.
  return { kind, bits, byteOrder: digits.map((d) => n - d) };
}

function calibrationOf(polynomial: string | undefined, table: string | undefined, where: SourceLine, field: string): ParameterDefinition['calibration'] {
  if (polynomial !== undefined && table !== undefined) throw new ImportError(where, `field "${field}" has both a polynomial and a table`);
  if (polynomial !== undefined) {
    const coefficients = polynomial.split(/[;\s]+/).filter(Boolean).map(Number);
    if (coefficients.length === 0 || coefficients.some((c) => !Number.isFinite(c))) {
      throw new ImportError(where, `field "${field}" has polynomial "${polynomial}"; expected coefficients c0;c1;…`);
    }
    return { type: 'polynomial', coefficients };
  }
  if (table !== undefined) {
    const points = table
      .split(/[;\s]+/)
      .filter(Boolean)
      .map((pair) => pair.split(':').map(Number));
    if (points.length < 2 || points.some((p) => p.length !== 2 || p.some((v) => !Number.isFinite(v)))) {
      throw new ImportError(where, `field "${field}" has table "${table}"; expected at least two raw:eng points`);
    }
    return { type: 'table', points: points as Array<[number, number]> };
  }
  return { type: 'none' };
}

function enumerationOf(text: string | undefined, where: SourceLine, field: string): Pick<ParameterDefinition, 'states' | 'stateRanges'> {
  if (text === undefined) return {};
  const states: Record<string, string> = {};
  const stateRanges: Array<{ min: number; max: number; state: string }> = [];
  for (const item of text.split(';').map((s) => s.trim()).filter(Boolean)) {
    const match = /^(-?\d+)(?:\s*-\s*(-?\d+))?\s*=\s*(.+)$/.exec(item);
    if (!match) throw new ImportError(where, `field "${field}" has enumeration item "${item}"; expected value=STATE or min-max=STATE`);
    const [, from, to, state] = match;
    if (to === undefined) states[String(Number(from))] = state!.trim();
    else stateRanges.push({ min: Number(from), max: Number(to), state: state!.trim() });
  }
  return { ...(Object.keys(states).length > 0 ? { states } : {}), ...(stateRanges.length > 0 ? { stateRanges } : {}) };
}
