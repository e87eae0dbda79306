import { describe, expect, it } from 'vitest';
import { demoFleet } from '../domain/mission/fleet';
import { StoreUnavailableError } from '../errors';
import type { SatelliteSummary, TelemetryHistory } from '../ports/telemetry-store';
import { getFleetOverview } from './fleet-overview';

const storeSeeing = (summaries: SatelliteSummary[] | Error): TelemetryHistory => ({
  listSatellites: () => (summaries instanceof Error ? Promise.reject(summaries) : Promise.resolve(summaries)),
  listAlarms: () => Promise.resolve([]),
  listAlarmEvents: () => Promise.resolve([]),
  listQuarantine: () => Promise.resolve([]),
  getSeries: () => Promise.reject(new Error('not used')),
});

describe('Realtime > FleetOverview > #getFleetOverview', () => {
  it('lists catalogue satellites in order with archive times, then uncatalogued ones by id', async () => {
    const store = storeSeeing([
      { satelliteId: 240, firstSeenMs: 5, lastSeenMs: 6 },
      { satelliteId: 102, firstSeenMs: 1000, lastSeenMs: 9000 },
      { satelliteId: 200, firstSeenMs: 3, lastSeenMs: 4 },
    ]);
    expect(await getFleetOverview({ fleet: demoFleet(3), store })).toEqual([
      { id: 101, name: 'PERIGEE-1', firstSeenMs: null, lastSeenMs: null },
      { id: 102, name: 'PERIGEE-2', firstSeenMs: 1000, lastSeenMs: 9000 },
      { id: 103, name: 'PERIGEE-3', firstSeenMs: null, lastSeenMs: null },
      { id: 200, name: null, firstSeenMs: 3, lastSeenMs: 4 },
      { id: 240, name: null, firstSeenMs: 5, lastSeenMs: 6 },
    ]);
  });

  it('passes the store’s error on, so the caller can answer 503 for a retriable one', async () => {
    const down = new StoreUnavailableError('connection refused');
    await expect(getFleetOverview({ fleet: demoFleet(1), store: storeSeeing(down) })).rejects.toBe(down);
  });
});
