import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { MemoryBus } from '../adapters/memory/memory-bus';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { demoFleet } from '../domain/mission/fleet';
import { PortUnavailableError } from '../errors';
import { silentLogger } from '../log';
import type { TelemetryHistory } from '../ports/telemetry-store';
import { getRuntime } from '../runtime';
import { TOPICS } from '../topics';
import { startWebServer } from './web-server';
import { createTestAuth } from '../auth/testing/test-auth';

const unusedStore: TelemetryHistory = {
  listSatellites: () => Promise.resolve([]),
  listAlarms: () => Promise.resolve([]),
  listAlarmEvents: () => Promise.resolve([]),
  listQuarantine: () => Promise.resolve([]),
  getSeries: () => Promise.resolve({ tier: 'raw', bucketMs: null, series: [] }),
};

describe('Realtime > WebServer', () => {
  it('fails with PortUnavailableError naming PORT when the port is taken, before preparing Next', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    const bus = new MemoryBus();
    try {
      const started = startWebServer({
        web: { host: '127.0.0.1', port, nodeId: 'test', dev: false },
        bus,
        store: unusedStore,
        mdb: defaultMissionDatabase(),
        fleet: demoFleet(2),
        auth: createTestAuth().auth,
        log: silentLogger,
        projectDir: '/nonexistent', // never reached: a missing build would fail differently
      });
      const error = await started.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PortUnavailableError);
      expect((error as PortUnavailableError).port).toBe(port);
      expect((error as Error).message).toBe(
        `port ${port} (PORT) is already in use or not permitted; set PORT to a free port, or 0 to pick one`,
      );
      // The runtime is handed over before listening; the live feed never joined the bus.
      expect(getRuntime().fleet.satellites.map((s) => s.id)).toEqual([101, 102]);
      await expect(
        bus.subscribe({ groupId: 'perigee-live-test', topics: [TOPICS.samples], fromBeginning: false, eachBatch: async () => {} }),
      ).resolves.toBeDefined();
    } finally {
      await bus.close();
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
