/**
 * The mission database in memory: the validated file plus the indexes the
 * codec, the worker and the console need (parameter by name and id, packet
 * layout by APID and version, subsystems). Built once; read-only after.
 *
 * @example
 *   const mdb = MissionDatabase.fromFile(json);
 *   mdb.packetLayout(256, 1)?.totalBytes; // 65
 */
import { MissionDatabaseError } from '../../errors';
import { isTopic, type Topic } from '../../topics';
import { RAW_RANGES } from './calibration';
import {
  missionDatabaseSchema,
  type MissionDatabaseFile,
  type ParameterDefinition,
  type SubsystemDefinition,
} from './schema';

/** Bytes before the first parameter: 6-byte primary header + 10-byte secondary header. */
export const HEADER_BYTES = 16;
/** Packet error control word at the end of each packet. */
export const CRC_BYTES = 2;

export interface PacketLayout {
  readonly name: string;
  readonly apid: number;
  readonly version: number;
  readonly subsystem: string;
  readonly topic: Topic;
  readonly rateHz: number;
  readonly parameters: readonly ParameterDefinition[];
  /** Byte offset of each parameter from the start of the packet. */
  readonly offsets: readonly number[];
  readonly totalBytes: number;
}

export class MissionDatabase {
  readonly version: string;
  readonly mission: string;
  readonly epochMs: number;
  readonly subsystems: readonly SubsystemDefinition[];
  readonly parameters: readonly ParameterDefinition[];
  readonly layouts: readonly PacketLayout[];
  /** Largest packet any definition describes, in bytes. */
  readonly maxPacketBytes: number;
  readonly #byName = new Map<string, ParameterDefinition>();
  readonly #byId = new Map<number, ParameterDefinition>();
  readonly #layouts = new Map<number, Map<number, PacketLayout>>();
  readonly #subsystems = new Map<string, SubsystemDefinition>();

  private constructor(file: MissionDatabaseFile) {
    this.version = file.version;
    this.mission = file.mission;
    this.epochMs = Date.parse(file.time.epoch);
    this.subsystems = file.subsystems;
    this.parameters = file.parameters;
    for (const s of file.subsystems) {
      if (this.#subsystems.has(s.id)) throw new MissionDatabaseError(`subsystem "${s.id}" defined twice`);
      if (!isTopic(s.topic)) throw new MissionDatabaseError(`subsystem "${s.id}" names unknown topic "${s.topic}"`);
      this.#subsystems.set(s.id, s);
    }
    for (const p of file.parameters) this.#addParameter(p);
    for (const s of file.subsystems) {
      for (const view of s.views) {
        if (view.kind === 'grid') continue;
        const names =
          view.kind === 'orientation'
            ? [...view.quaternion, ...view.commanded]
            : [...view.parameters, ...(view.kind === 'plot' && view.shadeWhen ? [view.shadeWhen] : [])];
        for (const name of names) {
          if (!this.#byName.has(name)) throw new MissionDatabaseError(`view "${view.title}" of "${s.id}" names unknown parameter "${name}"`);
        }
      }
    }
    const layouts: PacketLayout[] = [];
    for (const packet of file.packets) {
      const subsystem = this.#subsystems.get(packet.subsystem);
      if (!subsystem) throw new MissionDatabaseError(`packet "${packet.name}" names unknown subsystem "${packet.subsystem}"`);
      const versions = this.#layouts.get(packet.apid) ?? new Map<number, PacketLayout>();
      if (versions.has(packet.version)) {
        throw new MissionDatabaseError(`APID ${packet.apid} version ${packet.version} defined twice`);
      }
      const parameters = packet.parameters.map((name) => {
        const p = this.#byName.get(name);
        if (!p) throw new MissionDatabaseError(`packet "${packet.name}" names unknown parameter "${name}"`);
        return p;
      });
      const offsets: number[] = [];
      let offset = HEADER_BYTES;
      for (const p of parameters) {
        offsets.push(offset);
        offset += RAW_RANGES[p.rawType].bytes;
      }
      const layout: PacketLayout = {
        name: packet.name,
        apid: packet.apid,
        version: packet.version,
        subsystem: packet.subsystem,
        topic: subsystem.topic as Topic,
        rateHz: packet.rateHz,
        parameters,
        offsets,
        totalBytes: offset + CRC_BYTES,
      };
      versions.set(packet.version, layout);
      this.#layouts.set(packet.apid, versions);
      layouts.push(layout);
    }
    this.layouts = layouts;
    this.maxPacketBytes = Math.max(...layouts.map((l) => l.totalBytes));
  }

  /** Validates a parsed JSON document; throws MissionDatabaseError naming the first problem. */
  static fromFile(json: unknown): MissionDatabase {
    const parsed = missionDatabaseSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new MissionDatabaseError(`mission database invalid at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    return new MissionDatabase(parsed.data);
  }

  parameter(name: string): ParameterDefinition | undefined {
    return this.#byName.get(name);
  }

  parameterById(id: number): ParameterDefinition | undefined {
    return this.#byId.get(id);
  }

  subsystem(id: string): SubsystemDefinition | undefined {
    return this.#subsystems.get(id);
  }

  /** Layout for an APID at a definition version; undefined when either is unknown. */
  packetLayout(apid: number, version: number): PacketLayout | undefined {
    return this.#layouts.get(apid)?.get(version);
  }

  hasApid(apid: number): boolean {
    return this.#layouts.has(apid);
  }

  /** The newest definition version of an APID. */
  latestLayout(apid: number): PacketLayout | undefined {
    const versions = this.#layouts.get(apid);
    if (!versions) return undefined;
    return versions.get(Math.max(...versions.keys()));
  }

  /** Parameters of one subsystem, in definition order. */
  parametersOf(subsystem: string): ParameterDefinition[] {
    return this.parameters.filter((p) => p.subsystem === subsystem);
  }

  #addParameter(p: ParameterDefinition): void {
    if (this.#byName.has(p.name)) throw new MissionDatabaseError(`parameter "${p.name}" defined twice`);
    if (this.#byId.has(p.id)) throw new MissionDatabaseError(`parameter id ${p.id} used by "${this.#byId.get(p.id)!.name}" and "${p.name}"`);
    if (!this.#subsystems.has(p.subsystem)) throw new MissionDatabaseError(`parameter "${p.name}" names unknown subsystem "${p.subsystem}"`);
    if (!p.name.startsWith(`${p.subsystem}.`)) throw new MissionDatabaseError(`parameter "${p.name}" must start with "${p.subsystem}."`);
    const { criticalLow, warningLow, warningHigh, criticalHigh } = p.limits ?? {};
    const ordered = [criticalLow, warningLow, warningHigh, criticalHigh].filter((v): v is number => v !== undefined);
    if (ordered.some((v, i) => i > 0 && v < ordered[i - 1]!)) {
      throw new MissionDatabaseError(`parameter "${p.name}" limits must satisfy criticalLow ≤ warningLow ≤ warningHigh ≤ criticalHigh`);
    }
    if (p.validRange && !(p.validRange.min < p.validRange.max)) {
      throw new MissionDatabaseError(`parameter "${p.name}" validRange must have min < max`);
    }
    if (p.calibration.type === 'table') {
      const raws = p.calibration.points.map(([raw]) => raw);
      if (raws.some((r, i) => i > 0 && r <= raws[i - 1]!)) {
        throw new MissionDatabaseError(`parameter "${p.name}" table calibration must list raw values in increasing order`);
      }
      const engs = p.calibration.points.map(([, eng]) => eng);
      const up = engs.every((e, i) => i === 0 || e > engs[i - 1]!);
      const down = engs.every((e, i) => i === 0 || e < engs[i - 1]!);
      if (!up && !down) throw new MissionDatabaseError(`parameter "${p.name}" table calibration must be monotonic`);
    }
    const range = RAW_RANGES[p.rawType];
    for (const raw of Object.keys(p.states ?? {})) {
      const n = Number(raw);
      if (n < range.min || n > range.max) throw new MissionDatabaseError(`parameter "${p.name}" state ${raw} outside ${p.rawType}`);
    }
    this.#byName.set(p.name, p);
    this.#byId.set(p.id, p);
  }
}
