/**
 * Untrusted input on every client → server Socket.IO event, with a real
 * server and real socket.io-client connections: wrong types, unknown fields,
 * non-object payloads, unexpected payloads and unknown events each get an
 * error ack with a reason and leave the socket's rooms as they were (the
 * socket events change no database state: they only join and leave rooms);
 * a message above the server's size bound closes that connection and no
 * other. The events are enumerated from the handlers the server registers on
 * a socket, so a new event without cases fails this test.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_EVENTS, SOCKET_EVENTS } from './events';
import { startRealtimeHarness, type RealtimeHarness, type TestClient } from './testing/realtime-harness';

const EMITTED_MS = 1_795_000_000_500;
const valid = { satelliteId: 101, subsystems: ['power'] };

/** Payloads (the arguments before the ack) each event must refuse. */
const subscriptionCases: ReadonlyArray<readonly [string, unknown[]]> = [
  ['JSON text instead of an object', ['{"satelliteId": 101,']],
  ['a number', [42]],
  ['null', [null]],
  ['wrong types', [{ satelliteId: '101', subsystems: 'power' }]],
  ['unknown field', [{ ...valid, admin: true }]],
  ['satellite id out of range', [{ satelliteId: 70_000, subsystems: ['power'] }]],
  ['room name injection', [{ satelliteId: 101, subsystems: ['power', '../fleet'] }]],
  ['too many subsystems', [{ satelliteId: 101, subsystems: Array.from({ length: 33 }, (_, i) => `s${i}`) }]],
  ['no payload', []],
];
const CASES: Record<string, ReadonlyArray<readonly [string, unknown[]]>> = {
  [SOCKET_EVENTS.subscribe]: subscriptionCases,
  [SOCKET_EVENTS.unsubscribe]: subscriptionCases,
  [SOCKET_EVENTS.fleetSubscribe]: [
    ['an unexpected payload', [{ satelliteId: 101 }]],
    ['two unexpected payloads', ['x', 1]],
  ],
};

function emitWithAck(client: TestClient, event: string, args: unknown[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ack for ${event}`)), 2000);
    (client.emit as (event: string, ...rest: unknown[]) => void)(event, ...args, (ack: unknown) => {
      clearTimeout(timer);
      resolve(ack);
    });
  });
}

describe('Realtime > SocketServer > untrusted input', () => {
  let harness: RealtimeHarness;
  beforeEach(async () => {
    harness = await startRealtimeHarness({ now: () => EMITTED_MS });
  });
  afterEach(async () => {
    await harness.close();
  });

  it('has cases for every event a client may send, and the server handles exactly those', async () => {
    const client = await harness.connectClient();
    const serverSocket = harness.io.of('/').sockets.get(client.id!)!;
    // 'error' is Socket.IO's own listener, not a client event.
    const handled = serverSocket.eventNames().map(String).filter((name) => name !== 'error');
    expect(handled.sort()).toEqual(Object.keys(CASES).sort());
    expect([...CLIENT_EVENTS].sort()).toEqual(Object.keys(CASES).sort());
  });

  it.each(Object.entries(CASES))('%s: answers every bad payload with ok:false and a reason, joining and leaving nothing', async (event, cases) => {
    const client = await harness.connectClient();
    // A room already joined, so that a bad unsubscribe could be seen leaving it.
    expect(await client.request(SOCKET_EVENTS.subscribe, { satelliteId: 102, subsystems: ['thermal'] })).toEqual({ ok: true, rooms: ['sat:102:thermal'] });
    const serverSocket = harness.io.of('/').sockets.get(client.id!)!;
    const roomsBefore = [...serverSocket.rooms].sort();
    const outcomes: string[] = [];
    for (const [name, args] of cases) {
      const ack = (await emitWithAck(client, event, args)) as { ok?: unknown; error?: unknown };
      outcomes.push(`${name}: ${ack.ok === false && typeof ack.error === 'string' && ack.error.length > 0 ? 'refused with reason' : JSON.stringify(ack)}`);
    }
    expect(outcomes).toEqual(cases.map(([name]) => `${name}: refused with reason`));
    expect([...serverSocket.rooms].sort()).toEqual(roomsBefore);
    expect(client.connected).toBe(true);
  });

  it('answers an unknown event with an error ack naming the events there are', async () => {
    const client = await harness.connectClient();
    const ack = await emitWithAck(client, 'alarm:delete', [{ id: 1 }]);
    expect(ack).toEqual({ ok: false, error: `unknown event "alarm:delete": use ${CLIENT_EVENTS.join(', ')}` });
  });

  it('survives an event without an ack, and a payload given to fleet:subscribe in place of its ack', async () => {
    const client = await harness.connectClient();
    (client.emit as (event: string, ...rest: unknown[]) => void)(SOCKET_EVENTS.subscribe, { satelliteId: 'x' });
    (client.emit as (event: string, ...rest: unknown[]) => void)(SOCKET_EVENTS.fleetSubscribe, { satelliteId: 101 });
    expect(await client.request(SOCKET_EVENTS.subscribe, valid)).toEqual({ ok: true, rooms: ['sat:101:power'] });
  });

  it('closes a connection that sends a message above 16 KiB, joining nothing, and keeps serving the others', async () => {
    const bystander = await harness.connectClient();
    const client = await harness.connectClient();
    const closed = new Promise<string>((resolve) => client.once('disconnect', resolve));
    (client.emit as (event: string, ...rest: unknown[]) => void)(SOCKET_EVENTS.subscribe, { ...valid, padding: 'x'.repeat(20_000) }, () => undefined);
    expect(await closed).toBe('transport close');
    expect(harness.io.of('/').sockets.has(client.id ?? '')).toBe(false);
    expect(harness.io.of('/').adapter.rooms.has('sat:101:power')).toBe(false);
    expect(await bystander.request(SOCKET_EVENTS.subscribe, valid)).toEqual({ ok: true, rooms: ['sat:101:power'] });
  });
});
