/**
 * Collects what the importers read (XTCE, CSV) into one mission database
 * definition, remembering the file and line each parameter, packet and
 * packet entry came from, so that every validation error can point there.
 *
 * @example
 *   const builder = new DefinitionBuilder('DEMOSAT');
 *   builder.addSubsystem('eps', 'EPS');
 *   builder.addParameter({ ...definition }, { file: 'eps.csv', line: 4 });
 *   const mdb = builder.build(); // MissionDatabase, or MissionDatabaseError "eps.csv:4: ..."
 */
import { MissionDatabaseError } from '../../../errors';
import { MissionDatabase } from '../mission-database';
import { withDefaultViews } from '../default-views';
import type { CcsdsPacketsDefinition, MissionDatabaseInput, ParameterDefinition } from '../schema';

export interface SourceLine {
  readonly file: string;
  readonly line: number;
}

type PacketInput = MissionDatabaseInput['packets'][number];
type ParameterInput = Omit<ParameterDefinition, 'id'>;

/** Lower-case identifier for parameter and subsystem names: `Battery-Voltage` → `battery_voltage`. */
export function identifierOf(name: string): string {
  const id = name
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(id) ? id : `p_${id}`;
}

export class ImportError extends MissionDatabaseError {
  constructor(where: SourceLine, message: string) {
    super(`${where.file}:${where.line}: ${message}`);
  }
}

export class DefinitionBuilder {
  readonly #mission: string;
  readonly #subsystems = new Map<string, { id: string; name: string }>();
  readonly #parameters: ParameterDefinition[] = [];
  readonly #parameterSources: SourceLine[] = [];
  readonly #packets: PacketInput[] = [];
  readonly #packetSources: Array<{ packet: SourceLine; entries: SourceLine[]; select: SourceLine[] }> = [];
  #nextId = 1;
  #ccsdsPackets: CcsdsPacketsDefinition | undefined;
  #ccsdsSource: SourceLine | undefined;
  #spacecraftMode: { parameter: string; where: SourceLine } | undefined;

  constructor(mission: string) {
    this.#mission = mission;
  }

  addSubsystem(id: string, name: string): void {
    if (!this.#subsystems.has(id)) this.#subsystems.set(id, { id, name });
  }

  hasParameter(name: string): boolean {
    return this.#parameters.some((p) => p.name === name);
  }

  /** Adds a parameter with the next free id (an array takes one id per element); returns its full definition. */
  addParameter(parameter: ParameterInput, where: SourceLine): ParameterDefinition {
    const definition = { ...parameter, id: this.#nextId } as ParameterDefinition;
    this.#nextId += typeof parameter.arrayLength === 'number' ? parameter.arrayLength : 1;
    this.#parameters.push(definition);
    this.#parameterSources.push(where);
    return definition;
  }

  addPacket(packet: PacketInput, where: { packet: SourceLine; entries: SourceLine[]; select?: SourceLine[] }): void {
    this.#packets.push(packet);
    this.#packetSources.push({ packet: where.packet, entries: where.entries, select: where.select ?? [] });
  }

  /** The enumerated parameter whose state is the spacecraft's mode. */
  setSpacecraftMode(parameter: string, where: SourceLine): void {
    this.#spacecraftMode = { parameter, where };
  }

  /** Where packets with only a primary header carry their spacecraft and onboard time. */
  setCcsdsPackets(ccsdsPackets: CcsdsPacketsDefinition, where: SourceLine): void {
    this.#ccsdsPackets = ccsdsPackets;
    this.#ccsdsSource = where;
  }

  /** The definition as the internal file format (views are derived when the database is built). */
  toFile(): MissionDatabaseInput {
    return {
      mission: this.#mission,
      version: '1.0.0',
      ...(this.#spacecraftMode ? { spacecraftMode: { parameter: this.#spacecraftMode.parameter } } : {}),
      ...(this.#ccsdsPackets ? { ccsdsPackets: this.#ccsdsPackets } : {}),
      subsystems: [...this.#subsystems.values()].map((s) => ({ id: s.id, name: s.name, views: [] })),
      parameters: this.#parameters,
      packets: this.#packets,
    };
  }

  /** Where a definition path (as MissionDatabase reports it) was written. */
  locate(path: ReadonlyArray<PropertyKey>): string | undefined {
    const [section, index, part, entry] = path;
    if (section === 'ccsdsPackets' && this.#ccsdsSource) return `${this.#ccsdsSource.file}:${this.#ccsdsSource.line}`;
    if (section === 'spacecraftMode' && this.#spacecraftMode) return `${this.#spacecraftMode.where.file}:${this.#spacecraftMode.where.line}`;
    if (typeof index !== 'number') return undefined;
    let where: SourceLine | undefined;
    if (section === 'parameters') where = this.#parameterSources[index];
    if (section === 'packets') {
      const sources = this.#packetSources[index];
      if (part === 'parameters' && typeof entry === 'number') where = sources?.entries[entry] ?? sources?.packet;
      else if (part === 'select' && typeof entry === 'number') where = sources?.select[entry] ?? sources?.packet;
      else where = sources?.packet;
    }
    return where ? `${where.file}:${where.line}` : undefined;
  }

  /** Validates everything read so far as a mission database; errors name the file and line. */
  build(): MissionDatabase {
    const locate = (path: ReadonlyArray<PropertyKey>) => this.locate(path);
    const imported = MissionDatabase.fromFile(this.toFile(), { locate });
    return MissionDatabase.fromFile(withDefaultViews(imported.file, imported), { locate });
  }
}
