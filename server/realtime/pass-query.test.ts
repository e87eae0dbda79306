import { describe, expect, it } from 'vitest';
import { demoFleet } from '../domain/mission/fleet';
import { parsePassQuery } from './pass-query';

const fleet = demoFleet(3);
const NOW = Date.UTC(2026, 0, 1, 12);
const H = 3_600_000;
const parse = (query: string) => parsePassQuery(new URLSearchParams(query), fleet, NOW);

describe('Passes > parsePassQuery', () => {
  it('defaults to the 12 hours either side of now, or of the one end given', () => {
    expect(parse('')).toEqual({ ok: true, filter: { fromMs: NOW - 12 * H, toMs: NOW + 12 * H } });
    expect(parse('from=2026-01-01T00:00:00Z')).toEqual({ ok: true, filter: { fromMs: Date.UTC(2026, 0, 1), toMs: Date.UTC(2026, 0, 1) + 12 * H } });
    expect(parse(`to=${NOW}`)).toEqual({ ok: true, filter: { fromMs: NOW - 12 * H, toMs: NOW } });
  });

  it('takes a satellite and station of the fleet, and ISO or epoch-ms times', () => {
    expect(parse(`satellite=102&station=svalbard&from=2026-01-01T06:00:00Z&to=${NOW}`)).toEqual({
      ok: true,
      filter: { satelliteId: 102, station: 'svalbard', fromMs: Date.UTC(2026, 0, 1, 6), toMs: NOW },
    });
  });

  it('says what is wrong', () => {
    expect(parse('satellite=abc')).toEqual({ ok: false, error: 'satellite must be the id of a satellite of the fleet' });
    expect(parse('station=Svalbard')).toEqual({ ok: false, error: 'station must be the id of a ground station' });
    expect(parse('from=2026-01-01')).toEqual({ ok: false, error: 'from must be an ISO-8601 time with a zone (2026-01-01T06:00:00Z) or epoch milliseconds' });
  });
});
