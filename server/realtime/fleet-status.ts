/**
 * What the fleet overview shows for each satellite, kept current by the live
 * feed: spacecraft mode, per-subsystem health (the worst limit state among
 * the subsystem's newest values, or stale when its packets stopped), the
 * current and next ground-station pass from the orbit predictions, and the
 * worst alarm an operator still has to deal with (set from the archive).
 *
 * Observing a frame is O(parameters) with no allocation per value; the
 * snapshot is built once a second for every watcher together.
 *
 * @example
 *   const board = new FleetStatusBoard({ mdb, fleet });
 *   board.observe(sampleFrame);
 *   board.snapshot(Date.now())[0]; // { id: 101, mode: 'NADIR', subsystems: [...], pass: {...}, alarm: null }
 */
import { ATTENTION_STATES, type AlarmSeverity, type AlarmState } from '../domain/alarms/alarm';
import { limitStateOf, type LimitState } from '../domain/mission/limit-state';
import type { SatelliteCatalogue, SatelliteInfo } from '../domain/mission/fleet';
import type { MissionDatabase } from '../domain/mission/mission-database';
import type { Limits } from '../domain/mission/schema';
import { predictPasses, type PredictedPass } from '../domain/orbit/pass-predictor';
import type { SampleFrame } from '../domain/sample-frame';

export type SubsystemHealth = 'nominal' | 'warning' | 'critical' | 'stale' | 'none';

export interface SubsystemStatus {
  readonly id: string;
  readonly name: string;
  readonly health: SubsystemHealth;
  /** Parameters whose newest value is beyond a warning / critical limit. */
  readonly warnings: number;
  readonly criticals: number;
  /** Newest onboard time received, epoch ms. */
  readonly lastOnboardMs: number | null;
}

export interface PassSummary {
  readonly station: string;
  readonly stationName: string;
  readonly aosMs: number;
  readonly losMs: number;
  readonly maxElevationDeg: number;
}

export interface AlarmSummary {
  /** Worst severity among alarms that need attention (not normal, shelved or suppressed). */
  readonly worstSeverity: AlarmSeverity;
  /** State of the worst one: unacknowledged outranks acknowledged at equal severity. */
  readonly worstState: AlarmState;
  /** The worst alarm's source, e.g. "limit:power.battery_voltage". */
  readonly source: string;
  readonly needingAttention: number;
  readonly unacknowledged: number;
}

export interface FleetStatus {
  readonly id: number;
  readonly name: string;
  readonly mode: string | null;
  readonly subsystems: readonly SubsystemStatus[];
  /** The pass under way now, if any. */
  readonly currentPass: PassSummary | null;
  readonly nextPass: PassSummary | null;
  readonly alarm: AlarmSummary | null;
  /** Server time of the snapshot, epoch ms: countdowns run from it. */
  readonly atMs: number;
}

/** A subsystem whose newest packet is older than this is stale, ms (three missed 1 Hz packets plus link delay). */
export const SUBSYSTEM_STALE_AFTER_MS = 5000;
/** How far ahead passes are predicted, ms; re-predicted when the horizon runs short. */
const PASS_HORIZON_MS = 24 * 3600_000;

type LimitLevel = 0 | 1 | 2; // nominal, warning, critical
/** A missing value says nothing against the limits: it counts as nominal here. */
const LEVEL_OF: Readonly<Record<LimitState, LimitLevel>> = { unknown: 0, nominal: 0, warning: 1, critical: 2 };

interface SatelliteState {
  mode: string | null;
  modeTimeMs: number;
  /** subsystem → parameter id → limit level of its newest value */
  readonly levels: Map<string, Map<number, LimitLevel>>;
  readonly newestMs: Map<string, number>;
  passes: readonly PredictedPass[];
  predictedUntilMs: number;
}

export class FleetStatusBoard {
  readonly #mdb: MissionDatabase;
  readonly #fleet: SatelliteCatalogue;
  readonly #limits = new Map<number, Limits | null>();
  readonly #subsystemOf = new Map<number, string>();
  readonly #satellites = new Map<number, SatelliteState>();
  readonly #stationNames: Map<string, string>;
  #alarms = new Map<number, AlarmSummary>();
  /** Subsystems packets arrive for (an imported mission's header-only subsystem gets no health chip). */
  readonly #carried: readonly { readonly id: string; readonly name: string }[];

  constructor({ mdb, fleet }: { mdb: MissionDatabase; fleet: SatelliteCatalogue }) {
    this.#mdb = mdb;
    this.#fleet = fleet;
    const carried = new Set(mdb.layouts.map((l) => l.subsystem));
    this.#carried = mdb.subsystems.filter((s) => carried.has(s.id));
    for (const subsystem of mdb.subsystems) {
      for (const p of mdb.parametersOf(subsystem.id)) {
        this.#limits.set(p.id, p.limits ?? null);
        this.#subsystemOf.set(p.id, subsystem.id);
      }
    }
    this.#stationNames = new Map(fleet.groundStations.map((s) => [s.id, s.name]));
  }

  observe(frame: SampleFrame): void {
    const state = this.#stateOf(frame.satelliteId);
    const t = frame.onboardTimeMs;
    const mode = frame.context?.mode;
    if (mode != null && t >= state.modeTimeMs) {
      state.mode = mode;
      state.modeTimeMs = t;
    }
    if (t > (state.newestMs.get(frame.subsystem) ?? -Infinity)) state.newestMs.set(frame.subsystem, t);
    else return; // an older packet must not overwrite the limit state of newer values
    let levels = state.levels.get(frame.subsystem);
    if (!levels) state.levels.set(frame.subsystem, (levels = new Map()));
    for (let i = 0; i < frame.parameterIds.length; i++) {
      const id = frame.parameterIds[i]!;
      levels.set(id, LEVEL_OF[limitStateOf(frame.values[i] ?? null, this.#limits.get(id) ?? null)]);
    }
  }

  /** Replaces the alarm summaries (from the archive's alarms, polled). */
  setAlarms(bySatellite: ReadonlyMap<number, AlarmSummary>): void {
    this.#alarms = new Map(bySatellite);
  }

  snapshot(nowMs: number): FleetStatus[] {
    return this.#fleet.satellites.map((satellite) => {
      const state = this.#stateOf(satellite.id);
      this.#ensurePasses(satellite, state, nowMs);
      const current = state.passes.find((p) => p.aosMs <= nowMs && nowMs < p.losMs);
      const next = state.passes.find((p) => p.aosMs > nowMs);
      return {
        id: satellite.id,
        name: satellite.name,
        mode: state.mode,
        subsystems: this.#carried.map((s) => this.#subsystemStatus(state, s.id, s.name, nowMs)),
        currentPass: current ? this.#passSummary(current) : null,
        nextPass: next ? this.#passSummary(next) : null,
        alarm: this.#alarms.get(satellite.id) ?? null,
        atMs: nowMs,
      };
    });
  }

  #subsystemStatus(state: SatelliteState, id: string, name: string, nowMs: number): SubsystemStatus {
    const newest = state.newestMs.get(id);
    let warnings = 0;
    let criticals = 0;
    for (const level of state.levels.get(id)?.values() ?? []) {
      if (level === 2) criticals++;
      else if (level === 1) warnings++;
    }
    const health: SubsystemHealth =
      newest === undefined ? 'none' : criticals > 0 ? 'critical' : nowMs - newest > SUBSYSTEM_STALE_AFTER_MS ? 'stale' : warnings > 0 ? 'warning' : 'nominal';
    return { id, name, health, warnings, criticals, lastOnboardMs: newest ?? null };
  }

  #passSummary(p: PredictedPass): PassSummary {
    return { station: p.station, stationName: this.#stationNames.get(p.station) ?? p.station, aosMs: p.aosMs, losMs: p.losMs, maxElevationDeg: p.maxElevationDeg };
  }

  #ensurePasses(satellite: SatelliteInfo, state: SatelliteState, nowMs: number): void {
    if (state.predictedUntilMs - nowMs > PASS_HORIZON_MS / 2) return;
    const fromMs = nowMs - 30 * 60_000;
    const toMs = nowMs + PASS_HORIZON_MS;
    state.passes = this.#fleet.groundStations
      .flatMap((station) => predictPasses(satellite, station, fromMs, toMs))
      .sort((a, b) => a.aosMs - b.aosMs);
    state.predictedUntilMs = toMs;
  }

  #stateOf(satelliteId: number): SatelliteState {
    let state = this.#satellites.get(satelliteId);
    if (!state) {
      state = { mode: null, modeTimeMs: -Infinity, levels: new Map(), newestMs: new Map(), passes: [], predictedUntilMs: -Infinity };
      this.#satellites.set(satelliteId, state);
    }
    return state;
  }
}

const SEVERITY_RANK: Readonly<Record<AlarmSeverity, number>> = { warning: 1, critical: 2 };
const NEEDS_ATTENTION: ReadonlySet<AlarmState> = new Set(ATTENTION_STATES);

/**
 * Per satellite, the alarm an operator should look at first: highest
 * severity, then unacknowledged before acknowledged. Shelved and suppressed
 * alarms were put aside on purpose and do not count.
 */
export function summarizeAlarms(
  alarms: readonly { readonly satelliteId: number; readonly state: AlarmState; readonly severity: AlarmSeverity; readonly source: string }[],
): Map<number, AlarmSummary> {
  const out = new Map<number, AlarmSummary>();
  for (const a of alarms) {
    if (!NEEDS_ATTENTION.has(a.state)) continue;
    const unacked = a.state !== 'acknowledged';
    const seen = out.get(a.satelliteId);
    const worse =
      !seen ||
      SEVERITY_RANK[a.severity] > SEVERITY_RANK[seen.worstSeverity] ||
      (SEVERITY_RANK[a.severity] === SEVERITY_RANK[seen.worstSeverity] && unacked && seen.worstState === 'acknowledged');
    out.set(a.satelliteId, {
      worstSeverity: worse ? a.severity : seen.worstSeverity,
      worstState: worse ? a.state : seen.worstState,
      source: worse ? a.source : seen.source,
      needingAttention: (seen?.needingAttention ?? 0) + 1,
      unacknowledged: (seen?.unacknowledged ?? 0) + (unacked ? 1 : 0),
    });
  }
  return out;
}
