/**
 * Pointing error against the commanded attitude, per satellite over tumbling
 * event-time windows: for each frame carrying both quaternions, the rotation
 * angle between them, 2·acos(|q·qc|) (the absolute value because q and −q are
 * the same attitude). A window whose average angle is above the threshold
 * raises one alert; a late sample that pushes a closed window over raises it
 * then, with the same id it would have had.
 *
 * @example
 *   // A 1° rotation about X has half-angle π/360.
 *   quaternionAngleDeg([1, 0, 0, 0], [Math.cos(Math.PI / 360), Math.sin(Math.PI / 360), 0, 0]); // 1.0000000000000002
 */
import type { Alert } from '../../alert';
import type { SampleFrame } from '../../sample-frame';
import { EventTimeWindows, type EventWindow, type WindowAdvance } from '../event-time-windows';
import { resolveParameterNames } from './parameter-selection';
import type { AttitudeDeviationRuleConfig } from './rule-set';
import { alertId, slotTable, type RuleContext, type StreamRule } from './stream-rule';

const DEG_PER_RAD = 180 / Math.PI;

/** Rotation angle between two attitude quaternions (any order of normalisation), degrees. */
export function quaternionAngleDeg(q: ArrayLike<number>, qc: ArrayLike<number>): number {
  const dot = q[0]! * qc[0]! + q[1]! * qc[1]! + q[2]! * qc[2]! + q[3]! * qc[3]!;
  const norms = Math.hypot(q[0]!, q[1]!, q[2]!, q[3]!) * Math.hypot(qc[0]!, qc[1]!, qc[2]!, qc[3]!);
  if (!(norms > 0)) return Number.NaN;
  // Telemetry quaternions are float32 and not exactly unit: normalise, and keep acos inside its domain.
  return 2 * Math.acos(Math.min(1, Math.abs(dot) / norms)) * DEG_PER_RAD;
}

class AngleAccumulator {
  sum = 0;
  count = 0;
  max = 0;
  fired = false;
}

export class AttitudeDeviationRule implements StreamRule {
  readonly id: string;
  #config: AttitudeDeviationRuleConfig;
  /** Parameter id → 0..3 estimated, 4..7 commanded. */
  readonly #slots: Int16Array;
  readonly #components = new Float64Array(8);
  readonly #windows: EventTimeWindows<AngleAccumulator>;
  #tooLateFrames = 0;

  constructor(config: AttitudeDeviationRuleConfig, { mdb, allowedLatenessMs, closedRetentionMs }: RuleContext) {
    this.id = config.id;
    this.#config = config;
    this.#slots = slotTable(resolveParameterNames([...config.estimated, ...config.commanded], mdb, config.id).map((p) => p.id));
    this.#windows = new EventTimeWindows({ windowMs: config.windowMs, allowedLatenessMs, closedRetentionMs }, () => new AngleAccumulator());
  }

  /** Frames whose window was past retention when they came. */
  get tooLateFrames(): number {
    return this.#tooLateFrames;
  }

  retune(thresholdDeg: number): void {
    this.#config = { ...this.#config, thresholdDeg };
  }

  observe(frame: SampleFrame): void {
    const { parameterIds, values } = frame;
    let found = 0;
    for (let i = 0; i < parameterIds.length; i++) {
      const slot = this.#slots[parameterIds[i]!] ?? -1;
      const value = values[i];
      if (slot < 0 || value === null || value === undefined) continue;
      this.#components[slot] = value;
      found |= 1 << slot;
    }
    if (found !== 0xff) return;
    const angle = quaternionAngleDeg(this.#components.subarray(0, 4), this.#components.subarray(4, 8));
    if (Number.isNaN(angle)) return;
    const window = this.#windows.windowFor(frame.satelliteId, frame.onboardTimeMs);
    if (window === null) {
      this.#tooLateFrames++;
      return;
    }
    const acc = this.#windows.entry(window, 0);
    acc.sum += angle;
    acc.count++;
    if (angle > acc.max) acc.max = angle;
  }

  advance(alerts: Alert[]): void {
    this.#evaluate(this.#windows.advance(), alerts);
  }

  flush(alerts: Alert[]): void {
    this.#evaluate(this.#windows.flush(), alerts);
  }

  #evaluate({ closed, lateUpdates }: WindowAdvance<AngleAccumulator>, alerts: Alert[]): void {
    for (const { window } of lateUpdates) this.#check(window, alerts);
    for (const window of closed) this.#check(window, alerts);
  }

  #check(window: EventWindow<AngleAccumulator>, alerts: Alert[]): void {
    const acc = window.entries.get(0);
    if (!acc || acc.fired) return;
    const average = acc.sum / acc.count;
    const { thresholdDeg, severity, subject, windowMs } = this.#config;
    if (!(average > thresholdDeg)) return;
    acc.fired = true;
    alerts.push({
      id: alertId(this.id, window.satelliteId, subject, window.startMs),
      ruleId: this.id,
      satelliteId: window.satelliteId,
      subject,
      kind: 'raised',
      severity,
      windowStartMs: window.startMs,
      windowEndMs: window.endMs,
      value: average,
      threshold: thresholdDeg,
      message: `attitude off command by ${average.toFixed(2)}° on average over ${windowMs / 1000} s (max ${acc.max.toFixed(2)}°, ${acc.count} samples), threshold ${thresholdDeg}°`,
    });
  }
}
