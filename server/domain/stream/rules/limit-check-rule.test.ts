import { describe, expect, it } from 'vitest';
import type { Alert } from '../../alert';
import { defaultMissionDatabase } from '../../mission/default-mission-database';
import type { SampleFrame } from '../../sample-frame';
import { LimitCheckRule } from './limit-check-rule';

const mdb = defaultMissionDatabase();
const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const context = { mdb, allowedLatenessMs: 2000, closedRetentionMs: 60_000 };
const VOLTAGE = 100; // power.battery_voltage: critical < 24.5, warning < 26, warning > 33.2, critical > 33.6 V
const SOC = 103; // power.battery_soc: critical < 20, warning < 30 %

function power(satelliteId: number, offsetMs: number, voltage: number | null, soc = 80): SampleFrame {
  return {
    satelliteId,
    subsystem: 'power',
    apid: 272,
    sequenceCount: 0,
    onboardTimeMs: T0 + offsetMs,
    arrivalMs: T0 + offsetMs,
    parameterIds: [VOLTAGE, SOC],
    values: [voltage, soc],
  };
}

function run(rule: LimitCheckRule, frames: SampleFrame[]): Alert[] {
  const alerts: Alert[] = [];
  for (const f of frames) rule.observe(f, alerts);
  return alerts;
}

const brief = (a: Alert) => `${a.kind} ${a.severity} ${a.subject} ${a.value} vs ${a.threshold} @${a.windowStartMs - T0}`;

describe('Rules > LimitCheckRule', () => {
  describe('#observe', () => {
    it('raises on entering warning, on escalating to critical, and clears on return to nominal; nothing while unchanged', () => {
      const rule = new LimitCheckRule({ id: 'limit', kind: 'limits' }, context);
      const volts = [28, 25.5, 25.2, 24.0, 23.9, 25.0, 24.1, 25.9, 28.0, 28.1, 33.4];
      const alerts = run(rule, volts.map((v, i) => power(101, i * 200, v)));
      expect(alerts.map(brief)).toEqual([
        'raised warning power.battery_voltage 25.5 vs 26 @200',
        'raised critical power.battery_voltage 24 vs 24.5 @600',
        // 25.0 eases to warning: no new condition; 24.1 is critical again, which is a new escalation.
        'raised critical power.battery_voltage 24.1 vs 24.5 @1200',
        'cleared warning power.battery_voltage 28 vs 26 @1600',
        'raised warning power.battery_voltage 33.4 vs 33.2 @2000',
      ]);
      expect(alerts[1]).toEqual({
        id: `limit:101:power.battery_voltage:${T0 + 600}`,
        ruleId: 'limit',
        satelliteId: 101,
        subject: 'power.battery_voltage',
        kind: 'raised',
        severity: 'critical',
        windowStartMs: T0 + 600,
        windowEndMs: T0 + 600,
        value: 24,
        threshold: 24.5,
        message: 'power.battery_voltage 24 V below critical limit 24.5 V',
      });
      expect(alerts[3]!.message).toBe('power.battery_voltage 28 V back within limits (was warning beyond 26 V)');
    });

    it('keeps a state per satellite and parameter', () => {
      const rule = new LimitCheckRule({ id: 'limit', kind: 'limits' }, context);
      const alerts = run(rule, [power(101, 0, 25, 25), power(102, 0, 28, 10), power(101, 200, 25, 25)]);
      expect(alerts.map((a) => `${a.satelliteId} ${a.subject} ${a.severity}`)).toEqual([
        '101 power.battery_voltage warning',
        '101 power.battery_soc warning',
        '102 power.battery_soc critical',
      ]);
    });

    it('leaves a sample older than one already judged to the aggregates, so a reordered packet cannot swing the state back', () => {
      const rule = new LimitCheckRule({ id: 'limit', kind: 'limits' }, context);
      const alerts = run(rule, [power(101, 0, 28), power(101, 400, 25), power(101, 200, 28), power(101, 600, 28), power(101, 800, null)]);
      expect(alerts.map(brief)).toEqual(['raised warning power.battery_voltage 25 vs 26 @400', 'cleared warning power.battery_voltage 28 vs 26 @600']);
    });

    it('watches only the selected parameters', () => {
      const rule = new LimitCheckRule({ id: 'battery-soc', kind: 'limits', parameters: { names: ['power.battery_soc'] } }, context);
      expect(run(rule, [power(101, 0, 20, 10)]).map((a) => a.id)).toEqual([`battery-soc:101:power.battery_soc:${T0}`]);
    });
  });
});
