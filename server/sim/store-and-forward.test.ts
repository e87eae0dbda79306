import { describe, expect, it } from 'vitest';
import { decodePacket } from '../domain/codec/packet-codec';
import { routePacket } from '../domain/codec/route-packet';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { demoFleet } from '../domain/mission/fleet';
import { TOPICS } from '../topics';
import { FleetSimulator, RELAY_STATION } from './fleet-simulator';
import { OnboardRecorder } from './onboard-recorder';
import { predictPasses } from '../domain/orbit/pass-predictor';

const mdb = defaultMissionDatabase();
const fleet = demoFleet(1);
const satellite = fleet.satellites[0]!;
const from = Date.UTC(2026, 10, 25, 0, 0, 0);

describe('Sim > store and forward', () => {
  // The first pass of the day over any station, with at least 20 minutes out of contact before it.
  const passes = fleet.groundStations
    .flatMap((station) => predictPasses(satellite, station, from, from + 86_400_000))
    .sort((a, b) => a.aosMs - b.aosMs);
  const pass = passes.find((p, i) => i > 0 && p.aosMs - passes[i - 1]!.losMs > 20 * 60_000)!;
  const startMs = pass.aosMs - 20 * 60_000;

  it('records outside passes and dumps the recording during the pass, oldest first, beside real-time telemetry', () => {
    const sim = new FleetSimulator({
      mdb,
      fleet,
      seed: 3,
      startTimeMs: startMs,
      link: { mode: 'passes', dumpPacketsPerSecond: 400, recorderCapacityPackets: 100_000 },
    });
    const before = sim.advance(pass.aosMs - 1000).packets;
    expect(before).toEqual([]); // out of contact: nothing goes down
    const recorded = sim.recorderCounts().held;
    // 19 packets per second for the 1199 s out of contact, every one of them recorded.
    expect(recorded).toBe(sim.counts().generated);
    expect(Math.abs(recorded - 19 * 1199)).toBeLessThanOrEqual(19);

    const during = sim.advance(pass.aosMs + 60_000).packets;
    const live = during.filter((p) => !p.playback);
    const dumped = during.filter((p) => p.playback);
    expect(live.length).toBeGreaterThanOrEqual(19 * 59);
    expect(live.every((p) => p.groundStation !== RELAY_STATION)).toBe(true);
    // 60 s of contact at 400 packets/s (24,000) carries the whole recording down: every
    // packet generated so far went down once, live or dumped.
    expect(dumped.length).toBeGreaterThanOrEqual(recorded);
    expect(dumped.length + live.length).toBe(sim.counts().generated);
    expect(sim.recorderCounts()).toEqual({ held: 0, overwritten: 0 });
    // At the dump rate: never more than 40 recorded packets leave in one 100 ms step.
    const perStep = new Map<number, number>();
    for (const p of dumped) perStep.set(p.transmitTimeMs, (perStep.get(p.transmitTimeMs) ?? 0) + 1);
    expect(Math.max(...perStep.values())).toBe(40);
    const times = dumped.map((p) => p.trueOnboardTimeMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeLessThan(startMs + 1000);
    for (const p of [dumped[0]!, dumped[dumped.length - 1]!]) {
      const decoded = decodePacket(mdb, p.bytes);
      if (!decoded.ok) throw decoded.error;
      expect(decoded.packet.playback).toBe(true);
      expect(Math.round(decoded.packet.onboardTimeMs)).toBe(p.trueOnboardTimeMs);
      const route = routePacket(mdb, p.bytes);
      expect(route).toMatchObject({ ok: true, topic: TOPICS.rawPlayback, playback: true });
    }
    const liveRoute = routePacket(mdb, live[0]!.bytes);
    expect(liveRoute).toMatchObject({ ok: true, playback: false });
    expect(sim.counts().generated).toBe(sim.counts().sent + sim.recorderCounts().held);
  });
});

describe('Sim > OnboardRecorder', () => {
  const packet = (n: number) => ({ satelliteId: 1, apid: 272, sequenceCount: n, bytes: new Uint8Array(1), trueOnboardTimeMs: n, transmitTimeMs: n, groundStation: 'relay' });

  it('dumps at its rate, carrying fractions over steps, and overwrites the oldest when full', () => {
    const recorder = new OnboardRecorder({ capacityPackets: 5, dumpPacketsPerSecond: 15 });
    for (let n = 0; n < 8; n++) recorder.record(packet(n));
    expect(recorder.size).toBe(5);
    expect(recorder.overwritten).toBe(3);
    expect(recorder.dump(100).map((p) => p.sequenceCount)).toEqual([3]); // 1.5 packets of credit
    expect(recorder.dump(100).map((p) => p.sequenceCount)).toEqual([4, 5]); // 0.5 + 1.5
    expect(recorder.dump(1000).map((p) => p.sequenceCount)).toEqual([6, 7]);
    expect(recorder.size).toBe(0);
    recorder.record(packet(9));
    expect(recorder.dump(100).map((p) => p.sequenceCount)).toEqual([9]); // no banked credit from the idle time
  });
});
