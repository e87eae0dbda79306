import { describe, expect, it } from 'vitest';
import { endOfCurrentPass, parseAlarmAction, parseAlarmId, toAlarmInput } from './alarm-action-request';

const actor = { id: 'alice', role: 'operator' } as const;

describe('Realtime > alarm action requests', () => {
  it('turns each action into the state machine input with the permission it needs', () => {
    const cases = [
      [{ action: 'acknowledge', version: 3, comment: 'on it' }, 'alarm.acknowledge', { type: 'acknowledge', actor, comment: 'on it' }],
      [{ action: 'shelve', version: 3, comment: 'noisy', durationMs: 900_000 }, 'alarm.shelve', { type: 'shelve', actor, comment: 'noisy', durationMs: 900_000 }],
      [{ action: 'shelve', version: 3, comment: 'pass', untilMs: 1_795_000_000_000 }, 'alarm.shelve', { type: 'shelve', actor, comment: 'pass', untilMs: 1_795_000_000_000 }],
      [{ action: 'unshelve', version: 3 }, 'alarm.shelve', { type: 'unshelve', actor }],
      [{ action: 'assign', version: 3, assignee: 'bob' }, 'alarm.assign', { type: 'assign', actor, assignee: 'bob' }],
    ] as const;
    for (const [body, permission, input] of cases) {
      const parsed = parseAlarmAction(body);
      if (!parsed.ok) throw new Error(parsed.error);
      expect([parsed.permission, toAlarmInput(parsed.body, actor)]).toEqual([permission, input]);
    }
  });

  it('refuses unknown actions, missing versions, extra fields and oversized comments, naming the problem', () => {
    expect(parseAlarmAction({ action: 'delete', version: 1 })).toMatchObject({ ok: false, error: expect.stringMatching(/^invalid alarm action: action: /) });
    expect(parseAlarmAction({ action: 'acknowledge', comment: 'x' })).toMatchObject({ ok: false, error: expect.stringMatching(/^invalid alarm action: version: /) });
    expect(parseAlarmAction({ action: 'acknowledge', version: 1, comment: 'x', admin: true })).toMatchObject({ ok: false });
    expect(parseAlarmAction({ action: 'acknowledge', version: 1, comment: 'x'.repeat(2001) })).toMatchObject({ ok: false, error: expect.stringMatching(/comment/) });
    expect(parseAlarmAction({ action: 'shelve', version: 1, comment: 'x', durationMs: -5 })).toMatchObject({ ok: false });
    expect(parseAlarmAction('acknowledge')).toMatchObject({ ok: false });
    expect(parseAlarmAction({ action: 'shelve', version: 1, comment: 'x', durationMs: 1000, untilMs: 2000 })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/exactly one of durationMs, untilMs or untilEndOfPass/),
    });
  });

  it('accepts only positive integer alarm ids', () => {
    expect([parseAlarmId('42'), parseAlarmId('0'), parseAlarmId('-1'), parseAlarmId('4.2'), parseAlarmId('1e3'), parseAlarmId('99999999999999999')]).toEqual([
      42,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('shelves until the end of the pass under way: the route supplies its loss of signal', () => {
    const parsed = parseAlarmAction({ action: 'shelve', version: 2, comment: 'known until LOS', untilEndOfPass: true });
    if (!parsed.ok) throw new Error(parsed.error);
    expect(toAlarmInput(parsed.body, actor, 1_795_000_600_000)).toEqual({ type: 'shelve', actor, comment: 'known until LOS', untilMs: 1_795_000_600_000 });
    expect(() => toAlarmInput(parsed.body, actor)).toThrow(RangeError);
    expect(parseAlarmAction({ action: 'shelve', version: 2, comment: 'x', untilEndOfPass: true, durationMs: 1000 })).toMatchObject({ ok: false });
    expect(parseAlarmAction({ action: 'shelve', version: 2, comment: 'x', untilEndOfPass: false })).toMatchObject({ ok: false });
  });

  it('finds the end of the pass under way, and says when there is none', () => {
    const pass = (aosMs: number, losMs: number) => ({ station: 'svalbard', stationName: 'Svalbard', aosMs, losMs, maxElevationDeg: 40 });
    const statuses = [
      { id: 101, currentPass: pass(1000, 5000), nextPass: pass(90_000, 95_000) },
      { id: 102, currentPass: null, nextPass: pass(1_795_000_000_000, 1_795_000_600_000) },
    ];
    expect(endOfCurrentPass(statuses, 101, 2000)).toEqual({ ok: true, untilMs: 5000, station: 'Svalbard' });
    expect(endOfCurrentPass(statuses, 101, 5000)).toMatchObject({ ok: false });
    expect(endOfCurrentPass(statuses, 102, 2000)).toEqual({
      ok: false,
      error: 'satellite 102 has no ground-station pass under way; the next pass starts 2026-11-18T11:06:40.000Z over Svalbard: shelve for a duration instead',
    });
    expect(endOfCurrentPass(statuses, 109, 2000)).toEqual({ ok: false, error: 'satellite 109 has no pass predictions on this node' });
  });
});
