/**
 * Per-sample validity: whether a decoded value can be a measurement at all.
 * A value must be a finite number, inside the parameter's physically possible
 * `validRange` when one is defined, and one of its enumerated states when it
 * has states. A sample that fails is refused alone; its packet's other
 * samples stand. Limits are not checked here: a value beyond a limit is a
 * real measurement, and raises an alert instead.
 *
 * Checks are compiled once per packet layout into flat arrays, so validating
 * a packet is one loop with no allocation unless something is refused.
 *
 * @example
 *   const validator = new SampleValidator();
 *   const { accepted, rejected } = validator.validate(layout, packet.raw, packet.values);
 *   accepted; // [0, 1, 3] — indexes into layout.parameters
 *   rejected; // [{ index: 2, parameterId: 102, reason: 'out-of-range', detail: '...' }]
 */
import type { PacketLayout } from '../mission/mission-database';

export const SAMPLE_REJECTION_REASONS = ['non-finite-value', 'out-of-range', 'unknown-state'] as const;
export type SampleRejectionReason = (typeof SAMPLE_REJECTION_REASONS)[number];

export interface RejectedSample {
  /** Index into the layout's parameters (and the decoded raw/values arrays). */
  readonly index: number;
  readonly parameterId: number;
  readonly reason: SampleRejectionReason;
  readonly detail: string;
}

export interface SampleValidation {
  /** Indexes of the samples that passed, in layout order. */
  readonly accepted: number[];
  readonly rejected: readonly RejectedSample[];
}

interface CompiledChecks {
  /** Valid engineering range per parameter; ±Infinity where none is defined. */
  readonly min: Float64Array;
  readonly max: Float64Array;
  /** Raw values naming a state, per parameter; undefined where the parameter has no states. */
  readonly states: ReadonlyArray<ReadonlySet<number> | undefined>;
}

const NONE_REJECTED: readonly RejectedSample[] = Object.freeze([]);

export class SampleValidator {
  readonly #compiled = new WeakMap<PacketLayout, CompiledChecks>();

  /** Validates one decoded packet's samples (raw and values in layout order). */
  validate(layout: PacketLayout, raw: readonly number[], values: readonly number[]): SampleValidation {
    const checks = this.#checksFor(layout);
    const accepted: number[] = [];
    let rejected: RejectedSample[] | undefined;
    for (let i = 0; i < values.length; i++) {
      const value = values[i]!;
      const states = checks.states[i];
      if (Number.isFinite(value) && value >= checks.min[i]! && value <= checks.max[i]! && (states === undefined || states.has(raw[i]!))) {
        accepted.push(i);
        continue;
      }
      (rejected ??= []).push(rejection(layout, i, raw[i]!, value, checks));
    }
    return { accepted, rejected: rejected ?? NONE_REJECTED };
  }

  #checksFor(layout: PacketLayout): CompiledChecks {
    let checks = this.#compiled.get(layout);
    if (!checks) this.#compiled.set(layout, (checks = compile(layout)));
    return checks;
  }
}

function compile(layout: PacketLayout): CompiledChecks {
  const n = layout.parameters.length;
  const min = new Float64Array(n).fill(-Infinity);
  const max = new Float64Array(n).fill(Infinity);
  const states: Array<ReadonlySet<number> | undefined> = [];
  layout.parameters.forEach((p, i) => {
    if (p.validRange) {
      min[i] = p.validRange.min;
      max[i] = p.validRange.max;
    }
    // A parameter with state ranges takes any raw value its ranges or single states name; those are
    // checked where the state is shown, so only single-value enumerations are closed sets here.
    states.push(p.states && !p.stateRanges ? new Set(Object.keys(p.states).map(Number)) : undefined);
  });
  return { min, max, states };
}

function rejection(layout: PacketLayout, index: number, raw: number, value: number, checks: CompiledChecks): RejectedSample {
  const p = layout.parameters[index]!;
  const base = { index, parameterId: p.id };
  if (!Number.isFinite(value)) return { ...base, reason: 'non-finite-value', detail: `${p.name} is ${value} (raw ${raw})` };
  if (value < checks.min[index]! || value > checks.max[index]!) {
    const unit = p.unit ? ` ${p.unit}` : '';
    const detail = `${p.name} = ${value}${unit} (raw ${raw}) is outside its valid range [${checks.min[index]}, ${checks.max[index]}]${unit}`;
    return { ...base, reason: 'out-of-range', detail };
  }
  const known = Object.entries(p.states ?? {}).map(([r, name]) => `${r}=${name}`).join(', ');
  return { ...base, reason: 'unknown-state', detail: `${p.name} raw ${raw} is not one of its states (${known})` };
}
