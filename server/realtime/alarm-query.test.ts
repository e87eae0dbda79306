import { describe, expect, it } from 'vitest';
import { parseAlarmQuery } from './alarm-query';

const parse = (query: string) => parseAlarmQuery(new URLSearchParams(query));

describe('Realtime > parseAlarmQuery', () => {
  it('defaults to every satellite and the states needing attention', () => {
    expect(parse('')).toEqual({ ok: true, query: { states: ['unacknowledged', 'acknowledged', 'returned-to-normal-unacknowledged'] } });
  });

  it('narrows to a satellite and to given states, once each', () => {
    expect(parse('satellite=101&state=shelved,unacknowledged,shelved')).toEqual({ ok: true, query: { satelliteId: 101, states: ['shelved', 'unacknowledged'] } });
  });

  it('refuses bad ids, unknown states and unknown parameters, naming them', () => {
    expect(parse('satellite=abc')).toEqual({ ok: false, error: 'satellite must be a spacecraft id 0..65535, got "abc"' });
    expect(parse('satellite=70000')).toEqual({ ok: false, error: 'satellite must be a spacecraft id 0..65535, got "70000"' });
    expect(parse('state=panic')).toMatchObject({ ok: false, error: expect.stringMatching(/^unknown state "panic": one of normal, unacknowledged/) });
    expect(parse('sat=101')).toEqual({ ok: false, error: 'unknown parameter "sat": use satellite and state' });
  });
});
