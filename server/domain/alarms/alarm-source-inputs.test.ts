import { describe, expect, it } from 'vitest';
import type { Alert } from '../alert';
import { alarmSourceKey, newAlarm } from './alarm';
import { alarmInputFromAlert, alarmInputFromLimitLevel } from './alarm-source-inputs';
import { transitionAlarm } from './alarm-state-machine';

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);

const thermal: Alert = {
  id: `thermal-overtemperature:101:thermal.node_012:${T0}`,
  ruleId: 'thermal-overtemperature',
  satelliteId: 101,
  subject: 'thermal.node_012',
  kind: 'raised',
  severity: 'critical',
  windowStartMs: T0,
  windowEndMs: T0 + 10_000,
  value: 86.5,
  threshold: 85,
  message: 'thermal.node_012 max 86.5 °C above 85 °C over 10 s',
};

const attitude: Alert = {
  ...thermal,
  id: `attitude-deviation:101:attitude:${T0}`,
  ruleId: 'attitude-deviation',
  subject: 'attitude',
  severity: 'warning',
  windowEndMs: T0 + 5000,
  value: 2.4,
  threshold: 2,
};

describe('Alarms > source inputs', () => {
  describe('#alarmInputFromAlert', () => {
    it('raises the 10 s thermal rule alarm of one node at the end of its window', () => {
      const { key, input } = alarmInputFromAlert(thermal);
      expect(key).toEqual({ satelliteId: 101, ruleId: 'thermal-overtemperature', subject: 'thermal.node_012' });
      expect(alarmSourceKey(key)).toBe('rule:thermal-overtemperature:thermal.node_012');
      expect(input).toEqual({ type: 'raise', severity: 'critical', eventTimeMs: T0 + 10_000, value: 86.5 });
    });

    it('raises the 5 s attitude deviation alarm', () => {
      const { key, input } = alarmInputFromAlert(attitude);
      expect(alarmSourceKey(key)).toBe('rule:attitude-deviation:attitude');
      expect(input).toEqual({ type: 'raise', severity: 'warning', eventTimeMs: T0 + 5000, value: 2.4 });
    });

    it('clears a limit alarm from a cleared limit alert', () => {
      const cleared: Alert = { ...thermal, ruleId: 'limit', subject: 'power.battery_voltage', kind: 'cleared', severity: 'warning', windowStartMs: T0, windowEndMs: T0, value: 28, threshold: 26 };
      const { key, input } = alarmInputFromAlert(cleared);
      expect(alarmSourceKey(key)).toBe('limit:power.battery_voltage');
      expect(input).toEqual({ type: 'clear', eventTimeMs: T0, value: 28 });
    });
  });

  describe('#alarmInputFromLimitLevel', () => {
    it('maps warning and critical to raises and nominal to a clear, which escalate and clear the alarm', () => {
      const levels = [
        { level: 'warning', value: 25.5 },
        { level: 'critical', value: 24.1 },
        { level: 'nominal', value: 28 },
      ] as const;
      const inputs = levels.map(({ level, value }, i) =>
        alarmInputFromLimitLevel({ satelliteId: 101, parameter: 'power.battery_voltage', level, timeMs: T0 + i * 200, value }),
      );
      expect(inputs.map((i) => i.input)).toEqual([
        { type: 'raise', severity: 'warning', eventTimeMs: T0, value: 25.5 },
        { type: 'raise', severity: 'critical', eventTimeMs: T0 + 200, value: 24.1 },
        { type: 'clear', eventTimeMs: T0 + 400, value: 28 },
      ]);
      expect(inputs[0]!.key).toEqual({ satelliteId: 101, ruleId: 'limit', subject: 'power.battery_voltage' });
      let alarm = newAlarm(inputs[0]!.key);
      const actions: string[] = [];
      for (const { input } of inputs) {
        const step = transitionAlarm(alarm, input, T0 + 1000);
        if (!step.ok) throw step.error;
        actions.push(`${step.transition.action}:${step.transition.to}`);
        alarm = step.alarm;
      }
      expect(actions).toEqual(['raise:unacknowledged', 'escalate:unacknowledged', 'clear:returned-to-normal-unacknowledged']);
    });

    it('leaves the value out when the observation has none', () => {
      expect(alarmInputFromLimitLevel({ satelliteId: 7, parameter: 'power.battery_soc', level: 'nominal', timeMs: T0 }).input).toEqual({
        type: 'clear',
        eventTimeMs: T0,
      });
    });
  });
});
