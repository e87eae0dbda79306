import { describe, expect, it } from 'vitest';
import { HISTORY_QUERY_ERRORS, parseHistoryQuery } from './history-query';

const known = new Set([1, 2, 100, 101, 1000]);
const isKnown = (id: number) => known.has(id);
const parse = (id: string, query: string) => parseHistoryQuery({ id, search: new URLSearchParams(query) }, isKnown);

const DAY_MS = 24 * 60 * 60 * 1000;

describe('Realtime > HistoryQuery > #parseHistoryQuery', () => {
  it('returns the exact SeriesRequest for accepted input, without duplicate ids', () => {
    expect(parse('101', 'parameters=100,101,100&from=1795000000000&to=1795000600000')).toEqual({
      ok: true,
      request: { satelliteId: 101, parameterIds: [100, 101], fromMs: 1_795_000_000_000, toMs: 1_795_000_600_000, widthPx: 1000 },
    });
  });

  it('refuses a parameter it does not know, naming it', () => {
    expect(parse('101', 'parameters=1&from=0&to=60000&tier=raw')).toEqual({ ok: false, error: 'unknown parameter "tier": use parameters, from, to, width' });
  });

  it('accepts a window of exactly 31 days', () => {
    expect(parse('0', `parameters=1&from=0&to=${31 * DAY_MS}`)).toEqual({
      ok: true,
      request: { satelliteId: 0, parameterIds: [1], fromMs: 0, toMs: 31 * DAY_MS, widthPx: 1000 },
    });
  });

  it('takes the chart width in pixels, 32 to 4096, 1000 when absent', () => {
    const widthOf = (query: string) => {
      const result = parse('101', `parameters=1&from=0&to=60000${query}`);
      return result.ok ? result.request.widthPx : result.error;
    };
    expect([widthOf(''), widthOf('&width=32'), widthOf('&width=1920'), widthOf('&width=4096')]).toEqual([1000, 32, 1920, 4096]);
  });

  it.each([
    ['abc', 'parameters=1&from=0&to=1', 'satellite id must be an integer in 0..65535'],
    ['65536', 'parameters=1&from=0&to=1', 'satellite id must be an integer in 0..65535'],
    ['-1', 'parameters=1&from=0&to=1', 'satellite id must be an integer in 0..65535'],
    ['101', 'from=0&to=1', 'parameters must be a comma-separated list of parameter ids, e.g. parameters=100,101'],
    ['101', 'parameters=1,,2&from=0&to=1', 'parameters must be a comma-separated list of parameter ids, e.g. parameters=100,101'],
    ['101', 'parameters=1&to=1', 'from must be an epoch time in milliseconds'],
    ['101', 'parameters=1&from=1.5&to=2', 'from must be an epoch time in milliseconds'],
    ['101', 'parameters=1&from=0&to=yesterday', 'to must be an epoch time in milliseconds'],
    ['101', 'parameters=1&from=5000&to=5000', 'from must be before to'],
    ['101', 'parameters=1&from=6000&to=5000', 'from must be before to'],
    ['101', `parameters=1&from=0&to=${31 * DAY_MS + 1}`, 'the window from..to must not exceed 31 days'],
    ['101', 'parameters=1,2,999&from=0&to=1', 'unknown parameter id 999'],
    ['101', 'parameters=1&from=0&to=1&width=31', 'width must be a whole number of pixels in 32..4096'],
    ['101', 'parameters=1&from=0&to=1&width=4097', 'width must be a whole number of pixels in 32..4096'],
    ['101', 'parameters=1&from=0&to=1&width=800.5', 'width must be a whole number of pixels in 32..4096'],
    ['101', 'parameters=1&from=0&to=1&width=', 'width must be a whole number of pixels in 32..4096'],
    ['101', 'parameters=1&from=0&to=1&width=-800', 'width must be a whole number of pixels in 32..4096'],
  ])('rejects id=%s ?%s with "%s"', (id, query, message) => {
    expect(parse(id, query)).toEqual({ ok: false, error: message });
  });

  it('rejects more than 64 parameters before looking any of them up', () => {
    const ids = Array.from({ length: 65 }, (_, i) => i + 1).join(',');
    expect(parse('101', `parameters=${ids}&from=0&to=1`)).toEqual({ ok: false, error: HISTORY_QUERY_ERRORS.tooManyParameters });
    expect(HISTORY_QUERY_ERRORS.tooManyParameters).toBe('at most 64 parameters per request');
  });
});
