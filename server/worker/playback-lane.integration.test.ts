/**
 * A pass dump takes its own lane: played-back packets go to
 * telemetry.raw.playback, are archived at their onboard times with the
 * playback quality flag, raise no live alarm even when their values broke
 * limits long ago, and never reach the live console.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../db/testing/test-database';
import { MemoryBus } from '../adapters/memory/memory-bus';
import { PostgresTelemetryStore } from '../adapters/postgres/postgres-telemetry-store';
import { loadConfig } from '../config';
import { encodePacket } from '../domain/codec/packet-codec';
import { demoFleet } from '../domain/mission/fleet';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { startIngestGateway } from '../ingest/gateway';
import { silentLogger } from '../log';
import { SAMPLE_QUALITY } from '../ports/telemetry-store';
import { SOCKET_EVENTS, type LiveFrame } from '../realtime/events';
import { startLiveFeed } from '../realtime/live-feed';
import { createSocketServer } from '../realtime/socket-server';
import { createTestAuth } from '../auth/testing/test-auth';
import { startArchiver } from './archiver';
import { startProcessor } from './processor';

const mdb = defaultMissionDatabase();
const fleet = demoFleet(1);
let db: TestDatabase;

beforeAll(async () => {
  db = await startTestDatabase();
});
afterAll(() => db?.stop());

function power(sequenceCount: number, onboardTimeMs: number, voltage: number, playback: boolean): Uint8Array {
  const values = Object.fromEntries(mdb.latestLayout(272)!.parameters.map((p) => [p.name, 2]));
  Object.assign(values, { 'power.battery_voltage': voltage, 'power.battery_soc': 80, 'power.battery_temperature': 20, 'power.eclipse': 0 });
  return encodePacket(mdb, { apid: 272, satelliteId: 101, sequenceCount, onboardTimeMs, values, playback });
}

describe('Worker > playback lane', () => {
  it('archives a dump at its onboard times without live alarms or live frames', async () => {
    const bus = new MemoryBus({ log: silentLogger });
    const store = new PostgresTelemetryStore(db.pool);
    // Played-back packets in slices of 8: the dump of 50 cannot go through in fewer than 7.
    const stream = loadConfig({ PLAYBACK_BATCH_MESSAGES: '8' }).stream;
    const archiver = await startArchiver({ bus, store, mdb, groupId: 'lane-archiver', log: silentLogger });
    const processor = await startProcessor({ bus, mdb, fleet, groupId: 'lane-processor', stream, log: silentLogger });
    const httpServer = http.createServer();
    const testAuth = createTestAuth();
    const io = createSocketServer(httpServer, { auth: testAuth.auth });
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    const feed = await startLiveFeed({ bus, io, mdb, fleet, nodeId: 'lane', log: silentLogger });
    const gateway = await startIngestGateway({ host: '127.0.0.1', tcpPort: 0, udpPort: 0, eventsPort: 0, bus, mdb, log: silentLogger });
    const client = connect(`http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`, {
      transports: ['websocket'],
      forceNew: true,
      extraHeaders: { cookie: await testAuth.cookieFor('viewer') },
    });
    const frames: LiveFrame[] = [];
    client.on(SOCKET_EVENTS.telemetryFrames, (batch) => frames.push(...batch));
    try {
      await new Promise<void>((resolve) => client.on('connect', () => resolve()));
      await client.emitWithAck(SOCKET_EVENTS.subscribe, { satelliteId: 101, subsystems: ['power'] });
      const now = Date.now();
      // Live: five packets of a healthy battery, just sampled.
      const live = Array.from({ length: 5 }, (_, i) => power(1000 + i, now - 1000 + i * 200, 28, false));
      // Dump: an hour-old recording of a battery under its critical low limit (24.5 V).
      const hourAgo = now - 3_600_000;
      const dump = Array.from({ length: 50 }, (_, i) => power(i, hourAgo + i * 200, 24, true));
      await new Promise<void>((resolve, reject) => {
        const socket = new net.Socket();
        socket.on('error', reject);
        socket.connect(gateway.ports.tcp, '127.0.0.1', () => socket.end(Buffer.concat([...live, ...dump]), () => resolve()));
      });

      const deadline = Date.now() + 20_000;
      const stored = async () => Number((await db.pool.query('SELECT count(*) AS n FROM packets')).rows[0].n);
      while ((await stored()) < 55) {
        if (Date.now() > deadline) throw new Error(`archive holds ${await stored()} of 55 packets`);
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => setTimeout(r, 300));

      const playback = await db.pool.query(
        `SELECT playback, source_topic, count(*)::int AS n, min(extract(epoch FROM ts) * 1000)::float8 AS first FROM packets GROUP BY 1, 2 ORDER BY 1`,
      );
      expect(playback.rows.map((r) => [r.playback, r.source_topic, r.n])).toEqual([
        [false, 'telemetry.raw.power', 5],
        [true, 'telemetry.raw.playback', 50],
      ]);
        // Stored at its onboard time (to the 2^-16 s tick of the time code).
      expect(Math.abs(playback.rows[1].first - hourAgo)).toBeLessThan(0.016);
      const quality = await db.pool.query(`SELECT quality, count(*)::int AS n FROM samples WHERE parameter_id = 100 GROUP BY 1 ORDER BY 1`);
      expect(quality.rows).toEqual([
        { quality: 0, n: 5 },
        { quality: SAMPLE_QUALITY.playback, n: 50 },
      ]);
      expect((await db.pool.query('SELECT count(*)::int AS n FROM alarm_events')).rows[0].n).toBe(0);
      expect(processor.stats().playback.frames).toBe(50);
      expect(processor.stats().playbackBatches).toBeGreaterThanOrEqual(7);
      // The live console saw the five live packets, never one of the dump.
      await new Promise((r) => setTimeout(r, 100));
      // (Coalesced: five packets sent at once may share a frame; none is older than the live ones.)
      expect(frames.reduce((n, f) => n + f.packets, 0)).toBe(5);
      expect(Math.round(Math.max(...frames.map((f) => f.onboardTimeMs)))).toBe(now - 1000 + 4 * 200);
      const times = frames.flatMap((f) => [...f.minTimesMs, ...f.maxTimesMs, ...f.lastTimesMs]);
      expect(Math.round(Math.min(...times))).toBe(now - 1000);
    } finally {
      client.close();
      await gateway.close();
      await feed.stop();
      io.close();
      await processor.stop();
      await archiver.stop();
      await bus.close();
    }
  });
});
