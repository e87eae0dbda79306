import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SampleFrame } from '../domain/sample-frame';
import { SOCKET_EVENTS } from './events';
import { liveGroupId, parseSampleMessage, toLiveFrame } from './live-feed';
import { startRealtimeHarness, type RealtimeHarness } from './testing/realtime-harness';

const attitudeFrame: SampleFrame = {
  satelliteId: 103,
  subsystem: 'attitude',
  apid: 256,
  sequenceCount: 16383,
  onboardTimeMs: 1_795_000_100_000,
  arrivalMs: 1_795_000_100_090,
  parameterIds: [1, 2, 3, 4, 5],
  values: [2, 0.5, 0.5, -0.5, 0.5],
};

describe('Realtime > LiveFeed', () => {
  let harness: RealtimeHarness;
  let clockMs: number;
  beforeEach(async () => {
    clockMs = 1_795_000_100_150;
    harness = await startRealtimeHarness({ now: () => clockMs });
  });
  afterEach(async () => {
    await harness.close();
  });

  it('consumes as this node’s own group', () => {
    expect(harness.feed.groupId).toBe('perigee-live-test');
    expect(liveGroupId('web-2')).toBe('perigee-live-web-2');
  });

  it('skips invalid messages, counts them, and still delivers the next valid frame', async () => {
    const client = await harness.connectClient();
    await client.request(SOCKET_EVENTS.subscribe, { satelliteId: 103, subsystems: ['attitude'] });

    await harness.publish('{"satelliteId": 103, not json');
    await harness.publish(JSON.stringify({ ...attitudeFrame, values: [1] })); // lengths differ
    await harness.publish(attitudeFrame);

    const frames = await client.waitForFrames(1);
    expect(frames).toEqual([toLiveFrame(attitudeFrame, 1_795_000_100_150)]);
    expect(frames[0]!.values).toEqual([2, 0.5, 0.5, -0.5, 0.5]);
    expect(harness.feed.stats()).toEqual({ delivered: 1, invalid: 2, withheld: 0 });
  });

  it('delivers every frame of a burst to a client that keeps up', async () => {
    const client = await harness.connectClient();
    await client.request(SOCKET_EVENTS.subscribe, { satelliteId: 103, subsystems: ['attitude'] });
    const burst = Array.from({ length: 300 }, (_, i) => ({
      ...attitudeFrame,
      sequenceCount: i,
      onboardTimeMs: attitudeFrame.onboardTimeMs + i * 100,
    }));
    await Promise.all(burst.map((f) => harness.publish(f)));
    const frames = await client.waitForFrames(300);
    expect(frames.map((f) => f.onboardTimeMs)).toEqual(burst.map((f) => f.onboardTimeMs));
    expect(harness.feed.stats()).toEqual({ delivered: 300, invalid: 0, withheld: 0 });
  });

  it('stamps each frame with the clock at emission', async () => {
    const client = await harness.connectClient();
    await client.request(SOCKET_EVENTS.subscribe, { satelliteId: 103, subsystems: ['attitude'] });
    await harness.publish(attitudeFrame);
    await client.waitForFrames(1);
    clockMs += 100;
    await harness.publish({ ...attitudeFrame, sequenceCount: 0, onboardTimeMs: attitudeFrame.onboardTimeMs + 100 });
    const frames = await client.waitForFrames(2);
    expect(frames.map((f) => [f.onboardTimeMs, f.emittedMs])).toEqual([
      [1_795_000_100_000, 1_795_000_100_150],
      [1_795_000_100_100, 1_795_000_100_250],
    ]);
  });
});

describe('Realtime > LiveFeed > #parseSampleMessage', () => {
  it('returns the frame of a valid message', () => {
    expect(parseSampleMessage(Buffer.from(JSON.stringify(attitudeFrame)))).toEqual({ ok: true, frame: attitudeFrame });
  });

  it('names why a message was rejected', () => {
    expect(parseSampleMessage(Buffer.from('{"a":'))).toMatchObject({ ok: false, reason: expect.stringMatching(/^not JSON: /) });
    expect(parseSampleMessage(Buffer.from(JSON.stringify({ ...attitudeFrame, apid: 4096 })))).toEqual({
      ok: false,
      reason: 'apid: Too big: expected number to be <=2047',
    });
    expect(parseSampleMessage(Buffer.from(JSON.stringify({ ...attitudeFrame, values: [] })))).toEqual({
      ok: false,
      reason: '(root): parameterIds and values differ in length',
    });
  });
});
