import { describe, expect, it } from 'vitest';
import { ConsumerLagRule, type LagLevel } from './consumer-lag-rule';

const T0 = 1_795_000_000_000;
const rule = new ConsumerLagRule({ default: { warningSeconds: 30, criticalSeconds: 120 }, byGroup: { 'perigee-live-a': { warningSeconds: 5, criticalSeconds: 10 } } });

/** Feeds one group's lag over time; returns each step's alerts as "kind severity value/threshold". */
function run(group: string, lags: readonly number[]): string[][] {
  let levels: ReadonlyMap<string, LagLevel> = new Map();
  return lags.map((lagSeconds, i) => {
    const result = rule.evaluate([{ group, lagSeconds }], levels, T0 + i * 2000);
    levels = result.levels;
    return result.alerts.map((a) => `${a.kind} ${a.severity} ${a.value}/${a.threshold}`);
  });
}

describe('Alarms > ConsumerLagRule', () => {
  describe('#evaluate', () => {
    it('raises a warning, escalates to critical, holds while draining, and clears below half the warning threshold', () => {
      expect(run('perigee-archiver', [0, 29.9, 30, 60, 119, 120, 400, 100, 20, 15.1, 14.9, 0])).toEqual([
        [], [], ['raised warning 30/30'], [], [], ['raised critical 120/120'], [], [], [], [], ['cleared critical 14.9/15'], [],
      ]);
    });

    it('goes straight to critical when the lag jumps past both thresholds, and raises again after a clear', () => {
      expect(run('perigee-processor', [500, 0, 31])).toEqual([['raised critical 500/120'], ['cleared critical 0/15'], ['raised warning 31/30']]);
    });

    it('uses a group’s own thresholds', () => {
      expect(run('perigee-live-a', [5, 10, 2])).toEqual([['raised warning 5/5'], ['raised critical 10/10'], ['cleared critical 2/2.5']]);
    });

    it('gives each alert a deterministic id, the ground segment as satellite and the group as subject', () => {
      const { alerts, levels } = rule.evaluate([{ group: 'perigee-archiver', lagSeconds: 45.25 }, { group: 'perigee-processor', lagSeconds: 1 }], new Map(), T0);
      expect(alerts).toEqual([
        {
          id: `consumer-lag:0:perigee-archiver:warning:${T0}`,
          ruleId: 'consumer-lag',
          satelliteId: 0,
          subject: 'perigee-archiver',
          kind: 'raised',
          severity: 'warning',
          windowStartMs: T0,
          windowEndMs: T0,
          value: 45.25,
          threshold: 30,
          message: 'consumer group perigee-archiver is 45 s behind, warning at 30 s',
        },
      ]);
      expect([...levels]).toEqual([['perigee-archiver', 'warning']]);
    });

    it('continues from the levels it is given (e.g. alarms still active at start) and leaves unseen groups alone', () => {
      const { alerts, levels } = rule.evaluate([{ group: 'perigee-archiver', lagSeconds: 2 }], new Map([['perigee-archiver', 'critical'], ['gone', 'warning']]), T0);
      expect(alerts.map((a) => [a.kind, a.severity])).toEqual([['cleared', 'critical']]);
      expect([...levels]).toEqual([['perigee-archiver', 'normal'], ['gone', 'warning']]);
    });
  });

  it('refuses thresholds out of order', () => {
    expect(() => new ConsumerLagRule({ default: { warningSeconds: 60, criticalSeconds: 60 } })).toThrow('default lag thresholds: need 0 < warningSeconds (60) < criticalSeconds (60)');
    expect(() => new ConsumerLagRule({ default: { warningSeconds: 1, criticalSeconds: 2 }, byGroup: { g: { warningSeconds: 0, criticalSeconds: 2 } } })).toThrow('lag thresholds of g');
  });
});
