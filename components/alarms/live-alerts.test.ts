import { describe, expect, it } from 'vitest';
import { newAlarm, type Alarm } from '@/server/domain/alarms/alarm';
import type { Alert } from '@/server/domain/alert';
import type { AlarmRecord } from '@/server/ports/telemetry-store';
import { KEPT_LIVE_ALERTS, forgetAlarm, forgetRecorded, keepLiveAlerts, unrecordedAlarms } from './live-alerts';

const T = 1_795_000_000_000;

const alert = (subject: string, kind: Alert['kind'], atMs: number, ruleId = 'limit'): Alert => ({
  id: `${ruleId}:101:${subject}:${atMs}`,
  ruleId,
  satelliteId: 101,
  subject,
  kind,
  severity: 'critical',
  windowStartMs: atMs,
  windowEndMs: atMs,
  value: kind === 'raised' ? 24 : 28,
  threshold: 24.5,
  message: `${subject} ${kind}`,
});

const archived = (subject: string, state: Alarm['state'], conditionChangedMs: number, ruleId = 'limit'): AlarmRecord => ({
  id: 1,
  version: 1,
  alarm: { ...newAlarm({ satelliteId: 101, ruleId, subject }), state, conditionChangedMs, lastOccurrenceMs: conditionChangedMs },
});

describe('Alarms > live alerts', () => {
  const shown = (fetched: AlarmRecord[] | undefined, live: readonly Alert[]) => unrecordedAlarms(fetched, live).map((u) => [u.raised, u.active]);

  it('shows a raised alert until the archive’s list holds its alarm', () => {
    const raised = alert('power.battery_voltage', 'raised', T + 1000);
    expect(shown(undefined, [raised])).toEqual([[raised, true]]);
    expect(shown([], [raised])).toEqual([[raised, true]]);
    expect(shown([archived('power.battery_voltage', 'unacknowledged', T + 1000)], [raised])).toEqual([]);
    // An earlier episode of the same alarm has its row already: the next read updates it, no second row.
    expect(shown([archived('power.battery_voltage', 'acknowledged', T)], [raised])).toEqual([]);
    // Another rule on the same subject, or another subject, says nothing of it.
    expect(shown([archived('power.battery_voltage', 'unacknowledged', T + 2000, 'other-rule'), archived('power.battery_soc', 'unacknowledged', T + 2000)], [raised])).toEqual([
      [raised, true],
    ]);
  });

  it('shows the newest occurrence of each rule and subject, and whether its condition has gone since', () => {
    const first = alert('power.battery_voltage', 'raised', T);
    const back = alert('power.battery_voltage', 'cleared', T + 200);
    const again = alert('power.battery_voltage', 'raised', T + 400);
    const soc = alert('power.battery_soc', 'raised', T + 300);
    const rule = alert('attitude', 'raised', T + 100, 'attitude-deviation');
    // Came and went before the archive recorded it: still waiting for acknowledgement.
    expect(shown([], [first, back])).toEqual([[first, false]]);
    expect(shown([], [first, back, again, soc, rule])).toEqual([
      [again, true],
      [soc, true],
      [rule, true],
    ]);
    // Arrival order does not matter: event time does.
    expect(shown([], [again, back, first])).toEqual([[again, true]]);
    expect(shown([], [back, first])).toEqual([[first, false]]);
    // A return to normal alone is no alarm to show.
    expect(shown([], [back])).toEqual([]);
  });

  it('shows none for an alarm an operator has put aside', () => {
    const raised = alert('power.battery_voltage', 'raised', T + 1000);
    expect(shown([archived('power.battery_voltage', 'shelved', T)], [raised])).toEqual([]);
    expect(shown([archived('power.battery_voltage', 'suppressed-by-design', T)], [raised])).toEqual([]);
  });

  it('forgets what the archive has recorded, so an alarm acknowledged and back to normal does not come back', () => {
    const first = alert('power.battery_voltage', 'raised', T);
    const back = alert('power.battery_voltage', 'cleared', T + 200);
    const soc = alert('power.battery_soc', 'raised', T + 300);
    const live = [first, back, soc];
    // Nothing recorded yet: the same array.
    expect(forgetRecorded([], live)).toBe(live);
    expect(forgetRecorded([archived('power.battery_voltage', 'unacknowledged', T)], live)).toEqual([back, soc]);
    expect(forgetRecorded([archived('power.battery_voltage', 'returned-to-normal-unacknowledged', T + 200)], live)).toEqual([soc]);
    // Acknowledged and cleared, the alarm leaves the list the strip reads: forgotten, it stays gone.
    expect(shown([], forgetRecorded([archived('power.battery_voltage', 'acknowledged', T)], live))).toEqual([[soc, true]]);
    // An operator's change of one alarm forgets its alerts, not the others'.
    expect(forgetAlarm({ satelliteId: 101, ruleId: 'limit', subject: 'power.battery_voltage' }, live)).toEqual([soc]);
    expect(forgetAlarm({ satelliteId: 102, ruleId: 'limit', subject: 'power.battery_voltage' }, live)).toBe(live);
  });

  it('keeps at most the newest KEPT_LIVE_ALERTS', () => {
    const many = Array.from({ length: KEPT_LIVE_ALERTS + 5 }, (_, i) => alert(`thermal.node_${String(i).padStart(3, '0')}`, 'raised', T + i));
    const kept = keepLiveAlerts(many.slice(0, 10), many.slice(10));
    expect(kept).toHaveLength(KEPT_LIVE_ALERTS);
    expect(kept[0]).toBe(many[5]);
    expect(kept.at(-1)).toBe(many.at(-1));
    expect(keepLiveAlerts([many[0]!], [many[1]!])).toEqual([many[0], many[1]]);
  });
});
