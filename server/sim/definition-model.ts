/**
 * A spacecraft simulated from its mission database alone, for missions
 * Perigee has no physical models of (an imported XTCE or CSV definition
 * set). Each parameter gets a plausible signal from its definition:
 *
 *   - enumerated parameters cycle through their states, one every 10 s;
 *   - counters (unsigned integers without calibration, limits or valid
 *     range) count up by one per packet, wrapping at their width;
 *   - every other parameter is a slow sine with a little noise inside its
 *     nominal band: the warning limits, else the critical limits, else the
 *     valid range, else what its encoding can hold (±1 for a bare float),
 *     so the console shows moving values that stay in limits.
 *
 * Deterministic: periods, phases and noise come from the seed and the
 * satellite id; the same seed and schedule give the same values.
 *
 * @example
 *   const craft = new DefinitionModel({ satellite, mdb, seed: 1, startTimeMs });
 *   craft.stepTo(startTimeMs + 100, { transmitting: false });
 *   craft.valuesFor(mdb.layouts[0]); // { 'aurora_eps.batt_v': 29.41, 'aurora_eps.eps_mode': 2, ... }
 */
import { calibrate } from '../domain/mission/calibration';
import type { SatelliteInfo } from '../domain/mission/fleet';
import type { MissionDatabase, PacketLayout } from '../domain/mission/mission-database';
import type { ParameterDefinition } from '../domain/mission/schema';
import { isNumericEncoding, rawRangeOf, wireEncodingOf } from '../domain/mission/wire-encoding';
import { OrbitTrack } from '../domain/orbit/orbit-track';
import { Prng, deriveSeed } from './prng';

/** How long an enumerated parameter stays in each state, ms. */
export const STATE_HOLD_MS = 10_000;
/** Share of the nominal band the sine spans (the rest is headroom for noise). */
const SWING = 0.8;
/** Noise, as a share of the nominal band (1σ). */
const NOISE = 0.02;

type Signal =
  | { readonly kind: 'states'; readonly raws: readonly number[]; readonly offsetMs: number; readonly parameter: ParameterDefinition }
  | { readonly kind: 'counter'; readonly modulo: number; next: number }
  | { readonly kind: 'wave'; readonly low: number; readonly high: number; readonly periodMs: number; readonly phase: number; readonly integer: boolean };

export class DefinitionModel {
  readonly satellite: SatelliteInfo;
  readonly track: OrbitTrack;
  readonly #signals = new Map<string, Signal>();
  readonly #noise: Prng;
  #timeMs: number;

  constructor({ satellite, mdb, seed, startTimeMs }: { satellite: SatelliteInfo; mdb: MissionDatabase; seed: number; startTimeMs: number }) {
    this.satellite = satellite;
    this.track = new OrbitTrack(satellite.tle);
    this.#timeMs = startTimeMs;
    this.#noise = new Prng(deriveSeed(seed, satellite.id, 'definition-noise'));
    const shape = new Prng(deriveSeed(seed, satellite.id, 'definition-signals'));
    for (const p of mdb.parameters) this.#signals.set(p.name, signalOf(p, shape));
  }

  get timeMs(): number {
    return this.#timeMs;
  }

  /** Moves simulated time on; the signals are functions of time, so there is nothing to integrate. */
  stepTo(timeMs: number, _context: { transmitting: boolean }): void {
    this.#timeMs = Math.max(this.#timeMs, timeMs);
  }

  /** Engineering values for every parameter of a packet layout, as sampled now. */
  valuesFor(layout: PacketLayout): Record<string, number> {
    const values: Record<string, number> = {};
    const t = this.#timeMs;
    for (const p of layout.parameters) {
      const signal = this.#signals.get(p.name);
      if (!signal) throw new RangeError(`parameter "${p.name}" is not in the mission database`);
      values[p.name] = this.#sample(signal, t);
    }
    return values;
  }

  #sample(signal: Signal, t: number): number {
    switch (signal.kind) {
      case 'states': {
        const raw = signal.raws[Math.floor((t + signal.offsetMs) / STATE_HOLD_MS) % signal.raws.length]!;
        return calibrate(signal.parameter.calibration, raw);
      }
      case 'counter': {
        const value = signal.next;
        signal.next = (signal.next + 1) % signal.modulo;
        return value;
      }
      case 'wave': {
        const { low, high } = signal;
        const mid = (low + high) / 2;
        const half = (high - low) / 2;
        const wave = Math.sin((2 * Math.PI * t) / signal.periodMs + signal.phase);
        const value = Math.min(high, Math.max(low, mid + half * (SWING * wave + NOISE * this.#noise.normal(0, 1))));
        return signal.integer ? Math.round(value) : value;
      }
    }
  }
}

/** The signal a parameter's definition calls for. */
function signalOf(p: ParameterDefinition, rng: Prng): Signal {
  const wire = wireEncodingOf(p);
  const encoding = wire.ok ? wire.encoding : { kind: 'float' as const, bits: 64, byteSignificance: null };
  const raws = [...Object.keys(p.states ?? {}).map(Number), ...(p.stateRanges ?? []).map((r) => r.min)].sort((a, b) => a - b);
  if (raws.length > 0) return { kind: 'states', raws: [...new Set(raws)], offsetMs: rng.integer(0, STATE_HOLD_MS - 1), parameter: p };
  const range = rawRangeOf(encoding);
  const bare = p.calibration.type === 'none' && p.limits === undefined && p.validRange === undefined;
  if (bare && encoding.kind === 'unsigned' && isNumericEncoding(encoding)) {
    return { kind: 'counter', modulo: Math.min(range.max + 1, 2 ** 32), next: 0 };
  }
  const [low, high] = nominalBand(p, encoding.kind === 'float', range);
  const integer = p.calibration.type === 'none' && range.integer;
  return { kind: 'wave', low, high, periodMs: rng.uniform(60_000, 300_000), phase: rng.uniform(0, 2 * Math.PI), integer };
}

/** Where a parameter's values normally sit, engineering units. */
function nominalBand(p: ParameterDefinition, isFloat: boolean, raw: { min: number; max: number }): [number, number] {
  const l = p.limits ?? {};
  const bands: Array<[number | undefined, number | undefined]> = [
    [l.warningLow, l.warningHigh],
    [l.criticalLow, l.criticalHigh],
    [p.validRange?.min, p.validRange?.max],
  ];
  const full = isFloat && p.calibration.type === 'none' ? [-1, 1] : [calibrate(p.calibration, raw.min), calibrate(p.calibration, raw.max)].sort((a, b) => a - b);
  const low = bands.map(([lo]) => lo).find((v) => v !== undefined) ?? full[0]!;
  const high = bands.map(([, hi]) => hi).find((v) => v !== undefined) ?? full[1]!;
  return low < high ? [low, high] : [full[0]!, full[1]!];
}
