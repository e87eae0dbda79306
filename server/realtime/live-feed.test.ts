import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOPICS } from '../topics';
import { SOCKET_EVENTS } from './events';
import { FLUSH_INTERVAL_MS, REALTIME_BURST_FRAMES, liveGroupId } from './live-feed';
import { startRealtimeHarness, type RealtimeHarness } from './testing/realtime-harness';

const ONBOARD_MS = 1_795_000_100_000;
const DELAY_MS = 90;

const attitude = (sequenceCount: number, q0 = 0.5) => ({
  satelliteId: 103,
  apid: 256,
  sequenceCount,
  onboardTimeMs: ONBOARD_MS + sequenceCount * 100,
  arrivalMs: ONBOARD_MS + sequenceCount * 100 + DELAY_MS,
  values: { 'attitude.q0': q0, 'attitude.adcs_mode': 2 },
});

describe('Realtime > LiveFeed', () => {
  let harness: RealtimeHarness;
  let clockMs: number;
  /** Set, the live feed's pacing clock stands still at it: no room earns a frame until a test moves it. */
  let pacingMs: number | null;
  beforeEach(async () => {
    clockMs = ONBOARD_MS + 150;
    pacingMs = null;
    harness = await startRealtimeHarness({ now: () => clockMs, pacingNow: () => pacingMs ?? performance.now() });
    await harness.warmUp(103, ONBOARD_MS, DELAY_MS);
  });
  afterEach(async () => {
    await harness.close();
  });

  it('consumes as this node’s own group', () => {
    expect(harness.feed.groupId).toBe('perigee-live-test');
    expect(liveGroupId('web-2')).toBe('perigee-live-web-2');
  });

  it('shows nothing of a corrupt packet, counts it, and still delivers the next good one', async () => {
    const client = await harness.connectClient();
    await client.request(SOCKET_EVENTS.subscribe, { satelliteId: 103, subsystems: ['attitude'] });
    const refusedBefore = harness.feed.stats().refused;

    await harness.publishBytes(TOPICS.rawAttitude, Uint8Array.from([0x09, 0x00, 0xc0, 0x00, 0x00, 0x03, 1, 2, 3, 4]), ONBOARD_MS);
    await harness.publishPacket(attitude(0, 0.25));

    const frames = await client.waitForFrames(1);
    expect(frames.map((f) => [f.satelliteId, f.subsystem, f.onboardTimeMs, f.last[1]])).toEqual([[103, 'attitude', ONBOARD_MS, 0.25]]);
    expect(frames[0]!.last[0]).toBe(2); // ADCS mode NADIR
    expect(harness.feed.stats().refused).toBe(refusedBefore + 1);
  });

  it('coalesces a burst into at most one frame per flush, keeping every spike with its onboard time', async () => {
    const client = await harness.connectClient();
    await client.request(SOCKET_EVENTS.subscribe, { satelliteId: 103, subsystems: ['attitude'] });
    await new Promise((r) => setTimeout(r, 250)); // the warm-up packets' frame goes out first
    client.frames.length = 0;
    clockMs = ONBOARD_MS + 30_000;
    // q0 rises slowly with one spike to 0.99 at packet 150 and one dip to -0.99 at packet 201.
    const q0Of = (i: number) => (i === 150 ? 0.99 : i === 201 ? -0.99 : i / 1000);
    const started = Date.now();
    for (let i = 0; i < 300; i++) await harness.publishPacket(attitude(i, q0Of(i)));
    const deadline = Date.now() + 5000;
    while (client.frames.reduce((n, f) => n + f.packets, 0) < 300 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const elapsedMs = Date.now() - started;
    const frames = client.frames;
    expect(frames.reduce((n, f) => n + f.packets, 0)).toBe(300);
    // One frame per 100 ms interval at most, after the burst a quiet room may send at once
    // (plus the interval in flight when publishing began and ended).
    expect(frames.length).toBeLessThanOrEqual(Math.ceil(elapsedMs / 100) + REALTIME_BURST_FRAMES + 1);
    const q0 = frames[0]!.parameterIds[1]!; // parameter order follows the packet layout: mode, then q0
    const column = (f: (typeof frames)[number]) => f.parameterIds.indexOf(q0);
    const maxima = frames.map((f) => [f.max[column(f)]!, Math.round(f.maxTimesMs[column(f)]!)] as const);
    const minima = frames.map((f) => [f.min[column(f)]!, Math.round(f.minTimesMs[column(f)]!)] as const);
    expect(maxima.reduce((a, b) => (b[0] > a[0] ? b : a))).toEqual([Math.fround(0.99), ONBOARD_MS + 150 * 100]);
    expect(minima.reduce((a, b) => (b[0] < a[0] ? b : a))).toEqual([Math.fround(-0.99), ONBOARD_MS + 201 * 100]);
    const lastFrame = frames.at(-1)!;
    expect([lastFrame.last[column(lastFrame)], Math.round(lastFrame.lastTimesMs[column(lastFrame)]!)]).toEqual([Math.fround(0.299), ONBOARD_MS + 299 * 100]); // q0 travels as float32;
    expect(frames.map((f) => f.counts[column(f)]).reduce((a, b) => a! + b!, 0)).toBe(300);
    expect(harness.feed.stats()).toMatchObject({ withheld: 0, dropped: 0, replaySkipped: 0 });
  });

  it('sends real-time packets that come together at once, up to the burst, then one frame per interval', async () => {
    const client = await harness.connectClient();
    await client.request(SOCKET_EVENTS.subscribe, { satelliteId: 103, subsystems: ['attitude'] });
    await new Promise((r) => setTimeout(r, 250)); // the warm-up packets' frame goes out first
    client.frames.length = 0;
    pacingMs = performance.now() + 3_600_000; // long quiet: the room has its whole burst
    for (let i = 0; i < REALTIME_BURST_FRAMES; i++) {
      await harness.publishPacket(attitude(i));
      await client.waitForFrames(i + 1); // each its own frame, with no wait for an interval
    }
    const burst = REALTIME_BURST_FRAMES;
    for (let i = burst; i < burst + 3; i++) await harness.publishPacket(attitude(i));
    await new Promise((r) => setTimeout(r, 150));
    expect(client.frames.map((f) => f.packets)).toEqual(Array(burst).fill(1)); // out of allowance: the rest waits
    pacingMs += FLUSH_INTERVAL_MS;
    const frames = await client.waitForFrames(burst + 1);
    expect(frames.slice(burst).map((f) => [f.packets, Math.round(f.onboardTimeMs)])).toEqual([[3, ONBOARD_MS + (burst + 2) * 100]]);
    expect(frames.every((f) => f.late.every((late) => !late))).toBe(true);
  });

  it('paces late packets apart: a flood of them never holds back the real-time ones of the same room', async () => {
    const client = await harness.connectClient();
    await client.request(SOCKET_EVENTS.subscribe, { satelliteId: 103, subsystems: ['attitude'] });
    await new Promise((r) => setTimeout(r, 250));
    client.frames.length = 0;
    pacingMs = performance.now() + 3_600_000;
    // Held five seconds at a relay, then released at once: late by arrival.
    const held = (i: number) => ({ ...attitude(i), arrivalMs: ONBOARD_MS + i * 100 + 5_000 });
    await harness.publishPacket(held(0));
    await client.waitForFrames(1);
    for (let i = 1; i < 6; i++) await harness.publishPacket(held(i));
    // The late lane is out of allowance; a real-time packet of the same room still goes out at once.
    await harness.publishPacket(attitude(6, 0.125));
    await client.waitForFrames(2);
    await new Promise((r) => setTimeout(r, 150));
    const q0 = (f: (typeof client.frames)[number]) => f.parameterIds.indexOf(f.parameterIds[1]!);
    expect(client.frames.map((f) => [f.packets, Math.round(f.onboardTimeMs), f.late[q0(f)], f.last[q0(f)]])).toEqual([
      [1, ONBOARD_MS, true, 0.5],
      [1, ONBOARD_MS + 600, false, 0.125],
    ]);
    pacingMs += FLUSH_INTERVAL_MS;
    const frames = await client.waitForFrames(3);
    expect([frames[2]!.packets, Math.round(frames[2]!.onboardTimeMs), frames[2]!.late.every(Boolean)]).toEqual([5, ONBOARD_MS + 500, true]);
  });

  it('sends what arrives in one turn, batch after batch, as one message per client, none dropped', async () => {
    const client = await harness.connectClient();
    await client.request(SOCKET_EVENTS.subscribe, { satelliteId: 103, subsystems: ['attitude', 'power'] });
    await new Promise((r) => setTimeout(r, 250));
    client.messages.length = 0;
    client.frames.length = 0;
    const droppedBefore = harness.feed.stats().dropped;
    pacingMs = performance.now() + 3_600_000;
    // Two topics: the bus hands them to the feed as two batches, one after the other in the same turn.
    const power = { satelliteId: 103, apid: 272, sequenceCount: 1, onboardTimeMs: ONBOARD_MS + 100, arrivalMs: ONBOARD_MS + 100 + DELAY_MS };
    await Promise.all([harness.publishPacket(attitude(1)), harness.publishPacket(power)]);
    await client.waitForFrames(2);
    await new Promise((r) => setTimeout(r, 150));
    expect(client.messages.map((m) => m.map((f) => f.subsystem).sort())).toEqual([['attitude', 'power']]);
    expect(harness.feed.stats().dropped).toBe(droppedBefore);
  });

  it('stamps each frame with the clock at emission', async () => {
    const client = await harness.connectClient();
    await client.request(SOCKET_EVENTS.subscribe, { satelliteId: 103, subsystems: ['attitude'] });
    await harness.publishPacket(attitude(0));
    await client.waitForFrames(1);
    clockMs += 100;
    await harness.publishPacket(attitude(1));
    const frames = await client.waitForFrames(2);
    expect(frames.map((f) => [Math.round(f.onboardTimeMs), f.emittedMs])).toEqual([
      [ONBOARD_MS, ONBOARD_MS + 150],
      [ONBOARD_MS + 100, ONBOARD_MS + 250],
    ]);
  });

  it('does not replay live what reached the gateway long ago', async () => {
    const client = await harness.connectClient();
    await client.request(SOCKET_EVENTS.subscribe, { satelliteId: 103, subsystems: ['attitude'] });
    clockMs = ONBOARD_MS + 120_000; // the node resumed two minutes after these packets arrived
    await harness.publishPacket(attitude(0));
    await harness.publishPacket({ ...attitude(1), arrivalMs: clockMs - 50, onboardTimeMs: clockMs - 50 - DELAY_MS });
    const frames = await client.waitForFrames(1);
    await new Promise((r) => setTimeout(r, 30));
    expect(frames.map((f) => Math.round(f.onboardTimeMs))).toEqual([clockMs - 50 - DELAY_MS]);
    expect(harness.feed.stats().replaySkipped).toBe(1);
  });
});
