/**
 * The mission database in memory: the validated file plus the indexes the
 * codec, the worker and the console need (parameter by name and id, packet
 * layouts by APID, subsystems). Built once; read-only after. Validation
 * errors name the definition's path, or the file and line a `locate`
 * function maps it to (the importers' source lines).
 *
 * @example
 *   const mdb = MissionDatabase.fromFile(json);
 *   mdb.packetLayout(256, 1)?.totalBytes; // 65
 */
import { MissionDatabaseError } from '../../errors';
import { isTopic, type Topic } from '../../topics';
import { resolveCcsdsIdentity, type CcsdsIdentity } from './ccsds-identity';
import { compilePacketLayout, type PacketLayout, type ResolvedParameter } from './packet-layout';
import {
  missionDatabaseSchema,
  type MissionDatabaseFile,
  type PacketHeaderKind,
  type ParameterDefinition,
  type SubsystemDefinition,
} from './schema';
import { isNumericEncoding, rawRangeOf, wireEncodingOf } from './wire-encoding';

export { CRC_BYTES, HEADER_BYTES, type LayoutField, type PacketLayout } from './packet-layout';

/** Maps a path in the definition (e.g. ['packets', 2, 'parameters', 5]) to where it was written, e.g. "eps.csv:7". */
export type SourceLocator = (path: ReadonlyArray<PropertyKey>) => string | undefined;

export class MissionDatabase {
  readonly version: string;
  readonly mission: string;
  readonly epochMs: number;
  readonly subsystems: readonly SubsystemDefinition[];
  /** Every sample parameter (fixed arrays as their elements), in definition order. */
  readonly parameters: readonly ParameterDefinition[];
  readonly layouts: readonly PacketLayout[];
  /** Largest packet any fixed-length definition describes, in bytes. */
  readonly maxPacketBytes: number;
  /** Headers assumed for a packet whose APID is unknown, to check it as far as possible. */
  readonly defaultHeader: PacketHeaderKind;
  /**
   * Fields that say how a packet travels rather than what the spacecraft
   * measured: the primary header fields a 'ccsds' layout lists, the fields
   * selecting a layout, and those holding the spacecraft id and onboard time.
   * Kept in the raw packet; not archived as samples (several packets share
   * them at one onboard time) nor shown by derived views.
   */
  readonly bookkeeping: ReadonlySet<string>;
  /** The validated file this database was built from. */
  readonly file: MissionDatabaseFile;
  readonly #byName = new Map<string, ParameterDefinition>();
  readonly #byId = new Map<number, ParameterDefinition>();
  readonly #resolved = new Map<string, ResolvedParameter>();
  readonly #layouts = new Map<number, PacketLayout[]>();
  readonly #subsystems = new Map<string, SubsystemDefinition>();
  readonly #locate: SourceLocator;
  readonly #identities = new Map<PacketLayout, CcsdsIdentity>();

  private constructor(file: MissionDatabaseFile, locate: SourceLocator) {
    this.#locate = locate;
    this.file = file;
    this.version = file.version;
    this.mission = file.mission;
    this.epochMs = Date.parse(file.time.epoch);
    this.subsystems = file.subsystems;
    file.subsystems.forEach((s, i) => {
      if (this.#subsystems.has(s.id)) this.#fail(['subsystems', i], `subsystem "${s.id}" defined twice`);
      if (s.topic !== undefined && !isTopic(s.topic)) this.#fail(['subsystems', i, 'topic'], `subsystem "${s.id}" names unknown topic "${s.topic}"`);
      this.#subsystems.set(s.id, s);
    });
    const ids = new Map<number, string>();
    const parameters: ParameterDefinition[] = [];
    file.parameters.forEach((p, i) => parameters.push(...this.#addParameter(p, i, ids)));
    this.parameters = parameters;
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
    const mode = file.spacecraftMode?.parameter;
    if (mode !== undefined && (this.#byName.get(mode)?.states ?? this.#byName.get(mode)?.stateRanges) === undefined) {
      this.#fail(['spacecraftMode', 'parameter'], `spacecraftMode names "${mode}", which is not an enumerated parameter`);
    }
    const layouts: PacketLayout[] = [];
    file.packets.forEach((packet, i) => {
      const subsystem = this.#subsystems.get(packet.subsystem);
      if (!subsystem) this.#fail(['packets', i, 'subsystem'], `packet "${packet.name}" names unknown subsystem "${packet.subsystem}"`);
      const layout = compilePacketLayout(packet, i, (name) => this.#resolved.get(name), subsystem.topic as Topic | undefined, (path, message) =>
        this.#fail(path, message),
      );
      const sameApid = this.#layouts.get(packet.apid) ?? [];
      for (const other of sameApid) {
        if (other.header !== layout.header) {
          this.#fail(['packets', i, 'header'], `APID ${packet.apid} has packets with ${other.header} and ${layout.header} headers`);
        }
        if (sameSelection(other, layout)) {
          const what = layout.header === 'perigee' ? `APID ${packet.apid} version ${packet.version}` : `APID ${packet.apid} with the same selection (packets "${other.name}" and "${layout.name}")`;
          this.#fail(['packets', i], `${what} defined twice`);
        }
      }
      sameApid.push(layout);
      this.#layouts.set(packet.apid, sameApid);
      layouts.push(layout);
    });
    this.layouts = layouts;
    const ccsdsPackets = file.ccsdsPackets;
    if (ccsdsPackets) {
      for (const layout of layouts) {
        if (layout.header !== 'ccsds') continue;
        const resolved = resolveCcsdsIdentity(ccsdsPackets, layout);
        if (!resolved.ok) this.#fail(['ccsdsPackets', ...resolved.path], resolved.reason);
        this.#identities.set(layout, resolved.identity);
      }
    }
    this.bookkeeping = bookkeepingOf(layouts, ccsdsPackets);
    this.maxPacketBytes = Math.max(...layouts.map((l) => l.totalBytes));
    this.defaultHeader = layouts.some((l) => l.header === 'perigee') ? 'perigee' : 'ccsds';
  }

  /** Validates a parsed JSON document; throws MissionDatabaseError naming the first problem. */
  static fromFile(json: unknown, { locate = () => undefined }: { locate?: SourceLocator } = {}): MissionDatabase {
    const parsed = missionDatabaseSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const where = locate(issue.path);
      throw new MissionDatabaseError(`${where ? `${where}: ` : ''}mission database invalid at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    return new MissionDatabase(parsed.data, locate);
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
    return this.#layouts.get(apid)?.find((l) => l.version === version);
  }

  /** Every layout an APID carries (several when a secondary-header field or the definition version tells them apart). */
  layoutsOf(apid: number): readonly PacketLayout[] {
    return this.#layouts.get(apid) ?? [];
  }

  hasApid(apid: number): boolean {
    return this.#layouts.has(apid);
  }

  /** The newest definition version of an APID. */
  latestLayout(apid: number): PacketLayout | undefined {
    const layouts = this.#layouts.get(apid);
    if (!layouts) return undefined;
    return layouts.reduce((a, b) => (b.version > a.version ? b : a));
  }

  /**
   * Where a 'ccsds' layout's packets carry their spacecraft and onboard time;
   * undefined for Perigee headers, or when the mission database does not say
   * (`ccsdsPackets`): such packets decode, but cannot enter the pipeline.
   */
  ccsdsIdentityOf(layout: PacketLayout): CcsdsIdentity | undefined {
    return this.#identities.get(layout);
  }

  /** Parameters of one subsystem, in definition order. */
  parametersOf(subsystem: string): ParameterDefinition[] {
    return this.parameters.filter((p) => p.subsystem === subsystem);
  }

  #fail(path: ReadonlyArray<string | number>, message: string): never {
    const where = this.#locate(path);
    throw new MissionDatabaseError(where ? `${where}: ${message}` : message);
  }

  /** Registers a definition; returns the sample parameters it stands for (a fixed array: its elements). */
  #addParameter(p: ParameterDefinition, index: number, ids: Map<number, string>): ParameterDefinition[] {
    const fail = (message: string, ...path: string[]): never => this.#fail(['parameters', index, ...path], message);
    if (this.#resolved.has(p.name)) fail(`parameter "${p.name}" defined twice`, 'name');
    if (!this.#subsystems.has(p.subsystem)) fail(`parameter "${p.name}" names unknown subsystem "${p.subsystem}"`, 'subsystem');
    if (!p.name.startsWith(`${p.subsystem}.`)) fail(`parameter "${p.name}" must start with "${p.subsystem}."`, 'name');
    const wire = wireEncodingOf(p);
    if (!wire.ok) return fail(`parameter "${p.name}" ${wire.reason}`, 'encoding');
    const encoding = wire.encoding;
    const numeric = isNumericEncoding(encoding);
    if (p.arrayLength !== undefined && !numeric) fail(`parameter "${p.name}": arrays of ${encoding.kind} are not supported`, 'arrayLength');
    const { criticalLow, warningLow, warningHigh, criticalHigh } = p.limits ?? {};
    const ordered = [criticalLow, warningLow, warningHigh, criticalHigh].filter((v): v is number => v !== undefined);
    if (ordered.some((v, i) => i > 0 && v < ordered[i - 1]!)) {
      fail(`parameter "${p.name}" limits must satisfy criticalLow ≤ warningLow ≤ warningHigh ≤ criticalHigh`, 'limits');
    }
    if (p.validRange && !(p.validRange.min < p.validRange.max)) fail(`parameter "${p.name}" validRange must have min < max`, 'validRange');
    if (p.calibration.type === 'table') {
      const raws = p.calibration.points.map(([raw]) => raw);
      if (raws.some((r, i) => i > 0 && r <= raws[i - 1]!)) {
        fail(`parameter "${p.name}" table calibration must list raw values in increasing order`, 'calibration');
      }
      const engs = p.calibration.points.map(([, eng]) => eng);
      const up = engs.every((e, i) => i === 0 || e > engs[i - 1]!);
      const down = engs.every((e, i) => i === 0 || e < engs[i - 1]!);
      if (!up && !down) fail(`parameter "${p.name}" table calibration must be monotonic`, 'calibration');
    }
    const range = rawRangeOf(encoding);
    const label = `${encoding.bits}-bit ${encoding.kind}`;
    for (const raw of Object.keys(p.states ?? {})) {
      const n = Number(raw);
      if (!numeric || n < range.min || n > range.max) fail(`parameter "${p.name}" state ${raw} outside ${p.rawType ?? label}`, 'states');
    }
    for (const r of p.stateRanges ?? []) {
      if (!(r.min <= r.max)) fail(`parameter "${p.name}" state range "${r.state}" must have min ≤ max`, 'stateRanges');
    }
    const count = typeof p.arrayLength === 'number' ? p.arrayLength : 1;
    for (let k = 0; k < count; k++) {
      const id = p.id + k;
      const user = ids.get(id);
      if (user !== undefined) fail(`parameter id ${id} used by "${user}" and "${p.name}"`, 'id');
      ids.set(id, p.name);
    }
    const elements =
      typeof p.arrayLength === 'number'
        ? Array.from({ length: p.arrayLength }, (_, k): ParameterDefinition => {
            const { arrayLength: _length, ...scalar } = p;
            return { ...scalar, id: p.id + k, name: `${p.name}[${k}]`, description: `${p.description} [${k}]` };
          })
        : null;
    this.#resolved.set(p.name, { definition: p, encoding, elements });
    const samples = elements ?? (numeric && p.arrayLength === undefined ? [p] : []);
    for (const sample of samples) {
      if (this.#byName.has(sample.name)) fail(`parameter "${sample.name}" defined twice`, 'name');
      this.#byName.set(sample.name, sample);
      this.#byId.set(sample.id, sample);
    }
    return samples;
  }
}

/** Bits of the CCSDS primary header, whose fields an imported layout may list. */
const PRIMARY_HEADER_BITS = 48;

function bookkeepingOf(layouts: readonly PacketLayout[], identity: MissionDatabaseFile['ccsdsPackets']): Set<string> {
  const names = new Set<string>();
  for (const layout of layouts) {
    if (layout.header !== 'ccsds') continue;
    for (const field of layout.fields) {
      const isSelector = layout.selectors.some((s) => s.bitOffset === field.bitOffset);
      if (field.bitOffset < PRIMARY_HEADER_BITS || isSelector) names.add(field.parameter.name);
    }
  }
  if (identity?.spacecraft.source === 'parameter') names.add(identity.spacecraft.parameter);
  if (identity?.onboardTime.source === 'parameter') {
    names.add(identity.onboardTime.seconds);
    if (identity.onboardTime.subseconds !== undefined) names.add(identity.onboardTime.subseconds);
  }
  return names;
}

/** Whether two layouts of one APID would claim the same packets. */
function sameSelection(a: PacketLayout, b: PacketLayout): boolean {
  if (a.selectors.length !== b.selectors.length) return false;
  return a.selectors.every((s) => b.selectors.some((t) => t.bitOffset === s.bitOffset && t.encoding.bits === s.encoding.bits && t.value === s.value));
}
