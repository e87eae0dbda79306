/**
 * A threshold on a windowed aggregate, per (satellite, parameter) of a
 * selection: GROUP BY satellite, parameter, tumbling window HAVING
 * aggregate(value) above/below threshold. The seed rule is thermal
 * over-temperature (any node's max over 10 s above 85 °C); another parameter
 * group or bound is another entry in the rules file. A window raises at most
 * one alert; late data that pushes a closed window over raises it then, with
 * the id it would have had.
 *
 * @example
 *   rule.observe(thermalFrame);   // node_012 at 86.5 °C, 12:00:03
 *   rule.advance(alerts);         // once 12:00:10 is behind the watermark:
 *   alerts[0].id;                 // 'thermal-overtemperature:101:thermal.node_012:1795608000000'
 */
import type { Alert } from '../../alert';
import type { ParameterDefinition } from '../../mission/schema';
import type { SampleFrame } from '../../sample-frame';
import { EventTimeWindows, type EventWindow, type WindowAdvance } from '../event-time-windows';
import { selectParameters } from './parameter-selection';
import type { WindowThresholdRuleConfig } from './rule-set';
import { alertId, slotTable, type RuleContext, type StreamRule } from './stream-rule';

class ValueAccumulator {
  sum = 0;
  count = 0;
  min = Infinity;
  max = -Infinity;
  fired = false;
}

export class WindowThresholdRule implements StreamRule {
  readonly id: string;
  #config: WindowThresholdRuleConfig;
  readonly #parameters: readonly ParameterDefinition[];
  readonly #slots: Int16Array;
  readonly #windows: EventTimeWindows<ValueAccumulator>;
  #tooLateFrames = 0;

  constructor(config: WindowThresholdRuleConfig, { mdb, allowedLatenessMs, closedRetentionMs }: RuleContext) {
    this.id = config.id;
    this.#config = config;
    this.#parameters = selectParameters(config.parameters, mdb, config.id);
    this.#slots = slotTable(this.#parameters.map((p) => p.id));
    this.#windows = new EventTimeWindows({ windowMs: config.windowMs, allowedLatenessMs, closedRetentionMs }, () => new ValueAccumulator());
  }

  /** Frames with watched samples whose window was past retention when they came. */
  get tooLateFrames(): number {
    return this.#tooLateFrames;
  }

  retune(threshold: number): void {
    this.#config = { ...this.#config, threshold };
  }

  observe(frame: SampleFrame): void {
    const { parameterIds, values } = frame;
    let window: EventWindow<ValueAccumulator> | null | undefined;
    for (let i = 0; i < parameterIds.length; i++) {
      const slot = this.#slots[parameterIds[i]!] ?? -1;
      const value = values[i];
      if (slot < 0 || value === null || value === undefined) continue;
      // Located once per frame, and only for frames carrying a watched parameter: every sample of a frame shares its time.
      if (window === undefined) window = this.#windows.windowFor(frame.satelliteId, frame.onboardTimeMs);
      if (window === null) {
        this.#tooLateFrames++;
        return;
      }
      const acc = this.#windows.entry(window, slot);
      acc.sum += value;
      acc.count++;
      if (value < acc.min) acc.min = value;
      if (value > acc.max) acc.max = value;
    }
  }

  advance(alerts: Alert[]): void {
    this.#evaluate(this.#windows.advance(), alerts);
  }

  flush(alerts: Alert[]): void {
    this.#evaluate(this.#windows.flush(), alerts);
  }

  #evaluate({ closed, lateUpdates }: WindowAdvance<ValueAccumulator>, alerts: Alert[]): void {
    for (const { window, keys } of lateUpdates) for (const slot of keys) this.#check(window, slot, window.entries.get(slot)!, alerts);
    for (const window of closed) for (const [slot, acc] of window.entries) this.#check(window, slot, acc, alerts);
  }

  #check(window: EventWindow<ValueAccumulator>, slot: number, acc: ValueAccumulator, alerts: Alert[]): void {
    if (acc.fired) return;
    const { aggregate, comparison, threshold, severity, windowMs } = this.#config;
    const average = acc.sum / acc.count;
    const value = aggregate === 'max' ? acc.max : aggregate === 'min' ? acc.min : average;
    if (!(comparison === 'above' ? value > threshold : value < threshold)) return;
    acc.fired = true;
    const p = this.#parameters[slot]!;
    const unit = p.unit ? ` ${p.unit}` : '';
    alerts.push({
      id: alertId(this.id, window.satelliteId, p.name, window.startMs),
      ruleId: this.id,
      satelliteId: window.satelliteId,
      subject: p.name,
      kind: 'raised',
      severity,
      windowStartMs: window.startMs,
      windowEndMs: window.endMs,
      value,
      threshold,
      message: `${p.name} ${aggregate} ${round(value)}${unit} ${comparison} ${threshold}${unit} over ${windowMs / 1000} s (min ${round(acc.min)}, avg ${round(average)}, max ${round(acc.max)}${unit}, ${acc.count} samples)`,
    });
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
