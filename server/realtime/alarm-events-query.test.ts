import { describe, expect, it } from 'vitest';
import { MAX_ALARM_EVENTS, parseAlarmEventsQuery } from './alarm-events-query';

describe('alarm events query', () => {
  it('reads a satellite and a window', () => {
    expect(parseAlarmEventsQuery('101', new URLSearchParams('from=1000&to=601000'))).toEqual({
      ok: true,
      query: { satelliteId: 101, fromMs: 1000, toMs: 601000, limit: MAX_ALARM_EVENTS },
    });
  });

  it('names what is wrong', () => {
    const cases: [string, string, RegExp][] = [
      ['101', 'from=1000', /to must be an epoch/],
      ['101', 'to=1000', /from must be an epoch/],
      ['101', 'from=2000&to=1000', /from must be before to/],
      ['101', `from=0&to=${32 * 86_400_000}`, /31 days/],
      ['101', 'from=-5&to=1000', /from must be an epoch/],
      ['101', "from=1&to=2&satellite=1'; DROP TABLE alarms", /unknown parameter "satellite"/],
      ['70000', 'from=1&to=2', /satellite id/],
      ['abc', 'from=1&to=2', /satellite id/],
    ];
    for (const [id, query, error] of cases) {
      const parsed = parseAlarmEventsQuery(id, new URLSearchParams(query));
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(error);
    }
  });
});
