/**
 * GET /api/passes against a real TimescaleDB. A pass of satellite 101 over
 * Svalbard is written through the archiver's own mapping and store
 * (archiveRecord → archiveBatch): its AOS and LOS events, every simulator
 * packet sent through the station during it (less a 3-second dropout), the
 * relay's packets around it, and alerts raised inside and outside it. The
 * route must report exactly what was written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '@/db/testing/test-database';
import { PostgresTelemetryStore } from '@/server/adapters/postgres/postgres-telemetry-store';
import { createTestAuth } from '@/server/auth/testing/test-auth';
import type { Alert } from '@/server/domain/alert';
import type { GroundStationEvent } from '@/server/domain/ground-station-event';
import { defaultMissionDatabase } from '@/server/domain/mission/default-mission-database';
import { demoFleet } from '@/server/domain/mission/fleet';
import { passIdOf } from '@/server/domain/orbit/pass-predictor';
import type { ConsumedMessage } from '@/server/ports/bus';
import { passesResponseSchema } from '@/server/realtime/passes-response';
import { setRuntime } from '@/server/runtime';
import { FleetSimulator } from '@/server/sim/fleet-simulator';
import { HEADERS, TOPICS, type Topic } from '@/server/topics';
import { archiveRecord } from '@/server/worker/archive-record';
import { GET } from './route';

const mdb = defaultMissionDatabase();
const fleet = demoFleet(1);
const T0 = Date.UTC(2026, 0, 1, 6);
const AOS = T0 + 60_000;
const LOS = T0 + 180_000;
const DROPOUT = { fromMs: T0 + 100_000, toMs: T0 + 103_000 };
const PASS_ID = passIdOf('svalbard', 101, AOS);

let db: TestDatabase;
let cookie: string;
const written = { packets: 0, bytes: 0, firstMs: Infinity, lastMs: -Infinity, beforeDropoutMs: -Infinity, afterDropoutMs: Infinity };

function consumed(topic: Topic, offset: number, value: Buffer, headers: Record<string, string> = {}, timestampMs = T0): ConsumedMessage {
  return { topic, partition: 0, offset: String(offset), key: '101', value, headers, timestampMs };
}

beforeAll(async () => {
  db = await startTestDatabase();
  const store = new PostgresTelemetryStore(db.pool);
  const sim = new FleetSimulator({ mdb, fleet, seed: 5, startTimeMs: T0 });
  const { packets } = sim.advance(T0 + 240_000);
  const byTopic = new Map<Topic, ConsumedMessage[]>();
  const add = (m: ConsumedMessage) => byTopic.set(m.topic as Topic, [...(byTopic.get(m.topic as Topic) ?? []), m]);
  for (const p of packets) {
    const arrivalMs = p.transmitTimeMs + 40;
    if (arrivalMs >= DROPOUT.fromMs && arrivalMs < DROPOUT.toMs) continue;
    const inPass = arrivalMs >= AOS && arrivalMs <= LOS;
    const station = inPass ? 'svalbard' : 'relay';
    const topic = mdb.latestLayout(p.apid)!.topic!;
    add(consumed(topic, byTopic.get(topic)?.length ?? 0, Buffer.from(p.bytes), { [HEADERS.arrivalMs]: String(arrivalMs), [HEADERS.groundStation]: station }));
    if (inPass && p.satelliteId === 101) {
      written.packets++;
      written.bytes += p.bytes.length;
      written.firstMs = Math.min(written.firstMs, arrivalMs);
      written.lastMs = Math.max(written.lastMs, arrivalMs);
      if (arrivalMs < DROPOUT.fromMs) written.beforeDropoutMs = Math.max(written.beforeDropoutMs, arrivalMs);
      else written.afterDropoutMs = Math.min(written.afterDropoutMs, arrivalMs);
    }
  }
  const events: GroundStationEvent[] = [
    { type: 'aos', satelliteId: 101, station: 'svalbard', timeMs: AOS, passId: PASS_ID, azimuthDeg: 12, predictedLosMs: LOS },
    { type: 'los', satelliteId: 101, station: 'svalbard', timeMs: LOS, passId: PASS_ID, azimuthDeg: 171, maxElevationDeg: 38.25 },
  ];
  events.forEach((e, i) => add(consumed(TOPICS.groundStationEvents, i, Buffer.from(JSON.stringify(e)))));
  const alert = (id: string, kind: Alert['kind'], severity: Alert['severity'], atMs: number, satelliteId = 101): Alert => ({
    id, ruleId: 'limit', satelliteId, subject: 'power.battery_voltage', kind, severity, windowStartMs: atMs, windowEndMs: atMs, value: 1, threshold: 0, message: id,
  });
  [
    alert('inside-warning', 'raised', 'warning', T0 + 70_000),
    alert('inside-critical', 'raised', 'critical', T0 + 150_000),
    alert('inside-cleared', 'cleared', 'warning', T0 + 160_000),
    alert('before-pass', 'raised', 'critical', T0 + 30_000),
    alert('other-satellite', 'raised', 'critical', T0 + 90_000, 102),
  ].forEach((a, i) => add(consumed(TOPICS.alerts, i, Buffer.from(JSON.stringify(a)))));
  for (const [topic, messages] of byTopic) {
    await store.archiveBatch({ consumerGroup: 'passes-test', topic, partition: 0, messages: messages.map((m) => archiveRecord(mdb, m)) });
  }
  const auth = createTestAuth();
  cookie = await auth.cookieFor('viewer');
  setRuntime({ store, mdb, fleet, fleetStatus: () => [], auth: auth.auth, demoLogin: false, ops: () => Promise.resolve(null), passArchive: store });
}, 120_000);
afterAll(() => db?.stop());

const get = (query: string) => GET(new Request(`http://console.test/api/passes?${query}`, { headers: { cookie } }));

describe('GET /api/passes', () => {
  it('reports the recorded pass with exactly the packets, bytes, gaps and alarms written during it', async () => {
    const response = await get(`satellite=101&station=svalbard&from=${new Date(T0).toISOString()}&to=${new Date(T0 + 300_000).toISOString()}`);
    expect(response.status).toBe(200);
    const body = passesResponseSchema.parse(await response.json());
    const pass = body.passes.find((p) => p.passId === PASS_ID)!;
    expect(written.packets).toBeGreaterThan(1000);
    expect(pass).toEqual({
      passId: PASS_ID,
      satelliteId: 101,
      satelliteName: 'PERIGEE-1',
      station: 'svalbard',
      stationName: 'Svalbard (SvalSat)',
      aosMs: AOS,
      losMs: LOS,
      durationMs: 120_000,
      maxElevationDeg: 38.25,
      status: 'past',
      source: 'recorded',
      telemetry: {
        packets: written.packets,
        bytes: written.bytes,
        // The dropout, and nothing else: packets flow every 100 ms or faster from AOS to LOS.
        gaps: [{ fromMs: written.beforeDropoutMs, toMs: written.afterDropoutMs }],
        alarmsRaised: 2,
        worstSeverity: 'critical',
      },
    });
    expect(body.gapThresholdMs).toBe(500);
    expect(written.firstMs - AOS).toBeLessThan(500);
    expect(LOS - written.lastMs).toBeLessThan(500);
  });

  it('refuses an unknown station, a reversed window and an over-long one with the reason', async () => {
    const reason = async (query: string) => {
      const response = await get(query);
      return [response.status, (await response.json()).error];
    };
    expect(await reason('station=atlantis')).toEqual([400, 'station must be the id of a ground station']);
    expect(await reason('satellite=999')).toEqual([400, 'satellite must be the id of a satellite of the fleet']);
    expect(await reason(`from=${T0 + 1000}&to=${T0}`)).toEqual([400, 'from must be before to']);
    expect(await reason(`from=${T0}&to=${T0 + 8 * 86_400_000}`)).toEqual([400, 'the window from..to must not exceed 7 days']);
  });
});
