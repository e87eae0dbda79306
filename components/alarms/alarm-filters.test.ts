import { describe, expect, it } from 'vitest';
import { newAlarm, type Alarm } from '@/server/domain/alarms/alarm';
import type { AlarmRecord } from '@/server/ports/telemetry-store';
import { alarmFiltersToSearch, filterAlarms, needsAcknowledgement, parseAlarmFilters, sortAlarms, subsystemOf } from './alarm-filters';

const record = (id: number, satelliteId: number, ruleId: string, subject: string, state: Alarm['state'], severity: Alarm['severity'], lastMs: number): AlarmRecord => ({
  id,
  version: 1,
  alarm: { ...newAlarm({ satelliteId, ruleId, subject }), state, severity, highestSeverity: severity, lastOccurrenceMs: lastMs },
});

const alarms = [
  record(1, 101, 'limit', 'thermal.node_000', 'acknowledged', 'critical', 5),
  record(2, 101, 'thermal-overtemperature', 'thermal.node_012', 'unacknowledged', 'critical', 3),
  record(3, 102, 'attitude-deviation', 'attitude', 'unacknowledged', 'warning', 9),
  record(4, 102, 'limit', 'power.battery_voltage', 'shelved', 'warning', 8),
  record(5, 103, 'limit', 'power.battery_current', 'normal', 'warning', 7),
  record(6, 101, 'limit', 'thermal.node_001', 'unacknowledged', 'critical', 4),
];

describe('Alarms page > filters', () => {
  it('reads filters from the URL, ignoring what it does not know, and writes back only those set', () => {
    const filters = parseAlarmFilters(new URLSearchParams('satellite=101&subsystem=thermal&severity=critical&state=unacknowledged,bogus,unacknowledged&alarm=7'));
    expect(filters).toEqual({ satelliteId: 101, subsystem: 'thermal', severity: 'critical', states: ['unacknowledged'] });
    expect(alarmFiltersToSearch(filters, { alarm: '7' })).toBe('satellite=101&subsystem=thermal&severity=critical&state=unacknowledged&alarm=7');
    expect(parseAlarmFilters(new URLSearchParams('satellite=abc&severity=fatal&subsystem=Thermal!'))).toEqual({ satelliteId: null, subsystem: null, severity: null, states: null });
    expect(alarmFiltersToSearch({ satelliteId: null, subsystem: null, severity: null, states: ['shelved', 'normal'] })).toBe('state=shelved,normal');
  });

  it('takes the subsystem from the parameter name, or the rule’s own subject', () => {
    expect(alarms.map(subsystemOf)).toEqual(['thermal', 'thermal', 'attitude', 'power', 'power', 'thermal']);
  });

  it('shows what needs attention and what was shelved by default, narrowed by satellite, subsystem and severity', () => {
    const none = { satelliteId: null, subsystem: null, severity: null, states: null };
    expect(filterAlarms(alarms, none).map((r) => r.id)).toEqual([1, 2, 3, 4, 6]);
    expect(filterAlarms(alarms, { ...none, satelliteId: 101, subsystem: 'thermal', severity: 'critical' }).map((r) => r.id)).toEqual([1, 2, 6]);
    expect(filterAlarms(alarms, { ...none, states: ['normal'] }).map((r) => r.id)).toEqual([5]);
    expect(filterAlarms(alarms, { ...none, subsystem: 'power' }).map((r) => r.id)).toEqual([4]);
  });

  it('sorts what needs acknowledging first, then severity, then the latest occurrence', () => {
    expect(sortAlarms(alarms).map((r) => r.id)).toEqual([6, 2, 3, 1, 4, 5]);
    expect(alarms.filter(needsAcknowledgement).map((r) => r.id)).toEqual([2, 3, 6]);
  });
});
