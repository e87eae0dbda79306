import { createTestAuth } from '@/server/auth/testing/test-auth';
import { beforeEach, describe, expect, it } from 'vitest';
import { defaultMissionDatabase } from '@/server/domain/mission/default-mission-database';
import { demoFleet } from '@/server/domain/mission/fleet';
import { StoreUnavailableError } from '@/server/errors';
import type { QuarantineQuery, QuarantinedMessage, TelemetryHistory } from '@/server/ports/telemetry-store';
import { setRuntime } from '@/server/runtime';
import { GET } from './route';

const stored: QuarantinedMessage = {
  receivedAtMs: 1000,
  stage: 'processor',
  reason: 'crc-mismatch',
  detail: 'CRC 0xbeef does not match computed 0xbeee',
  satelliteId: 101,
  apid: 288,
  topic: 'telemetry.quarantine',
  partition: 0,
  offset: '3',
  origin: { topic: 'telemetry.raw.thermal', partition: 1, offset: '40' },
  payloadHex: '0d20beef',
  payloadLength: 4,
};

let queries: QuarantineQuery[];
const testAuth = createTestAuth();
let cookie: string;
let failure: Error | undefined;

beforeEach(async () => {
  queries = [];
  failure = undefined;
  const store: TelemetryHistory = {
    listSatellites: () => Promise.resolve([]),
    listAlarms: () => Promise.resolve([]),
    listAlarmEvents: () => Promise.resolve([]),
    getSeries: () => Promise.resolve({ tier: 'raw', bucketMs: null, series: [] }),
    listQuarantine: (query) => {
      queries.push(query);
      return failure ? Promise.reject(failure) : Promise.resolve([stored]);
    },
  };
  setRuntime({ store, mdb: defaultMissionDatabase(), fleet: demoFleet(3), fleetStatus: () => [], ops: () => Promise.resolve(null), auth: testAuth.auth, demoLogin: false });
  cookie = await testAuth.cookieFor('operator');
});

const get = (query: string) => GET(new Request(`http://console.test/api/ops/quarantine${query}`, { headers: { cookie } }));

describe('GET /api/ops/quarantine', () => {
  it('returns the newest quarantined messages, 20 with 256 payload bytes each unless told', async () => {
    const response = await get('');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ messages: [stored] });
    expect((await get('?limit=100')).status).toBe(200);
    expect(queries).toEqual([
      { limit: 20, payloadBytes: 256 },
      { limit: 100, payloadBytes: 256 },
    ]);
  });

  it.each([
    ['?limit=0', 'limit must be a whole number 1..100, got "0"'],
    ['?limit=101', 'limit must be a whole number 1..100, got "101"'],
    ['?limit=2.5', 'limit must be a whole number 1..100, got "2.5"'],
    ['?limit=', 'limit must be a whole number 1..100, got ""'],
    ['?since=5', 'unknown parameter "since": use limit'],
  ])('refuses %s with 400 naming the problem, without reading the archive', async (query, error) => {
    const response = await get(query);
    expect([response.status, await response.json()]).toEqual([400, { error }]);
    expect(queries).toEqual([]);
  });

  it('answers 503 with retry-after while the archive is unreachable', async () => {
    failure = new StoreUnavailableError('connection refused');
    const response = await get('?limit=5');
    expect([response.status, response.headers.get('retry-after'), await response.json()]).toEqual([503, '5', { error: 'the archive is unavailable, try again shortly' }]);
  });
});
