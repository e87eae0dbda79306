import { describe, expect, it } from 'vitest';
import type { Alert } from '../../alert';
import { defaultMissionDatabase } from '../../mission/default-mission-database';
import type { SampleFrame } from '../../sample-frame';
import { defaultRuleSet } from './load-rule-set';
import { RuleEngine } from './rule-engine';
import { checkThreshold, thresholdOf, tunableThresholds, withThresholds } from './rule-thresholds';

const mdb = defaultMissionDatabase();
const rules = defaultRuleSet(mdb);
const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const NODE_000 = mdb.parameter('thermal.node_000')!.id;

const thermal = (offsetMs: number, celsius: number): SampleFrame => ({
  satelliteId: 101,
  subsystem: 'thermal',
  apid: 288,
  sequenceCount: 0,
  onboardTimeMs: T0 + offsetMs,
  arrivalMs: T0 + offsetMs,
  parameterIds: [NODE_000],
  values: [celsius],
});

/** Node 0 at `celsius` once a second over [fromS, toS). */
const seconds = (fromS: number, toS: number, celsius: number) => Array.from({ length: toS - fromS }, (_, i) => thermal((fromS + i) * 1000, celsius));
const overtemperature = (alerts: Alert[]) => alerts.filter((a) => a.ruleId === 'thermal-overtemperature').map((a) => [a.windowStartMs - T0, a.threshold]);

describe('Rules > thresholds', () => {
  describe('#tunableThresholds', () => {
    it('offers the attitude deviation (degrees, 0..180) and the thermal max (°C, bounded by the nodes’ valid range), not the limits rule', () => {
      expect(tunableThresholds(rules, mdb)).toEqual([
        {
          ruleId: 'attitude-deviation',
          kind: 'attitude-deviation',
          description: 'Average angle between estimated and commanded attitude over 5 s above the pointing budget',
          unit: '°',
          defaultValue: 2,
          min: 0,
          minExclusive: true,
          max: 180,
          comparison: 'above',
          windowMs: 5000,
        },
        {
          ruleId: 'thermal-overtemperature',
          kind: 'window-threshold',
          description: 'Any thermal node above 85 °C within a 10 s window (GROUP BY satellite, node, window HAVING MAX(temperature) > 85)',
          unit: '°C',
          defaultValue: 85,
          min: -120,
          minExclusive: false,
          max: 180,
          comparison: 'above',
          windowMs: 10_000,
        },
      ]);
    });
  });

  describe('#checkThreshold', () => {
    const [attitude, thermalMax] = tunableThresholds(rules, mdb);
    it('accepts values inside the bounds and names the bounds when refusing', () => {
      expect([checkThreshold(attitude!, 0.5), checkThreshold(attitude!, 180), checkThreshold(thermalMax!, -120), checkThreshold(thermalMax!, 80)]).toEqual([
        { ok: true, value: 0.5 },
        { ok: true, value: 180 },
        { ok: true, value: -120 },
        { ok: true, value: 80 },
      ]);
      expect(checkThreshold(attitude!, 0)).toEqual({ ok: false, error: 'attitude-deviation threshold must be above 0 and at most 180 °, got 0' });
      expect(checkThreshold(thermalMax!, 900)).toEqual({ ok: false, error: 'thermal-overtemperature threshold must be at least -120 and at most 180 °C, got 900' });
      expect(checkThreshold(thermalMax!, Number.NaN)).toMatchObject({ ok: false });
    });
  });

  describe('#withThresholds', () => {
    it('replaces the stored thresholds only, ignoring rules the set does not have', () => {
      const tuned = withThresholds(rules, new Map([['thermal-overtemperature', 80], ['no-such-rule', 1]]));
      expect(tuned.rules.map(thresholdOf)).toEqual([2, 80, undefined]);
      expect(rules.rules.map(thresholdOf)).toEqual([2, 85, undefined]);
    });
  });

  describe('RuleEngine#setThresholds', () => {
    it('changes which windows raise from the next evaluation on, and falls back to the file’s value when the stored one goes', () => {
      const engine = new RuleEngine({ mdb, rules });
      // 87 °C throughout. Window [0, 10 s) at the file's 85 °C: raised.
      expect(overtemperature(engine.process(seconds(0, 13, 87)))).toEqual([[0, 85]]);
      expect(engine.setThresholds(new Map([['thermal-overtemperature', 90]]))).toEqual([{ ruleId: 'thermal-overtemperature', from: 85, to: 90 }]);
      // [10 s, 20 s) closes above 90 °C? No: 87 stays under it.
      expect(overtemperature(engine.process(seconds(13, 23, 87)))).toEqual([]);
      expect(engine.setThresholds(new Map([['thermal-overtemperature', 90]]))).toEqual([]);
      expect(engine.setThresholds(new Map())).toEqual([{ ruleId: 'thermal-overtemperature', from: 90, to: 85 }]);
      expect(overtemperature(engine.process(seconds(23, 33, 87)))).toEqual([[20_000, 85]]);
      expect(engine.thresholds()).toEqual(new Map([['attitude-deviation', 2], ['thermal-overtemperature', 85]]));
    });
  });
});
