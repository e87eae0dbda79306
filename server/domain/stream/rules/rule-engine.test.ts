import { describe, expect, it } from 'vitest';
import { alertSchema } from '../../alert';
import { defaultMissionDatabase } from '../../mission/default-mission-database';
import type { SampleFrame } from '../../sample-frame';
import file from '../rules.json' with { type: 'json' };
import { defaultRuleSet, loadRuleSet } from './load-rule-set';
import { RuleEngine } from './rule-engine';

const mdb = defaultMissionDatabase();
const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);

function frame(satelliteId: number, offsetMs: number, subsystem: string, apid: number, values: Record<number, number>): SampleFrame {
  return {
    satelliteId,
    subsystem,
    apid,
    sequenceCount: 0,
    onboardTimeMs: T0 + offsetMs,
    arrivalMs: T0 + offsetMs,
    parameterIds: Object.keys(values).map(Number),
    values: Object.values(values),
  };
}

describe('Rules > RuleEngine', () => {
  describe('#process', () => {
    it('runs every seed rule: limits at once, windows as the watermark closes them', () => {
      const engine = new RuleEngine({ mdb, rules: defaultRuleSet(mdb) });
      const first = engine.process([
        frame(101, 1_000, 'thermal', 288, { 1000: 88 }), // above the 85 °C critical limit of node_000
        frame(101, 2_000, 'thermal', 288, { 1000: 70 }), // back within limits
      ]);
      expect(first.map((a) => `${a.ruleId} ${a.kind} ${a.severity} ${a.subject}`)).toEqual([
        'limit raised critical thermal.node_000',
        'limit cleared critical thermal.node_000',
      ]);
      const second = engine.process([frame(101, 12_000, 'thermal', 288, { 1000: 20 })]);
      // 20 °C is nominal and unchanged: no limit alert; the watermark (12 s − 2 s) closes the [0, 10 s) thermal window.
      expect(second.map((a) => a.id)).toEqual([`thermal-overtemperature:101:thermal.node_000:${T0}`]);
      for (const alert of [...first, ...second]) expect(alertSchema.parse(alert)).toEqual(alert);
    });

    it('runs a second rule of an existing kind added to the configuration only', () => {
      const json = structuredClone(file) as { version: number; rules: unknown[] };
      json.rules.push({
        id: 'battery-warm',
        kind: 'window-threshold',
        windowMs: 10000,
        parameters: { names: ['power.battery_temperature'] },
        aggregate: 'avg',
        comparison: 'above',
        threshold: 35,
        severity: 'warning',
      });
      const engine = new RuleEngine({ mdb, rules: loadRuleSet(json, mdb), allowedLatenessMs: 0 });
      expect(engine.rules.map((r) => r.id)).toEqual(['attitude-deviation', 'thermal-overtemperature', 'limit', 'battery-warm']);
      const frames = [36, 37, 38].map((c, i) => frame(102, i * 1_000, 'power', 272, { 102: c }));
      const alerts = engine.process([...frames, frame(102, 10_000, 'power', 272, { 102: 30 })]);
      expect(alerts.map((a) => [a.id, a.value])).toEqual([[`battery-warm:102:power.battery_temperature:${T0}`, 37]]);
    });
  });

  describe('#flush', () => {
    it('evaluates windows still open at the end of a stream', () => {
      const engine = new RuleEngine({ mdb, rules: defaultRuleSet(mdb) });
      expect(engine.process([frame(103, 500, 'thermal', 289, { 1052: 95 })]).map((a) => a.ruleId)).toEqual(['limit']);
      expect(engine.flush().map((a) => a.id)).toEqual([`thermal-overtemperature:103:thermal.node_052:${T0}`]);
      expect(engine.flush()).toEqual([]);
    });
  });
});
