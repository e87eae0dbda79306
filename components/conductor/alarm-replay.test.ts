import { describe, expect, it } from 'vitest';
import type { AlarmEventRecord } from '@/server/ports/telemetry-store';
import { alarmMarkers, alarmsActiveAt } from './alarm-replay';

const event = (subject: string, kind: AlarmEventRecord['kind'], severity: AlarmEventRecord['severity'], atMs: number): AlarmEventRecord => ({
  alertId: `${subject}:${atMs}`,
  ruleId: subject.startsWith('thermal') ? 'thermal-max-10s' : 'attitude-deviation-5s',
  subject,
  kind,
  severity,
  atMs,
  value: 90,
  threshold: 85,
  message: `${subject} ${kind}`,
});

// node_1 active before the window until 50 s; attitude warning from 5 s, critical from 20 s, cleared at 40 s.
const EVENTS = [
  event('thermal.node_1', 'raised', 'critical', -20_000),
  event('attitude', 'raised', 'warning', 5_000),
  event('attitude', 'raised', 'critical', 20_000),
  event('attitude', 'cleared', 'warning', 40_000),
  event('thermal.node_1', 'cleared', 'critical', 50_000),
];

describe('alarm replay', () => {
  it('knows which alarms were active at any moment, worst and newest first', () => {
    expect(alarmsActiveAt(EVENTS, 0).map((a) => a.subject)).toEqual(['thermal.node_1']);
    expect(alarmsActiveAt(EVENTS, 5_000).map((a) => [a.subject, a.severity])).toEqual([
      ['thermal.node_1', 'critical'],
      ['attitude', 'warning'],
    ]);
    expect(alarmsActiveAt(EVENTS, 25_000).map((a) => [a.subject, a.severity, a.sinceMs])).toEqual([
      ['attitude', 'critical', 20_000],
      ['thermal.node_1', 'critical', -20_000],
    ]);
    expect(alarmsActiveAt(EVENTS, 45_000).map((a) => a.subject)).toEqual(['thermal.node_1']);
    expect(alarmsActiveAt(EVENTS, 60_000)).toEqual([]);
    expect(alarmsActiveAt(EVENTS, -30_000)).toEqual([]);
  });

  it('marks every raise inside the window', () => {
    expect(alarmMarkers(EVENTS, 0, 60_000).map((m) => [m.atMs, m.severity])).toEqual([
      [5_000, 'warning'],
      [20_000, 'critical'],
    ]);
    expect(alarmMarkers(EVENTS, 0, 60_000)[0]).toEqual({ atMs: 5_000, severity: 'warning', label: 'warning attitude: attitude raised', count: 1 });
  });

  it('draws raises too close to tell apart on the bar as one marker, at the first, with the worst severity', () => {
    const close = [event('attitude', 'raised', 'warning', 10_000), event('thermal.node_1', 'raised', 'critical', 10_200), event('thermal.node_2', 'raised', 'warning', 10_400)];
    // A 10-minute window: markers within 3 s (1/200 of it) merge.
    expect(alarmMarkers(close, 0, 600_000)).toEqual([{ atMs: 10_000, severity: 'critical', label: 'warning attitude: attitude raised (+2 more)', count: 3 }]);
    // A 1-minute window tells them apart (300 ms).
    expect(alarmMarkers(close, 0, 60_000).map((m) => m.atMs)).toEqual([10_000, 10_400]);
  });
});
