import { describe, expect, it } from 'vitest';
import { defaultMissionDatabase } from '../../mission/default-mission-database';
import file from '../rules.json' with { type: 'json' };
import { defaultRuleSet, loadRuleSet } from './load-rule-set';
import { RuleConfigError } from './rule-config-error';

const mdb = defaultMissionDatabase();

function loadError(json: unknown): RuleConfigError {
  try {
    loadRuleSet(json, mdb);
  } catch (error) {
    if (error instanceof RuleConfigError) return error;
    throw error;
  }
  throw new Error('expected loadRuleSet to throw');
}

describe('Rules > loadRuleSet', () => {
  it('loads the seed rules: attitude deviation, thermal over-temperature and mission-database limits', () => {
    const rules = defaultRuleSet(mdb);
    expect(rules.version).toBe(1);
    expect(rules.rules.map((r) => r.kind === 'limits' ? [r.id, r.kind] : [r.id, r.kind, r.windowMs, r.severity])).toEqual([
      ['attitude-deviation', 'attitude-deviation', 5000, 'warning'],
      ['thermal-overtemperature', 'window-threshold', 10000, 'critical'],
      ['limit', 'limits'],
    ]);
    expect(rules.rules[0]).toMatchObject({ thresholdDeg: 2, subject: 'attitude' });
    expect(rules.rules[1]).toMatchObject({ parameters: { subsystem: 'thermal' }, aggregate: 'max', comparison: 'above', threshold: 85 });
  });

  it('names the rule and the parameter when a rule watches a parameter the mission database lacks', () => {
    const json = structuredClone(file);
    json.rules[0]!.commanded = ['attitude.qc0', 'attitude.qc1', 'attitude.qc2', 'attitude.qcx'];
    const error = loadError(json);
    expect(error.message).toBe('rule "attitude-deviation": names unknown parameter "attitude.qcx"');
    expect(error.ruleId).toBe('attitude-deviation');
    expect(error.retriable).toBe(false);
  });

  it('refuses an unknown subsystem, a repeated id and a schema violation, naming the place', () => {
    const subsystem = structuredClone(file);
    subsystem.rules[1]!.parameters = { subsystem: 'propulsion' };
    expect(loadError(subsystem).message).toBe('rule "thermal-overtemperature": names unknown subsystem "propulsion"');
    const twice = structuredClone(file);
    twice.rules.push({ ...twice.rules[2]! });
    expect(loadError(twice).message).toBe('rule "limit": id used twice');
    const negative = structuredClone(file);
    negative.rules[0]!.thresholdDeg = -1;
    expect(loadError(negative).message).toBe('rules invalid at rules.0.thresholdDeg: Too small: expected number to be >0');
    expect(loadError({ version: 1, rules: [{ id: 'x', kind: 'sliding-magic' }] }).message).toMatch(/^rules invalid at rules\.0\.kind: /);
  });
});
