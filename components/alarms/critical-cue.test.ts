import { describe, expect, it } from 'vitest';
import { newAlarm, type Alarm } from '@/server/domain/alarms/alarm';
import type { AlarmRecord } from '@/server/ports/telemetry-store';
import { newCriticalAlarms } from './critical-cue';

const record = (id: number, state: Alarm['state'], severity: Alarm['severity']): AlarmRecord => ({
  id,
  version: 1,
  alarm: { ...newAlarm({ satelliteId: 101, ruleId: 'limit', subject: `thermal.node_00${id}` }), state, severity },
});

describe('Alarms > critical cue', () => {
  it('stays silent for what the page found on load, then cues only critical alarms newly waiting for acknowledgement', () => {
    const load = newCriticalAlarms(null, [record(1, 'unacknowledged', 'critical'), record(2, 'unacknowledged', 'warning')]);
    expect([load.fresh, [...load.seen]]).toEqual([[], [1]]);

    const next = newCriticalAlarms(load.seen, [
      record(1, 'unacknowledged', 'critical'),
      record(2, 'unacknowledged', 'critical'), // escalated
      record(3, 'returned-to-normal-unacknowledged', 'critical'), // came and went between two looks
      record(4, 'acknowledged', 'critical'),
      record(5, 'shelved', 'critical'),
      record(6, 'unacknowledged', 'warning'),
    ]);
    expect(next.fresh.map((r) => r.id)).toEqual([2, 3]);

    // Acknowledged, then raised again: a new cue.
    const acked = newCriticalAlarms(next.seen, [record(1, 'acknowledged', 'critical')]);
    expect(acked.fresh).toEqual([]);
    expect(newCriticalAlarms(acked.seen, [record(1, 'unacknowledged', 'critical')]).fresh.map((r) => r.id)).toEqual([1]);
  });
});
