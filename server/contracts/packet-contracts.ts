/**
 * The compatibility gate of the packet definitions: every (APID, definition
 * version) of the mission database is a contract with the spacecraft and
 * with every raw packet already stored — reprocessing decodes old bronze
 * with the definition version the packet names. Compared with the released
 * set (server/contracts/released-packets.json), these break it:
 *
 * - a released (APID, version) gone: stored packets of it could not be decoded;
 * - an APID reused for another packet than the one it was released for;
 * - a field of a released version moved, resized, retyped, removed or added
 *   (the layout is what the spacecraft sends);
 * - a calibration or enumeration of a released version's parameter changed
 *   (old packets would reprocess to different engineering values).
 *
 * Each of these ships as a new definition version instead; a new APID or a
 * new version is additive. Limits and descriptions may change freely.
 *
 * @example
 *   checkPackets(released, packetShapes(mdb)).breaks;
 *   // → ['APID 272 v1 (power): calibration or states of power.battery_voltage changed: ship it as version 3', …]
 */
import type { MissionDatabase } from '../domain/mission/mission-database';

export interface PacketShape {
  readonly name: string;
  readonly subsystem: string;
  /** Each field as `name@bitOffset:encoding`, in wire order. */
  readonly fields: readonly string[];
  /** Calibration and enumerated states of each parameter, as JSON. */
  readonly conversions: Readonly<Record<string, string>>;
}

/** Keyed by `<apid>@<version>`. */
export type PacketShapes = Record<string, PacketShape>;

export function packetShapes(mdb: MissionDatabase): PacketShapes {
  const shapes: PacketShapes = {};
  for (const layout of [...mdb.layouts].sort((a, b) => a.apid - b.apid || a.version - b.version)) {
    shapes[`${layout.apid}@${layout.version}`] = {
      name: layout.name,
      subsystem: layout.subsystem,
      fields: layout.fields.map((f) => `${f.parameter.name}@${f.bitOffset}:${JSON.stringify(f.encoding)}`),
      conversions: Object.fromEntries(
        layout.parameters.map((p) => [p.name, JSON.stringify({ calibration: p.calibration, states: p.states ?? null, stateRanges: p.stateRanges ?? null })]),
      ),
    };
  }
  return shapes;
}

export interface PacketCompatibilityReport {
  readonly breaks: readonly string[];
  readonly unreleased: readonly string[];
}

const label = (key: string, shape: PacketShape) => {
  const [apid, version] = key.split('@');
  return `APID ${apid} v${version} (${shape.name})`;
};

export function checkPackets(released: PacketShapes, current: PacketShapes): PacketCompatibilityReport {
  const breaks: string[] = [];
  const unreleased: string[] = [];
  // The advice names the first version neither set uses, as a released one may already have successors.
  const newestVersion = new Map<string, number>();
  for (const key of [...Object.keys(released), ...Object.keys(current)]) {
    const [apid, version] = key.split('@') as [string, string];
    newestVersion.set(apid, Math.max(newestVersion.get(apid) ?? 0, Number(version)));
  }
  const nextVersion = (key: string) => `ship it as version ${newestVersion.get(key.split('@')[0]!)! + 1}`;
  for (const [key, was] of Object.entries(released)) {
    const now = current[key];
    if (!now) {
      breaks.push(`${label(key, was)} was released and is gone: stored packets of it could no longer be decoded or reprocessed`);
      continue;
    }
    if (now.name !== was.name) {
      breaks.push(`${label(key, was)} now names packet "${now.name}": an APID and version are never reused for another packet`);
      continue;
    }
    if (now.fields.join('\n') !== was.fields.join('\n')) {
      const removed = was.fields.filter((f) => !now.fields.includes(f)).map((f) => f.split('@')[0]);
      const added = now.fields.filter((f) => !was.fields.includes(f)).map((f) => f.split('@')[0]);
      const changed = [...new Set([...removed, ...added])];
      breaks.push(`${label(key, was)}: layout changed (${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ', …' : ''}): ${nextVersion(key)}`);
    }
    for (const [parameter, conversion] of Object.entries(was.conversions)) {
      const nowConversion = now.conversions[parameter];
      if (nowConversion !== undefined && nowConversion !== conversion) {
        breaks.push(`${label(key, was)}: calibration or states of ${parameter} changed: ${nextVersion(key)}`);
      }
    }
  }
  const releasedNames = new Map<string, string>();
  for (const [key, shape] of Object.entries(released)) releasedNames.set(key.split('@')[0]!, shape.name);
  for (const [key, shape] of Object.entries(current)) {
    if (released[key]) continue;
    const apid = key.split('@')[0]!;
    const wasName = releasedNames.get(apid);
    if (wasName !== undefined && wasName !== shape.name) breaks.push(`APID ${apid} was released for packet "${wasName}" and is reused for "${shape.name}"`);
    else unreleased.push(label(key, shape));
  }
  return { breaks, unreleased };
}
