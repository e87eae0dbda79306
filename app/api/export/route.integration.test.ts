/**
 * GET /api/export against a real TimescaleDB: samples written through the
 * archive's own path (archiveBatch) are exported as CSV, and every row must
 * equal what the samples table holds — times to the microsecond, values as
 * the database prints them — with units in the header and bad input refused
 * with its reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '@/db/pool';
import { startTestDatabase, type TestDatabase } from '@/db/testing/test-database';
import { PostgresTelemetryStore } from '@/server/adapters/postgres/postgres-telemetry-store';
import { createTestAuth } from '@/server/auth/testing/test-auth';
import { secondTierParameterIds } from '@/server/domain/aggregation/series-tier';
import { defaultMissionDatabase } from '@/server/domain/mission/default-mission-database';
import { demoFleet } from '@/server/domain/mission/fleet';
import type { SampleRecord } from '@/server/ports/telemetry-store';
import { setRuntime } from '@/server/runtime';
import { GET } from './route';
import { sampleColumns } from '../../../server/ports/sample-columns';

const mdb = defaultMissionDatabase();
const T0 = Date.UTC(2026, 0, 1, 6);
const Q0 = mdb.parameter('attitude.q0')!.id;
const Q1 = mdb.parameter('attitude.q1')!.id;
const VOLTS = mdb.parameter('power.battery_voltage')!.id;
const SPAN_MS = 120_000;

let db: TestDatabase;
let store: PostgresTelemetryStore;
let cookie: string;

function generate(): SampleRecord[] {
  const samples: SampleRecord[] = [];
  // q0 and q1 at 10 Hz on the same onboard times (one packet), with a 4-second outage; volts at 5 Hz, 37.5 µs later.
  for (let i = 0; i < SPAN_MS / 100; i++) {
    const timeMs = T0 + i * 100 + 0.004;
    if (timeMs >= T0 + 50_000 && timeMs < T0 + 54_000) continue;
    samples.push({ timeMs, satelliteId: 101, parameterId: Q0, value: Math.cos(i / 77) / 3, rawValue: i, quality: 0 });
    samples.push({ timeMs, satelliteId: 101, parameterId: Q1, value: Math.sin(i / 77) * 0.1, rawValue: i, quality: 0 });
  }
  for (let i = 0; i < SPAN_MS / 200; i++) {
    samples.push({ timeMs: T0 + i * 200 + 0.0375, satelliteId: 101, parameterId: VOLTS, value: 27.9 + (i % 17) * 0.013, rawValue: i, quality: 0 });
  }
  // Another satellite's samples at the same times must not leak into the export.
  samples.push({ timeMs: T0 + 100.004, satelliteId: 102, parameterId: Q0, value: 0.5, rawValue: 0, quality: 0 });
  return samples;
}

beforeAll(async () => {
  db = await startTestDatabase();
  store = new PostgresTelemetryStore(db.pool, { secondTierParameterIds: secondTierParameterIds(mdb) });
  const samples = generate();
  for (let i = 0, offset = 0; i < samples.length; i += 1000, offset++) {
    await store.archiveBatch({ consumerGroup: 'export-test', topic: 'telemetry.samples', partition: 0, messages: [{ offset: String(offset), samples: sampleColumns(samples.slice(i, i + 1000)) }] });
  }
  const auth = createTestAuth();
  cookie = await auth.cookieFor('viewer');
  setRuntime({
    store, mdb, fleet: demoFleet(3), fleetStatus: () => [], auth: auth.auth, demoLogin: false, ops: () => Promise.resolve(null),
    telemetryExport: store, exportMaxRows: 2000,
  });
}, 120_000);
afterAll(() => db?.stop());

const get = (query: string) => GET(new Request(`http://console.test/api/export?${query}`, { headers: { cookie } }));

/** The rows as the database holds them, pivoted here: one per onboard time, a column per parameter. */
async function expectedRows(ids: number[], fromMs: number, toMs: number): Promise<string[]> {
  const { rows } = await db.pool.query<{ time: string; parameter_id: number; value: string }>(
    `SELECT to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS time, parameter_id, value::text AS value
       FROM samples WHERE satellite_id = 101 AND parameter_id = ANY($1) AND ts >= to_timestamp($2 / 1000.0) AND ts <= to_timestamp($3 / 1000.0)
      ORDER BY ts, parameter_id`,
    [ids, fromMs, toMs],
  );
  const byTime = new Map<string, Map<number, string>>();
  for (const r of rows) {
    if (!byTime.has(r.time)) byTime.set(r.time, new Map());
    byTime.get(r.time)!.set(r.parameter_id, r.value);
  }
  return [...byTime].map(([time, values]) => [time, ...ids.map((id) => values.get(id) ?? '')].join(','));
}

describe('GET /api/export (CSV)', () => {
  it('streams every sample of the window exactly as stored, a column per parameter with its unit', async () => {
    const from = new Date(T0 + 45_000).toISOString();
    const to = new Date(T0 + 70_000).toISOString();
    const response = await get(`satellite=101&params=attitude.q0,${Q1},power.battery_voltage&from=${from}&to=${to}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await response.text()).split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe('time,attitude.q0,attitude.q1,power.battery_voltage [V]');
    const expected = await expectedRows([Q0, Q1, VOLTS], T0 + 45_000, T0 + 70_000);
    // 25 s: q0/q1 at 10 Hz less the 4 s outage, volts at 5 Hz on their own times.
    expect(expected).toHaveLength(210 + 125);
    expect(lines.slice(1)).toEqual(expected);
    expect(lines[1]).toMatch(/^2026-01-01T06:00:45\.000004Z,-?0\.\d+,-?0\.\d+,$/);
  });

  it('reads the window slice by slice rather than all at once', async () => {
    const batches: number[] = [];
    for await (const batch of store.exportRows({ satelliteId: 101, parameterIds: [Q0], fromMs: T0, toMs: T0 + 10_000 }, 3000)) batches.push(batch.length);
    expect(batches).toEqual([30, 30, 30, 10]);
  });

  it('refuses bad input with the reason, and a window over the row limit before streaming', async () => {
    const window = `from=${new Date(T0).toISOString()}&to=${new Date(T0 + 60_000).toISOString()}`;
    const reason = async (query: string) => {
      const response = await get(query);
      return [response.status, (await response.json()).error];
    };
    expect(await reason(`satellite=101&params=attitude.q9&${window}`)).toEqual([400, 'unknown parameter "attitude.q9"']);
    expect(await reason(`satellite=101&params=attitude.q0&from=yesterday&to=${T0}`)).toEqual([
      400, 'from must be an ISO-8601 time with a zone (2026-01-01T06:00:00Z) or epoch milliseconds',
    ]);
    expect(await reason(`satellite=101&params=attitude.q0&from=${T0 + 1000}&to=${T0}`)).toEqual([400, 'from must be before to']);
    expect(await reason(`satellite=101&params=attitude.q0&${window}&format=parquet`)).toEqual([400, 'format must be csv (Parquet is not offered)']);
    expect(await reason(`params=attitude.q0&${window}`)).toEqual([400, 'satellite must be a spacecraft id in 0..65535']);
    // 10 Hz for 5 minutes could be 3,001 rows; the limit here is 2,000.
    expect(await reason(`satellite=101&params=attitude.q0&from=${T0}&to=${T0 + 300_000}`)).toEqual([
      400, 'the window could hold 3001 rows, more than the export limit of 2000: choose a shorter window or fewer packets\' parameters',
    ]);
  });

  it('answers 503 with the reason when the archive cannot be read, before any CSV is sent', async () => {
    // A real store on a server that is not there: nothing listens on port 1.
    const deadPool = createPool({ url: 'postgres://perigee@127.0.0.1:1/perigee', max: 1, connectionTimeoutMillis: 2000 });
    const auth = createTestAuth();
    const deadStore = new PostgresTelemetryStore(deadPool);
    setRuntime({ store: deadStore, mdb, fleet: demoFleet(3), fleetStatus: () => [], auth: auth.auth, demoLogin: false, ops: () => Promise.resolve(null), telemetryExport: deadStore });
    try {
      const response = await GET(
        new Request(`http://console.test/api/export?satellite=101&params=attitude.q0&from=${T0}&to=${T0 + 1000}`, { headers: { cookie: await auth.cookieFor('viewer') } }),
      );
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ error: 'the archive is unavailable, try again shortly' });
    } finally {
      await deadPool.end();
      setRuntime({ store, mdb, fleet: demoFleet(3), fleetStatus: () => [], auth: auth.auth, demoLogin: false, ops: () => Promise.resolve(null), telemetryExport: store });
    }
  });

  it('answers 401 without a session', async () => {
    const response = await GET(new Request(`http://console.test/api/export?satellite=101&params=attitude.q0&from=${T0}&to=${T0 + 1000}`));
    expect(response.status).toBe(401);
  });
});
