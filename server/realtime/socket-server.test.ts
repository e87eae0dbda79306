import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SOCKET_EVENTS } from './events';
import { HANDSHAKE_ERRORS } from './socket-server';
import { SESSION_COOKIE } from '../auth/session-cookie';
import { startRealtimeHarness, type RealtimeHarness } from './testing/realtime-harness';

const ONBOARD_MS = 1_795_000_000_000;
const DELAY_MS = 210;
const EMITTED_MS = ONBOARD_MS + 500;

let sequence = 0;
const powerPacket = (satelliteId: number, batteryVoltage: number) => ({
  satelliteId,
  apid: 272,
  sequenceCount: sequence,
  onboardTimeMs: ONBOARD_MS + 200 * sequence,
  arrivalMs: ONBOARD_MS + 200 * sequence++ + DELAY_MS,
  values: { 'power.battery_voltage': batteryVoltage, 'power.battery_current': -1.25 },
});

describe('Realtime > SocketServer', () => {
  let harness: RealtimeHarness;
  beforeEach(async () => {
    sequence = 0;
    harness = await startRealtimeHarness({ now: () => EMITTED_MS });
    await harness.warmUp(101, ONBOARD_MS, DELAY_MS);
    await harness.warmUp(102, ONBOARD_MS, DELAY_MS);
  });
  afterEach(async () => {
    await harness.close();
  });

  describe('#subscribe', () => {
    it('acks one room per subsystem and delivers the LiveFrame of a published packet', async () => {
      const client = await harness.connectClient();
      const ack = await client.request(SOCKET_EVENTS.subscribe, { satelliteId: 101, subsystems: ['power', 'thermal'] });
      expect(ack).toEqual({ ok: true, rooms: ['sat:101:power', 'sat:101:thermal'] });

      const sent = await harness.publishPacket(powerPacket(101, 29.75));
      const frames = await client.waitForFrames(1);
      expect(frames).toHaveLength(1);
      const frame = frames[0]!;
      expect(frame).toMatchObject({
        satelliteId: 101,
        subsystem: 'power',
        onboardTimeMs: ONBOARD_MS,
        arrivalMs: ONBOARD_MS + DELAY_MS,
        emittedMs: EMITTED_MS,
      });
      expect(frame.parameterIds).toEqual([...sent.keys()]);
      expect(frame.last[0]).toBeCloseTo(29.75, 6);
      expect(frame.last[1]).toBeCloseTo(-1.25, 6);
    });

    it('sends a client subscribed to another satellite nothing of this one', async () => {
      const watcher101 = await harness.connectClient();
      const watcher102 = await harness.connectClient();
      await watcher101.request(SOCKET_EVENTS.subscribe, { satelliteId: 101, subsystems: ['power'] });
      await watcher102.request(SOCKET_EVENTS.subscribe, { satelliteId: 102, subsystems: ['power'] });

      await harness.publishPacket(powerPacket(101, 28.5));
      await watcher101.waitForFrames(1);
      // Frames on one connection arrive in order: had 101's frame been routed to
      // 102's watcher, it would be there before 102's own frame.
      await harness.publishPacket(powerPacket(102, 31));
      const frames = await watcher102.waitForFrames(1);
      expect(frames.map((f) => [f.satelliteId, f.last[0]])).toEqual([[102, 31]]);
      expect(watcher101.frames.map((f) => [f.satelliteId, f.last[0]])).toEqual([[101, 28.5]]);
    });

    it('answers a bad payload with ok:false and joins nothing', async () => {
      const client = await harness.connectClient();
      const ack = await client.request(SOCKET_EVENTS.subscribe, { satelliteId: '101', subsystems: ['power'] });
      expect(ack).toEqual({ ok: false, error: 'invalid subscription: satelliteId: Invalid input: expected number, received string' });
      expect(await client.request(SOCKET_EVENTS.subscribe, { satelliteId: 101, subsystems: ['Power!'] })).toMatchObject({ ok: false });
      expect(await client.request(SOCKET_EVENTS.subscribe, { satelliteId: 101, subsystems: [], extra: 1 })).toMatchObject({ ok: false });

      const serverSocket = harness.io.of('/').sockets.get(client.id!)!;
      expect([...serverSocket.rooms]).toEqual([client.id]);

      // A well-formed subscriber proves the frame was broadcast while the bad one stayed empty-handed.
      const control = await harness.connectClient();
      await control.request(SOCKET_EVENTS.subscribe, { satelliteId: 101, subsystems: ['power'] });
      await harness.publishPacket(powerPacket(101, 30));
      await control.waitForFrames(1);
      await new Promise((r) => setTimeout(r, 50));
      expect(client.frames).toEqual([]);
    });
  });

  describe('#unsubscribe', () => {
    it('leaves the rooms so later frames are not delivered', async () => {
      const client = await harness.connectClient();
      await client.request(SOCKET_EVENTS.subscribe, { satelliteId: 101, subsystems: ['power'] });
      await harness.publishPacket(powerPacket(101, 27));
      await client.waitForFrames(1);

      const ack = await client.request(SOCKET_EVENTS.unsubscribe, { satelliteId: 101, subsystems: ['power'] });
      expect(ack).toEqual({ ok: true, rooms: ['sat:101:power'] });
      expect([...harness.io.of('/').sockets.get(client.id!)!.rooms]).toEqual([client.id]);

      const control = await harness.connectClient();
      await control.request(SOCKET_EVENTS.subscribe, { satelliteId: 101, subsystems: ['power'] });
      await harness.publishPacket(powerPacket(101, 26));
      await control.waitForFrames(1);
      await new Promise((r) => setTimeout(r, 50));
      expect(client.frames.map((f) => f.last[0])).toEqual([27]);
    });
  });
});

describe('Realtime > SocketServer > handshake authentication', () => {
  let harness: RealtimeHarness;
  beforeEach(async () => {
    harness = await startRealtimeHarness({ now: () => EMITTED_MS });
  });
  afterEach(async () => {
    await harness.close();
  });

  it('refuses a socket without a session cookie, so it never exists on the server and can join no room', async () => {
    const error = await harness.connectClient({ cookie: null }).catch((e: Error) => e);
    expect((error as Error).message).toBe(HANDSHAKE_ERRORS.unauthenticated);
    expect(harness.io.of('/').sockets.size).toBe(0);
    expect(harness.io.of('/').adapter.rooms.has('sat:101:power')).toBe(false);
  });

  it('refuses an unknown, malformed or signed-out session', async () => {
    const forged = await harness.connectClient({ cookie: `${SESSION_COOKIE}=${'A'.repeat(43)}` }).catch((e: Error) => e);
    expect((forged as Error).message).toBe(HANDSHAKE_ERRORS.unauthenticated);
    const garbage = await harness.connectClient({ cookie: `${SESSION_COOKIE}=../../etc` }).catch((e: Error) => e);
    expect((garbage as Error).message).toBe(HANDSHAKE_ERRORS.unauthenticated);

    const cookie = await harness.testAuth.cookieFor('viewer');
    await harness.testAuth.auth.logout(cookie.split('=')[1], null);
    const replayed = await harness.connectClient({ cookie }).catch((e: Error) => e);
    expect((replayed as Error).message).toBe(HANDSHAKE_ERRORS.unauthenticated);
    expect(harness.io.of('/').sockets.size).toBe(0);
  });

  it('refuses a handshake from another site even with a valid session', async () => {
    const error = await harness.connectClient({ origin: 'https://evil.example' }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/^cross-site connection refused: origin https:\/\/evil\.example does not match host 127\.0\.0\.1:\d+$/);
    expect(harness.io.of('/').sockets.size).toBe(0);
  });

  it('lets a signed-in viewer connect from the console’s own origin, join a room, and keeps the user on socket.data', async () => {
    const client = await harness.connectClient({ cookie: await harness.testAuth.cookieFor('viewer'), origin: harness.url });
    expect(await client.request(SOCKET_EVENTS.subscribe, { satelliteId: 101, subsystems: ['power'] })).toEqual({ ok: true, rooms: ['sat:101:power'] });
    const serverSocket = harness.io.of('/').sockets.get(client.id!)!;
    expect(serverSocket.data.user).toEqual({ id: 2, username: 'viewer-user', role: 'viewer', demo: false });
    expect([...serverSocket.rooms]).toEqual([client.id, 'sat:101:power']);
  });
});
