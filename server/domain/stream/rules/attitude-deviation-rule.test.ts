import { describe, expect, it } from 'vitest';
import type { Alert } from '../../alert';
import { defaultMissionDatabase } from '../../mission/default-mission-database';
import type { SampleFrame } from '../../sample-frame';
import { AttitudeDeviationRule, quaternionAngleDeg } from './attitude-deviation-rule';
import { defaultRuleSet } from './load-rule-set';
import type { AttitudeDeviationRuleConfig } from './rule-set';

const mdb = defaultMissionDatabase();
const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const config = defaultRuleSet(mdb).rules[0] as AttitudeDeviationRuleConfig;
const context = { mdb, allowedLatenessMs: 2000, closedRetentionMs: 60_000 };
/** attitude.q0..q3 then attitude.qc0..qc3. */
const QUATERNION_IDS = [2, 3, 4, 5, 6, 7, 8, 9];

/** An attitude frame whose estimate is off the commanded (identity) attitude by `deg` about Z. */
function attitude(satelliteId: number, offsetMs: number, deg: number): SampleFrame {
  const half = (deg * Math.PI) / 360;
  return {
    satelliteId,
    subsystem: 'attitude',
    apid: 256,
    sequenceCount: 0,
    onboardTimeMs: T0 + offsetMs,
    arrivalMs: T0 + offsetMs,
    parameterIds: [1, ...QUATERNION_IDS],
    values: [2, Math.cos(half), 0, 0, Math.sin(half), 1, 0, 0, 0],
  };
}

function run(rule: AttitudeDeviationRule, frames: SampleFrame[]): Alert[] {
  const alerts: Alert[] = [];
  for (const f of frames) rule.observe(f);
  rule.advance(alerts);
  return alerts;
}

describe('Rules > AttitudeDeviationRule', () => {
  it('measures the rotation between two quaternions as 2·acos(|q·qc|), sign- and scale-free', () => {
    const half = Math.PI / 360;
    expect(quaternionAngleDeg([1, 0, 0, 0], [Math.cos(half), Math.sin(half), 0, 0])).toBeCloseTo(1, 12);
    expect(quaternionAngleDeg([0, 0, 0, 1], [0, 0, 0, -1])).toBe(0);
    expect(quaternionAngleDeg([2, 0, 0, 0], [0, 1, 0, 0])).toBe(180);
    expect(quaternionAngleDeg([0, 0, 0, 0], [1, 0, 0, 0])).toBeNaN();
  });

  describe('#advance', () => {
    it('raises one warning for a 5 s window whose average deviation exceeds 2°', () => {
      const rule = new AttitudeDeviationRule(config, context);
      // Window [0, 5 s): 1°, 2°, 4° → average 2.33°; window [5 s, 10 s): 1° → nothing.
      const alerts = run(rule, [attitude(101, 100, 1), attitude(101, 2_000, 2), attitude(101, 4_900, 4), attitude(101, 7_000, 1), attitude(101, 12_000, 1)]);
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({
        id: `attitude-deviation:101:attitude:${T0}`,
        ruleId: 'attitude-deviation',
        satelliteId: 101,
        subject: 'attitude',
        kind: 'raised',
        severity: 'warning',
        windowStartMs: T0,
        windowEndMs: T0 + 5_000,
        threshold: 2,
        message: 'attitude off command by 2.33° on average over 5 s (max 4.00°, 3 samples), threshold 2°',
      });
      expect(alerts[0]!.value).toBeCloseTo(7 / 3, 5);
    });

    it('does not raise for a window averaging at or below the threshold, even with a spike', () => {
      const rule = new AttitudeDeviationRule(config, context);
      expect(run(rule, [attitude(101, 0, 0.5), attitude(101, 100, 0.5), attitude(101, 200, 5), attitude(101, 9_000, 0)])).toEqual([]);
    });

    it('raises once late data pushes a closed window over, with the id it would have had', () => {
      const rule = new AttitudeDeviationRule(config, context);
      expect(run(rule, [attitude(101, 100, 1), attitude(101, 8_000, 0)])).toEqual([]);
      const alerts = run(rule, [attitude(101, 200, 9)]);
      expect(alerts.map((a) => a.id)).toEqual([`attitude-deviation:101:attitude:${T0}`]);
      expect(alerts[0]!.value).toBeCloseTo(5, 9); // (1° + 9°) / 2
      expect(run(rule, [attitude(101, 300, 9)])).toEqual([]);
    });

    it('skips frames missing part of either quaternion', () => {
      const rule = new AttitudeDeviationRule(config, context);
      const partial = { ...attitude(101, 100, 10), parameterIds: [1, 2, 3, 4, 5, 6, 7, 8], values: [2, 0.9, 0, 0, 0.4, 1, 0, 0] };
      const nulled = { ...attitude(101, 200, 10), values: [2, null, 0, 0, 0.1, 1, 0, 0, 0] };
      expect(run(rule, [partial, nulled, attitude(101, 300, 1), attitude(101, 9_000, 1)])).toEqual([]);
      const alerts: Alert[] = [];
      rule.flush(alerts);
      expect(alerts).toEqual([]);
    });
  });
});
