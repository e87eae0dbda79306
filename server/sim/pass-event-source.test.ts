import { describe, expect, it } from 'vitest';
import { groundStationEventSchema, type GroundStationEvent } from '../domain/ground-station-event';
import { demoFleet } from '../domain/mission/fleet';
import { OrbitTrack } from '../domain/orbit/orbit-track';
import { PassEventSource, SIGNAL_INTERVAL_MS, UPLINK_DELAY_MS } from './pass-event-source';
import { predictPasses } from '../domain/orbit/pass-predictor';
import { Prng } from './prng';

const fleet = demoFleet(3);
const satellite = fleet.satellites[0]!;
const svalbard = fleet.groundStations[0]!;
const start = Date.UTC(2026, 10, 25);
const twelveHours = 12 * 3_600_000;

function source(startTimeMs = start, seed = 1) {
  return new PassEventSource({ track: new OrbitTrack(satellite.tle), station: svalbard, satelliteId: satellite.id, startTimeMs, rng: new Prng(seed) });
}

describe('Sim > PassEventSource', () => {
  const events = source().eventsUntil(start + twelveHours);
  const predicted = predictPasses(satellite, svalbard, start, start + twelveHours).filter((p) => p.losMs <= start + twelveHours);

  it('emits events that satisfy the ground-station event schema, in time order', () => {
    for (const e of events) expect(groundStationEventSchema.parse(e)).toEqual(e);
    expect(events.map((e) => e.timeMs)).toEqual([...events.map((e) => e.timeMs)].sort((a, b) => a - b));
  });

  it('pairs one AOS with one LOS per predicted pass, with the predicted times and culmination', () => {
    const aos = events.filter((e): e is Extract<GroundStationEvent, { type: 'aos' }> => e.type === 'aos');
    const los = events.filter((e): e is Extract<GroundStationEvent, { type: 'los' }> => e.type === 'los');
    expect(aos.map((e) => e.timeMs)).toEqual(predicted.map((p) => p.aosMs));
    expect(aos.map((e) => e.predictedLosMs)).toEqual(predicted.map((p) => p.losMs));
    expect(los.map((e) => e.timeMs)).toEqual(predicted.map((p) => p.losMs));
    expect(los.map((e) => e.maxElevationDeg)).toEqual(predicted.map((p) => p.maxElevationDeg));
    expect(aos.map((e) => e.passId)).toEqual(predicted.map((p) => `svalbard:101:${p.aosMs}`));
    expect(los.map((e) => e.passId)).toEqual(aos.map((e) => e.passId));
  });

  it('reports the signal every 10 s within a pass, stronger high in the sky, locked above the threshold', () => {
    const pass = predicted.reduce((a, b) => (b.maxElevationDeg > a.maxElevationDeg ? b : a));
    const signals = events.filter((e): e is Extract<GroundStationEvent, { type: 'signal' }> => e.type === 'signal' && e.passId === pass.passId);
    expect(signals.length).toBe(Math.ceil(pass.durationMs / SIGNAL_INTERVAL_MS) - 1);
    expect(signals.map((s) => s.timeMs - pass.aosMs)).toEqual(signals.map((_, i) => (i + 1) * SIGNAL_INTERVAL_MS));
    const best = signals.reduce((a, b) => (b.elevationDeg > a.elevationDeg ? b : a));
    expect(best.elevationDeg).toBeCloseTo(pass.maxElevationDeg, 0);
    expect(best.ebN0Db).toBeGreaterThan(signals[0]!.ebN0Db + 5);
    expect(best.locked).toBe(true);
    for (const s of signals) expect(s.locked).toBe(s.ebN0Db >= 6);
  });

  it('uplinks TIME_SYNC 30 s after AOS and verifies it sent → accepted → executed', () => {
    const pass = predicted[0]!;
    const uplinks = events.filter((e): e is Extract<GroundStationEvent, { type: 'uplink' }> => e.type === 'uplink' && e.passId === pass.passId);
    expect(uplinks.map((u) => [u.verification, u.timeMs - pass.aosMs, u.command, u.commandId])).toEqual([
      ['sent', UPLINK_DELAY_MS, 'TIME_SYNC', `TIME_SYNC-101-${pass.aosMs}`],
      ['accepted', UPLINK_DELAY_MS + 2000, 'TIME_SYNC', `TIME_SYNC-101-${pass.aosMs}`],
      ['executed', UPLINK_DELAY_MS + 5000, 'TIME_SYNC', `TIME_SYNC-101-${pass.aosMs}`],
    ]);
  });

  it('gives the same events however the time is sliced', () => {
    const sliced = source();
    const pieces: GroundStationEvent[] = [];
    for (let t = start + 7_777; t < start + twelveHours; t += 7_777) pieces.push(...sliced.eventsUntil(t));
    pieces.push(...sliced.eventsUntil(start + twelveHours));
    expect(pieces).toEqual(events);
  });

  it('is in view exactly from AOS to LOS', () => {
    const s = source();
    const pass = s.currentPass!;
    expect(s.isInView(pass.aosMs - 1)).toBe(false);
    expect(s.isInView(pass.aosMs)).toBe(true);
    expect(s.isInView(pass.losMs - 1)).toBe(true);
    expect(s.isInView(pass.losMs)).toBe(false);
  });

  it('does not report a pass already under way at the start: its AOS was never seen', () => {
    const midPass = predicted[0]!.aosMs + 60_000;
    const late = source(midPass).eventsUntil(predicted[1]!.aosMs);
    expect(late.some((e) => e.passId === predicted[0]!.passId)).toBe(false);
    expect(late[0]).toMatchObject({ type: 'aos', passId: predicted[1]!.passId });
  });
});
