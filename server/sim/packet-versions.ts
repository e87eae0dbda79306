/**
 * Which definition version of a packet each simulated satellite's onboard
 * software emits, and from when: the fleet does not change firmware all at
 * once, so one APID arrives in several layouts side by side (told apart by
 * the definition version in the secondary header), and a satellite can switch
 * from one to the next mid-stream when new software is uploaded.
 *
 * A satellite and APID without a rule emits the APID's newest definition.
 *
 * @example
 *   const schedule = new PacketVersionSchedule(mdb, powerVersionRules(demoFleet(3), { emit: 'mixed', upgradeAtMs: t0 + 60_000 }));
 *   schedule.layoutAt(102, 272, t0).version;          // 1: the second satellite still flies power v1
 *   schedule.layoutAt(102, 272, t0 + 60_000).version; // 2: its firmware upload has taken effect
 *   schedule.layoutAt(101, 272, t0).version;          // 2
 */
import type { SatelliteCatalogue } from '../domain/mission/fleet';
import type { MissionDatabase, PacketLayout } from '../domain/mission/mission-database';

/** APID of the power packet (version 1: ten parameters; version 2 appends power.solar_array_power). */
export const POWER_APID = 272;

export interface PacketVersionRule {
  readonly satelliteId: number;
  readonly apid: number;
  /** Definition version the satellite emits for the APID. */
  readonly version: number;
  /** Onboard time from which it does, epoch ms; from the start when omitted. */
  readonly fromMs?: number;
}

/**
 * SIM_POWER_VERSION: every satellite on power v1, every one on v2, or mixed —
 * the first, third, … satellite of the catalogue on v2 and the others on v1.
 */
export type PowerVersionEmit = '1' | '2' | 'mixed';

export interface PowerVersionSetting {
  readonly emit: PowerVersionEmit;
  /** When the satellites still on v1 switch to v2 (a firmware upload), epoch ms; never when omitted. */
  readonly upgradeAtMs?: number;
}

/** Whether a mission database defines both power versions the setting chooses between (the built-in one does; an imported mission need not). */
export function definesPowerVersions(mdb: MissionDatabase): boolean {
  return mdb.packetLayout(POWER_APID, 1) !== undefined && mdb.packetLayout(POWER_APID, 2) !== undefined;
}

/** The rules a power-version setting stands for over a fleet. */
export function powerVersionRules(fleet: SatelliteCatalogue, { emit, upgradeAtMs }: PowerVersionSetting): PacketVersionRule[] {
  return fleet.satellites.flatMap(({ id }, index) => {
    const version = emit === '2' || (emit === 'mixed' && index % 2 === 0) ? 2 : 1;
    const rules: PacketVersionRule[] = [{ satelliteId: id, apid: POWER_APID, version }];
    if (version === 1 && upgradeAtMs !== undefined) rules.push({ satelliteId: id, apid: POWER_APID, version: 2, fromMs: upgradeAtMs });
    return rules;
  });
}

interface Step {
  readonly fromMs: number;
  readonly layout: PacketLayout;
}

export class PacketVersionSchedule {
  readonly #mdb: MissionDatabase;
  /** Keyed by `${satelliteId}:${apid}`, in time order. */
  readonly #steps = new Map<string, Step[]>();

  /** Throws RangeError for a rule naming a version the mission database does not define. */
  constructor(mdb: MissionDatabase, rules: readonly PacketVersionRule[] = []) {
    this.#mdb = mdb;
    for (const rule of rules) {
      const layout = mdb.packetLayout(rule.apid, rule.version);
      if (!layout) throw new RangeError(`satellite ${rule.satelliteId}: APID ${rule.apid} has no definition version ${rule.version}`);
      if (rule.fromMs !== undefined && !Number.isFinite(rule.fromMs)) throw new RangeError(`fromMs must be finite, got ${rule.fromMs}`);
      const key = `${rule.satelliteId}:${rule.apid}`;
      const steps = this.#steps.get(key) ?? [];
      steps.push({ fromMs: rule.fromMs ?? Number.NEGATIVE_INFINITY, layout });
      // Stable: of two rules from the same time, the later one wins.
      steps.sort((a, b) => a.fromMs - b.fromMs);
      this.#steps.set(key, steps);
    }
  }

  /** The layout a satellite emits for an APID at an onboard time; undefined for an APID the database lacks. */
  layoutAt(satelliteId: number, apid: number, timeMs: number): PacketLayout | undefined {
    const steps = this.#steps.get(`${satelliteId}:${apid}`);
    let layout: PacketLayout | undefined;
    if (steps) for (const step of steps) if (step.fromMs <= timeMs) layout = step.layout;
    return layout ?? this.#mdb.latestLayout(apid);
  }
}
