import { describe, expect, it } from 'vitest';
import type { Alert } from '../../alert';
import { defaultMissionDatabase } from '../../mission/default-mission-database';
import type { SampleFrame } from '../../sample-frame';
import { defaultRuleSet } from './load-rule-set';
import type { WindowThresholdRuleConfig } from './rule-set';
import { WindowThresholdRule } from './window-threshold-rule';

const mdb = defaultMissionDatabase();
const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const overtemperature = defaultRuleSet(mdb).rules[1] as WindowThresholdRuleConfig;
const context = { mdb, allowedLatenessMs: 2000, closedRetentionMs: 60_000 };
const NODE_000 = 1000;
const NODE_012 = 1012;

function thermal(satelliteId: number, offsetMs: number, values: Record<number, number>): SampleFrame {
  return {
    satelliteId,
    subsystem: 'thermal',
    apid: 288,
    sequenceCount: 0,
    onboardTimeMs: T0 + offsetMs,
    arrivalMs: T0 + offsetMs,
    parameterIds: Object.keys(values).map(Number),
    values: Object.values(values),
  };
}

function run(rule: WindowThresholdRule, frames: SampleFrame[]): Alert[] {
  const alerts: Alert[] = [];
  for (const f of frames) rule.observe(f);
  rule.advance(alerts);
  return alerts;
}

describe('Rules > WindowThresholdRule', () => {
  it('raises one critical alert per (satellite, node, 10 s window) whose max is above 85 °C', () => {
    const rule = new WindowThresholdRule(overtemperature, context);
    const frames = [
      thermal(101, 1_000, { [NODE_000]: 60, [NODE_012]: 84 }),
      thermal(101, 4_000, { [NODE_000]: 61, [NODE_012]: 86.5 }),
      thermal(101, 6_000, { [NODE_000]: 62, [NODE_012]: 87.25 }),
      thermal(102, 3_000, { [NODE_000]: 85 }), // at the threshold: not above
      thermal(101, 12_000, { [NODE_012]: 90 }),
      thermal(102, 12_000, { [NODE_000]: 20 }),
    ];
    const alerts = run(rule, frames);
    expect(alerts).toEqual([
      {
        id: `thermal-overtemperature:101:thermal.node_012:${T0}`,
        ruleId: 'thermal-overtemperature',
        satelliteId: 101,
        subject: 'thermal.node_012',
        kind: 'raised',
        severity: 'critical',
        windowStartMs: T0,
        windowEndMs: T0 + 10_000,
        value: 87.25,
        threshold: 85,
        message: 'thermal.node_012 max 87.25 °C above 85 °C over 10 s (min 84, avg 85.92, max 87.25 °C, 3 samples)',
      },
    ]);
    // The [10 s, 20 s) window of satellite 101 is raised when it closes.
    const later = run(rule, [thermal(101, 22_000, { [NODE_012]: 30 })]);
    expect(later.map((a) => a.id)).toEqual([`thermal-overtemperature:101:thermal.node_012:${T0 + 10_000}`]);
  });

  it('evaluates another aggregate and direction when the configuration says so', () => {
    const cold: WindowThresholdRuleConfig = {
      id: 'battery-cold',
      kind: 'window-threshold',
      windowMs: 60_000,
      parameters: { names: ['power.battery_temperature'] },
      aggregate: 'avg',
      comparison: 'below',
      threshold: 5,
      severity: 'warning',
    };
    const rule = new WindowThresholdRule(cold, context);
    const frames = [4, 5, 4.5].map((c, i) => ({ ...thermal(101, i * 1_000, { 102: c }), subsystem: 'power', apid: 272 }));
    const alerts = run(rule, [...frames, { ...thermal(101, 70_000, { 102: 20 }), subsystem: 'power', apid: 272 }]);
    expect(alerts.map((a) => [a.id, a.value, a.severity])).toEqual([[`battery-cold:101:power.battery_temperature:${T0}`, 4.5, 'warning']]);
  });
});
