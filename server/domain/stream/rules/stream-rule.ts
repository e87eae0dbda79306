/**
 * What every rule kind implements, so the engine can run any rule the
 * configuration names without knowing its kind. Rules append the alerts they
 * raise to the array they are given rather than returning new arrays: the
 * engine calls them for every frame.
 */
import type { Alert } from '../../alert';
import type { MissionDatabase } from '../../mission/mission-database';
import type { SampleFrame } from '../../sample-frame';

export interface StreamRule {
  readonly id: string;
  /** Takes one frame; per-sample rules may raise at once, windowed rules only accumulate. */
  observe(frame: SampleFrame, alerts: Alert[]): void;
  /** Evaluates the windows the watermarks closed, and closed windows late data changed. */
  advance(alerts: Alert[]): void;
  /** Closes and evaluates every open window, whatever the watermark. */
  flush(alerts: Alert[]): void;
  /**
   * Rules with a threshold: windows evaluated from now on use `threshold`
   * (windows already evaluated keep what they raised). Set by an admin
   * while the processor runs (rule-thresholds.ts).
   */
  retune?(threshold: number): void;
}

/** What rules share: the mission database and the watermark settings. */
export interface RuleContext {
  readonly mdb: MissionDatabase;
  /** How far behind a satellite's newest event time windows stay open, ms. */
  readonly allowedLatenessMs: number;
  /** How long past its end a closed window is re-evaluated for late data, ms. */
  readonly closedRetentionMs: number;
}

/** Deterministic: re-processing the same data raises the same id, so storing alerts is idempotent. */
export function alertId(ruleId: string, satelliteId: number, subject: string, windowStartMs: number): string {
  return `${ruleId}:${satelliteId}:${subject}:${windowStartMs}`;
}

/** Lookup table from parameter id (1..32767) to a small slot number, -1 where the rule does not watch the parameter. */
export function slotTable(parameterIds: readonly number[]): Int16Array {
  const table = new Int16Array(32768).fill(-1);
  parameterIds.forEach((id, slot) => {
    table[id] = slot;
  });
  return table;
}
