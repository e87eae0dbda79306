/**
 * Mission-database limits, per sample: each (satellite, parameter) is in
 * state nominal, warning or critical. An alert is raised when the state
 * leaves nominal or worsens (warning → critical), and cleared when it
 * returns to nominal; an unchanged state raises nothing, so a parameter
 * sitting above its limit does not flood the alarm list. Easing from
 * critical to warning is no new condition and raises nothing either.
 *
 * The state follows the newest sample in event time: a sample older than one
 * already judged (a reordered packet) is left to the aggregates, or it would
 * swing the state back in time.
 *
 * @example
 *   rule.observe(frame, alerts); // power.battery_voltage 24.1 V → alerts[0].kind 'raised', severity 'critical'
 */
import type { Alert, AlertSeverity } from '../../alert';
import type { ParameterDefinition } from '../../mission/schema';
import type { SampleFrame } from '../../sample-frame';
import { selectParameters } from './parameter-selection';
import type { LimitsRuleConfig } from './rule-set';
import { alertId, slotTable, type RuleContext, type StreamRule } from './stream-rule';

const NOMINAL = 0;
const WARNING = 1;
const CRITICAL = 2;
const SEVERITY: Record<number, AlertSeverity> = { [WARNING]: 'warning', [CRITICAL]: 'critical' };

interface SatelliteLimitState {
  /** Per slot: NOMINAL, WARNING or CRITICAL. */
  readonly level: Int8Array;
  /** Per slot: the limit the current state crossed. */
  readonly crossed: Float64Array;
  /** Per slot: event time of the newest sample judged. */
  readonly newestMs: Float64Array;
}

export class LimitCheckRule implements StreamRule {
  readonly id: string;
  readonly #parameters: readonly ParameterDefinition[];
  readonly #slots: Int16Array;
  readonly #criticalLow: Float64Array;
  readonly #warningLow: Float64Array;
  readonly #warningHigh: Float64Array;
  readonly #criticalHigh: Float64Array;
  readonly #satellites = new Map<number, SatelliteLimitState>();

  constructor(config: LimitsRuleConfig, { mdb }: RuleContext) {
    this.id = config.id;
    const candidates = config.parameters ? selectParameters(config.parameters, mdb, config.id) : mdb.parameters;
    this.#parameters = candidates.filter((p) => p.limits && Object.values(p.limits).some((v) => v !== undefined));
    this.#slots = slotTable(this.#parameters.map((p) => p.id));
    const bound = (pick: (p: ParameterDefinition) => number | undefined, none: number) =>
      Float64Array.from(this.#parameters, (p) => pick(p) ?? none);
    this.#criticalLow = bound((p) => p.limits?.criticalLow, -Infinity);
    this.#warningLow = bound((p) => p.limits?.warningLow, -Infinity);
    this.#warningHigh = bound((p) => p.limits?.warningHigh, Infinity);
    this.#criticalHigh = bound((p) => p.limits?.criticalHigh, Infinity);
  }

  observe(frame: SampleFrame, alerts: Alert[]): void {
    const { parameterIds, values, onboardTimeMs: timeMs } = frame;
    let state: SatelliteLimitState | undefined;
    for (let i = 0; i < parameterIds.length; i++) {
      const slot = this.#slots[parameterIds[i]!] ?? -1;
      const value = values[i];
      if (slot < 0 || value === null || value === undefined) continue;
      state ??= this.#stateOf(frame.satelliteId);
      if (timeMs < state.newestMs[slot]!) continue;
      state.newestMs[slot] = timeMs;
      const crossed = this.#crossedLimit(slot, value);
      const level = Number.isNaN(crossed) ? NOMINAL : value < this.#criticalLow[slot]! || value > this.#criticalHigh[slot]! ? CRITICAL : WARNING;
      const previous = state.level[slot]!;
      if (level === previous) continue;
      state.level[slot] = level;
      const previousCrossed = state.crossed[slot]!;
      state.crossed[slot] = crossed;
      if (level > previous) alerts.push(this.#alert(frame.satelliteId, slot, 'raised', level, value, crossed, timeMs));
      else if (level === NOMINAL) alerts.push(this.#alert(frame.satelliteId, slot, 'cleared', previous, value, previousCrossed, timeMs));
    }
  }

  /** The most severe limit `value` is beyond, NaN when it is within all of them. */
  #crossedLimit(slot: number, value: number): number {
    if (value < this.#criticalLow[slot]!) return this.#criticalLow[slot]!;
    if (value > this.#criticalHigh[slot]!) return this.#criticalHigh[slot]!;
    if (value < this.#warningLow[slot]!) return this.#warningLow[slot]!;
    if (value > this.#warningHigh[slot]!) return this.#warningHigh[slot]!;
    return Number.NaN;
  }

  advance(): void {}

  flush(): void {}

  #stateOf(satelliteId: number): SatelliteLimitState {
    let state = this.#satellites.get(satelliteId);
    if (!state) {
      const n = this.#parameters.length;
      state = { level: new Int8Array(n), crossed: new Float64Array(n).fill(Number.NaN), newestMs: new Float64Array(n).fill(-Infinity) };
      this.#satellites.set(satelliteId, state);
    }
    return state;
  }

  #alert(satelliteId: number, slot: number, kind: Alert['kind'], level: number, value: number, threshold: number, timeMs: number): Alert {
    const p = this.#parameters[slot]!;
    const unit = p.unit ? ` ${p.unit}` : '';
    const severity = SEVERITY[level]!;
    const message =
      kind === 'raised'
        ? `${p.name} ${value}${unit} ${value > threshold ? 'above' : 'below'} ${severity} limit ${threshold}${unit}`
        : `${p.name} ${value}${unit} back within limits (was ${severity} beyond ${threshold}${unit})`;
    return {
      id: alertId(this.id, satelliteId, p.name, timeMs),
      ruleId: this.id,
      satelliteId,
      subject: p.name,
      kind,
      severity,
      windowStartMs: timeMs,
      windowEndMs: timeMs,
      value,
      threshold,
      message,
    };
  }
}
