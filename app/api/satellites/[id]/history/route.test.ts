import { beforeEach, describe, expect, it } from 'vitest';
import { defaultMissionDatabase } from '@/server/domain/mission/default-mission-database';
import { demoFleet } from '@/server/domain/mission/fleet';
import { StoreUnavailableError } from '@/server/errors';
import type { SeriesRequest, SeriesResult, TelemetryHistory } from '@/server/ports/telemetry-store';
import { setRuntime } from '@/server/runtime';
import { historyResponseSchema } from '@/server/realtime/history-response';
import { createTestAuth } from '@/server/auth/testing/test-auth';
import { GET } from './route';

const answer: SeriesResult = {
  tier: 'raw',
  bucketMs: null,
  series: [
    {
      parameterId: 100, timesMs: [1000, 2000], values: [29.5, 29.6], mins: [29.5, 29.6], maxs: [29.5, 29.6],
      counts: [1, 1], periodMs: 200, gapThresholdMs: 300,
    },
  ],
};

let requests: SeriesRequest[];
let failure: Error | undefined;
let cookie: string;

beforeEach(async () => {
  requests = [];
  failure = undefined;
  const store: TelemetryHistory = {
    listSatellites: () => Promise.resolve([]),
    listAlarms: () => Promise.resolve([]),
    listAlarmEvents: () => Promise.resolve([]),
    listQuarantine: () => Promise.resolve([]),
    getSeries: (request) => {
      requests.push(request);
      return failure ? Promise.reject(failure) : Promise.resolve(answer);
    },
  };
  const testAuth = createTestAuth();
  setRuntime({ store, mdb: defaultMissionDatabase(), fleet: demoFleet(3), fleetStatus: () => [], auth: testAuth.auth, demoLogin: false, ops: () => Promise.resolve(null) });
  cookie = await testAuth.cookieFor('viewer');
});

const get = (id: string, query: string, headers: Record<string, string> = { cookie }) =>
  GET(new Request(`http://console.test/api/satellites/${id}/history?${query}`, { headers }), { params: Promise.resolve({ id }) });

describe('GET /api/satellites/[id]/history', () => {
  it('asks the store for exactly the parsed window and returns its series', async () => {
    const response = await get('101', 'parameters=100,101&from=1000&to=61000');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual(answer);
    expect(historyResponseSchema.parse(body)).toEqual(answer);
    expect(requests).toEqual([{ satelliteId: 101, parameterIds: [100, 101], fromMs: 1000, toMs: 61000, widthPx: 1000 }]);
  });

  it('passes the chart width on to the store', async () => {
    const response = await get('101', 'parameters=100&from=1000&to=61000&width=1920');
    expect(response.status).toBe(200);
    expect(requests).toEqual([{ satelliteId: 101, parameterIds: [100], fromMs: 1000, toMs: 61000, widthPx: 1920 }]);
  });

  it.each([
    ['abc', 'parameters=100&from=1000&to=61000', 'satellite id must be an integer in 0..65535'],
    ['101', 'parameters=100&from=61000&to=1000', 'from must be before to'],
    ['101', `parameters=100&from=0&to=${32 * 86_400_000}`, 'the window from..to must not exceed 31 days'],
    ['101', `parameters=${Array.from({ length: 65 }, (_, i) => 1000 + i).join(',')}&from=0&to=1`, 'at most 64 parameters per request'],
    ['101', 'parameters=100&from=1000&to=61000&width=5000', 'width must be a whole number of pixels in 32..4096'],
  ])('answers 400 for id=%s ?%s with "%s"', async (id, query, error) => {
    const response = await get(id, query);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error });
    expect(requests).toEqual([]);
  });

  it('answers 400 with the reason and never reaches the store for a parameter the mission database lacks', async () => {
    const response = await get('101', 'parameters=100,4242&from=1000&to=61000');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'unknown parameter id 4242' });
    expect(requests).toEqual([]);
  });

  it('answers 503 when the archive is unavailable', async () => {
    failure = new StoreUnavailableError('connection refused');
    const response = await get('101', 'parameters=100&from=1000&to=61000');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toEqual({ error: 'the archive is unavailable, try again shortly' });
  });

  it('answers 401 without a session, and never reaches the store', async () => {
    const response = await get('101', 'parameters=100&from=1000&to=61000', {});
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'sign in to use the console' });
    expect(requests).toEqual([]);
  });

  it('lets a programmer error propagate instead of disguising it as unavailability', async () => {
    failure = new TypeError('boom');
    await expect(get('101', 'parameters=100&from=1000&to=61000')).rejects.toThrow('boom');
  });
});
