import { describe, expect, it } from 'vitest';
import { defaultMissionDatabase } from '@/server/domain/mission/default-mission-database';
import { demoFleet } from '@/server/domain/mission/fleet';
import { OpsMonitor } from '@/server/observability/ops-monitor';
import { PerigeeMetrics } from '@/server/observability/perigee-metrics';
import type { TelemetryHistory } from '@/server/ports/telemetry-store';
import { setRuntime, type PerigeeRuntime } from '@/server/runtime';
import { createTestAuth } from '@/server/auth/testing/test-auth';
import { GET } from './route';

const store = {} as TelemetryHistory;
const testAuth = createTestAuth();
const runtime = (ops: PerigeeRuntime['ops']) =>
  setRuntime({ store, mdb: defaultMissionDatabase(), fleet: demoFleet(3), fleetStatus: () => [], ops, auth: testAuth.auth, demoLogin: false });
const get = async (role: 'viewer' | 'operator' = 'operator') =>
  GET(new Request('http://console.test/api/ops', { headers: { cookie: await testAuth.cookieFor(role) } }));

describe('GET /api/ops', () => {
  it("returns the node's latest snapshot with the lag history", async () => {
    const nowMs = 50_000;
    const metrics = new PerigeeMetrics({ processMetrics: false, nowMs: () => nowMs });
    metrics.recordLag('perigee-archiver', {
      topic: 'telemetry.raw.power',
      partition: 0,
      highWatermark: '10',
      messages: [{ topic: 'telemetry.raw.power', partition: 0, offset: '6', key: null, value: Buffer.alloc(0), headers: {}, timestampMs: 48_500 }],
    });
    const monitor = new OpsMonitor({ metrics, nowMs: () => nowMs });
    runtime(() => monitor.view());
    const response = await get();
    expect([response.status, response.headers.get('cache-control')]).toEqual([200, 'no-store']);
    const body = await response.json();
    expect(body.snapshot.groups.map((g: { group: string; lagMessages: number; lagSeconds: number }) => [g.group, g.lagMessages, g.lagSeconds])).toEqual([
      ['perigee-archiver', 3, 1.5],
    ]);
    expect(body.history).toEqual({ atMs: [50_000], groups: { 'perigee-archiver': { lagMessages: [3], lagSeconds: [1.5] } } });
  });

  it('answers 503 on a node that keeps no metrics', async () => {
    runtime(() => Promise.resolve(null));
    const response = await get();
    expect([response.status, await response.json()]).toEqual([503, { error: 'this node keeps no metrics' }]);
  });

  it('is for operators and admins: a viewer gets 403, nobody signed in 401', async () => {
    runtime(() => Promise.resolve(null));
    expect((await get('viewer')).status).toBe(403);
    expect((await GET(new Request('http://console.test/api/ops'))).status).toBe(401);
  });
});
