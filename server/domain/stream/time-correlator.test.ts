import { describe, expect, it } from 'vitest';
import { decodePacket } from '../codec/packet-codec';
import { defaultMissionDatabase } from '../mission/default-mission-database';
import { demoFleet } from '../mission/fleet';
import { FleetSimulator, type SimPacket } from '../../sim/fleet-simulator';
import { DedupeWindow, packetDedupeKey } from './dedupe-window';
import { TimeCorrelator, type TimedPacket, type TimeDecision } from './time-correlator';

const mdb = defaultMissionDatabase();
const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
/** The CUC fine time is 2^-16 s and the decoder keeps whole µs: a decoded time is within this of the encoded one. */
const CUC_RESOLUTION_MS = 1000 / 65536 / 2 + 0.0005;

/** A 10 Hz stream of satellite 101, APID 256, arriving `delayMs` after sampling. */
function attitude(count: number, { firstSequence = 0, startMs = T0, delayMs = 40 } = {}): TimedPacket[] {
  return Array.from({ length: count }, (_, i) => ({
    satelliteId: 101,
    apid: 256,
    sequenceCount: (firstSequence + i) % 16384,
    onboardTimeMs: startMs + i * 100,
    arrivalMs: startMs + i * 100 + delayMs,
    periodMs: 100,
  }));
}

const drifted = (p: TimedPacket, byMs: number): TimedPacket => ({ ...p, onboardTimeMs: p.onboardTimeMs + byMs });

interface Observed {
  readonly packet: SimPacket;
  readonly receivedTimeMs: number;
  readonly decision: TimeDecision;
}

/** Decodes, de-duplicates and correlates simulator output batch by batch, as the pipeline does. */
function correlateSimulation(
  sim: FleetSimulator,
  { seconds, batchMs, arrivalOf }: { seconds: number; batchMs: number; arrivalOf: (p: SimPacket, i: number) => number },
): Observed[] {
  const correlator = new TimeCorrelator();
  const dedupe = new DedupeWindow({ windowMs: 60_000, maxEntries: 100_000 });
  const observed: Observed[] = [];
  const startMs = sim.timeMs;
  let index = 0;
  for (let t = startMs + batchMs; t <= startMs + seconds * 1000; t += batchMs) {
    const batch: Array<{ packet: SimPacket; timed: TimedPacket }> = [];
    for (const packet of sim.advance(t).packets) {
      const arrivalMs = arrivalOf(packet, index++);
      const result = decodePacket(mdb, packet.bytes);
      if (!result.ok) throw result.error;
      const { satelliteId, sequenceCount, onboardTimeMs, layout } = result.packet;
      if (dedupe.isDuplicate(packetDedupeKey(satelliteId, layout.apid, sequenceCount, onboardTimeMs), arrivalMs)) continue;
      batch.push({ packet, timed: { satelliteId, apid: layout.apid, sequenceCount, onboardTimeMs, arrivalMs, periodMs: 1000 / layout.rateHz } });
    }
    const decisions = correlator.correlate(batch.map((b) => b.timed));
    batch.forEach((b, i) => observed.push({ packet: b.packet, receivedTimeMs: b.timed.onboardTimeMs, decision: decisions[i]! }));
  }
  return observed;
}

function tally(observed: readonly Observed[]) {
  const count = (action: TimeDecision['action']) => observed.filter((o) => o.decision.action === action).length;
  return { accepted: count('accept'), repaired: count('repair'), quarantined: count('quarantine') };
}

/** Every drifted packet repaired to its true time or quarantined; every other packet accepted untouched. */
function expectDriftHandled(observed: readonly Observed[]): void {
  for (const { packet, receivedTimeMs, decision } of observed) {
    if (packet.fault === 'drift') {
      expect(decision.action).not.toBe('accept');
      if (decision.action === 'repair') {
        expect(Math.abs(decision.timeMs - packet.trueOnboardTimeMs)).toBeLessThanOrEqual(CUC_RESOLUTION_MS);
        expect(decision.receivedTimeMs).toBe(receivedTimeMs);
      }
    } else {
      expect(decision).toMatchObject({ action: 'accept', timeMs: receivedTimeMs });
    }
  }
}

describe('Stream > TimeCorrelator', () => {
  describe('#correlate on simulator output', () => {
    it('repairs or quarantines exactly the drifted packets among duplicates and reordered bursts', () => {
      const sim = new FleetSimulator({
        mdb,
        fleet: demoFleet(3),
        seed: 11,
        startTimeMs: T0,
        faults: { duplicateRate: 0.02, driftRate: 0.12, corruptRate: 0, reorderRate: 0.05 },
      });
      const observed = correlateSimulation(sim, { seconds: 180, batchMs: 1000, arrivalOf: (p, i) => p.transmitTimeMs + 30 + (i % 5) * 10 });
      const faults = sim.faultCounts();
      expect(faults).toEqual({ duplicate: 217, drift: 1079, corrupt: 0, reorder: 1452 });
      // Dedupe ran first: every retransmitted copy, and only those, stayed away from the correlator.
      expect(observed.length).toBe(sim.counts().sent - faults.duplicate);
      expect(observed.some((o) => o.packet.fault === 'duplicate')).toBe(false);
      const { repaired, quarantined, accepted } = tally(observed);
      expect(repaired + quarantined).toBe(faults.drift);
      expect({ repaired, quarantined, accepted }).toEqual({ repaired: 1076, quarantined: 3, accepted: observed.length - 1079 });
      expectDriftHandled(observed);
      // Reordered packets are older than their stream's newest, yet sequence continuity accounts for every one.
      const reordered = observed.filter((o) => o.packet.fault === 'reorder');
      expect(reordered.length).toBe(faults.reorder);
      const byBasis = reordered.filter((o) => o.decision.action === 'accept' && o.decision.basis === 'sequence');
      expect(byBasis.length).toBe(faults.reorder - 4);
      // The other four were the first of their stream to be accepted (102:290:0 was drifted and quarantined): no predecessor yet.
      const onOffset = reordered.filter((o) => !byBasis.includes(o));
      expect(onOffset.map((o) => [`${o.packet.satelliteId}:${o.packet.apid}:${o.packet.sequenceCount}`, o.decision])).toEqual([
        ['101:288:0', { action: 'accept', timeMs: onOffset[0]!.receivedTimeMs, basis: 'clock-offset' }],
        ['101:256:0', { action: 'accept', timeMs: onOffset[1]!.receivedTimeMs, basis: 'clock-offset' }],
        ['103:290:0', { action: 'accept', timeMs: onOffset[2]!.receivedTimeMs, basis: 'clock-offset' }],
        ['102:290:1', { action: 'accept', timeMs: onOffset[3]!.receivedTimeMs, basis: 'clock-offset' }],
      ]);
      expect(observed.find((o) => o.packet.satelliteId === 102 && o.packet.apid === 290 && o.packet.sequenceCount === 0)).toMatchObject({
        packet: { fault: 'drift' },
        decision: { action: 'quarantine', reason: 'clock-drift' },
      });
    });

    it('judges data recorded minutes ago and replayed 15× faster than real time without false drift', () => {
      const sim = new FleetSimulator({
        mdb,
        fleet: demoFleet(3),
        seed: 5,
        startTimeMs: T0,
        faults: { duplicateRate: 0, driftRate: 0.12, corruptRate: 0, reorderRate: 0 },
      });
      const replayStartMs = T0 + 10 * 60_000;
      // arrival − onboard shrinks by 14/15 ms per onboard ms: from +10 min to +4.4 min over the 6 min replayed.
      const observed = correlateSimulation(sim, {
        seconds: 360,
        batchMs: 30_000,
        arrivalOf: (p) => replayStartMs + (p.trueOnboardTimeMs - T0) / 15 + 20,
      });
      expect(observed.length).toBe(3 * 19 * 360);
      expectDriftHandled(observed);
      const { repaired, quarantined } = tally(observed);
      expect(repaired + quarantined).toBe(sim.faultCounts().drift);
      expect({ repaired, quarantined }).toEqual({ repaired: 2489, quarantined: 3 });
    });
  });

  describe('#correlate decision rules', () => {
    it('accepts a stream whose times follow sequence continuity, the first packet on its clock offset', () => {
      const decisions = new TimeCorrelator().correlate(attitude(5));
      expect(decisions).toEqual([
        { action: 'accept', timeMs: T0, basis: 'clock-offset' },
        { action: 'accept', timeMs: T0 + 100, basis: 'sequence' },
        { action: 'accept', timeMs: T0 + 200, basis: 'sequence' },
        { action: 'accept', timeMs: T0 + 300, basis: 'sequence' },
        { action: 'accept', timeMs: T0 + 400, basis: 'sequence' },
      ]);
    });

    it('accepts jitter within max(20% of the period, 5 ms) of the prediction and repairs beyond it', () => {
      const stream = attitude(4);
      stream[1] = drifted(stream[1]!, 20);
      stream[3] = drifted(stream[3]!, 30_000);
      const decisions = new TimeCorrelator().correlate(stream);
      expect(decisions[1]).toEqual({ action: 'accept', timeMs: T0 + 120, basis: 'sequence' });
      expect(decisions[2]).toEqual({ action: 'accept', timeMs: T0 + 200, basis: 'sequence' });
      // Predicted from the last accepted time, T0 + 200, one period on.
      expect(decisions[3]).toEqual({ action: 'repair', timeMs: T0 + 300, receivedTimeMs: T0 + 30_300 });
    });

    it('quarantines the very first packet of a satellite when it is drifted: there is nothing to repair from', () => {
      const stream = attitude(40);
      stream[0] = drifted(stream[0]!, 1_800_000);
      const correlator = new TimeCorrelator();
      const decisions = correlator.correlate(stream);
      expect(decisions[0]).toEqual({
        action: 'quarantine',
        reason: 'clock-drift',
        detail:
          'clock offset (arrival − onboard) -1799960 ms for onboard time 2026-11-25T12:30:00.000Z, expected +40 ms ± 10000 ms ' +
          '(median of 40 observations); no accepted packet of APID 256 within 64 sequence counts to repair from',
      });
      expect(decisions[1]).toEqual({ action: 'accept', timeMs: T0 + 100, basis: 'clock-offset' });
      expect(decisions.slice(2).every((d) => d.action === 'accept' && d.basis === 'sequence')).toBe(true);
      expect(correlator.clockOffsetMs(101)).toBe(40);
    });

    it('with too few observations, accepts only times close to arrival, and keeps every offset so the estimate forms', () => {
      const correlator = new TimeCorrelator({ minObservations: 3 });
      const [first, second, third, fourth] = attitude(4);
      expect(correlator.correlate([drifted(first!, 600_000)])).toEqual([
        {
          action: 'quarantine',
          reason: 'clock-drift',
          detail:
            'cannot verify onboard time 2026-11-25T12:10:00.000Z: only 1 clock-offset observation(s) for satellite 101, 3 needed, ' +
            'and it is -599960 ms from arrival',
        },
      ]);
      // Spacecraft clocks run on UTC: before the estimate forms, a time 40 ms from arrival is the link delay.
      expect(correlator.correlate([second!])).toEqual([{ action: 'accept', timeMs: T0 + 100, basis: 'arrival' }]);
      expect(correlator.correlate([third!])).toEqual([{ action: 'accept', timeMs: T0 + 200, basis: 'sequence' }]);
      expect(correlator.correlate([fourth!])).toEqual([{ action: 'accept', timeMs: T0 + 300, basis: 'sequence' }]);
      expect(correlator.clockOffsetMs(101)).toBe(40);
    });

    it('judges a satellite with a known clock offset against it until it has offsets of its own, however its packets are batched', () => {
      // Onboard clock 120 s behind UTC: arrival − onboard is 120 s plus the 40 ms link delay.
      const stream = attitude(8, { delayMs: 120_040 });
      stream[1] = drifted(stream[1]!, 30_000);
      stream[5] = drifted(stream[5]!, 30_000);
      const options = { knownClockOffsetsMs: new Map([[101, 120_000]]) };
      const whole = new TimeCorrelator(options).correlate(stream);
      const oneByOne = new TimeCorrelator(options);
      expect(stream.map((p) => oneByOne.correlate([p])[0])).toEqual(whole);
      expect(whole).toEqual([
        { action: 'accept', timeMs: T0, basis: 'clock-offset' },
        // Its predecessor predicts T0 + 100 with offset +120040 ms, 40 ms from the known offset.
        { action: 'repair', timeMs: T0 + 100, receivedTimeMs: T0 + 30_100 },
        { action: 'accept', timeMs: T0 + 200, basis: 'sequence' },
        { action: 'accept', timeMs: T0 + 300, basis: 'sequence' },
        { action: 'accept', timeMs: T0 + 400, basis: 'sequence' },
        // Three offsets of its own by now: the median of them, 120040 ms, is the estimate.
        { action: 'repair', timeMs: T0 + 500, receivedTimeMs: T0 + 30_500 },
        { action: 'accept', timeMs: T0 + 600, basis: 'sequence' },
        { action: 'accept', timeMs: T0 + 700, basis: 'sequence' },
      ]);
      expect(oneByOne.clockOffsetMs(101)).toBe(120_040);
      // Without the known offset, packets one at a time are 120 s from arrival and cannot be verified.
      const unknown = new TimeCorrelator();
      expect(unknown.correlate([stream[0]!])).toEqual([
        {
          action: 'quarantine',
          reason: 'clock-drift',
          detail:
            'cannot verify onboard time 2026-11-25T12:00:00.000Z: only 1 clock-offset observation(s) for satellite 101, 3 needed, ' +
            'and it is +120040 ms from arrival',
        },
      ]);
    });

    it('quarantines the first packet of a satellite with a known clock offset when it is far from that offset, naming it', () => {
      const correlator = new TimeCorrelator({ knownClockOffsetsMs: new Map([[101, -37_000]]) });
      const [first, second] = attitude(2, { delayMs: -36_960 });
      expect(correlator.correlate([drifted(first!, -600_000)])).toEqual([
        {
          action: 'quarantine',
          reason: 'clock-drift',
          detail:
            'clock offset (arrival − onboard) +563040 ms for onboard time 2026-11-25T11:50:00.000Z, expected -37000 ms ± 10000 ms ' +
            "(the satellite's known clock offset, 0 of 3 observations of its own); no accepted packet of APID 256 within 64 sequence counts to repair from",
        },
      ]);
      // A clock on TAI, 37 s ahead of UTC, 40 ms of link delay: it agrees with the known offset.
      expect(correlator.correlate([second!])).toEqual([{ action: 'accept', timeMs: T0 + 100, basis: 'clock-offset' }]);
      // Satellites the known offsets do not name are still taken to run on UTC.
      expect(correlator.correlate(attitude(1).map((p) => ({ ...p, satelliteId: 102 })))).toEqual([{ action: 'accept', timeMs: T0, basis: 'arrival' }]);
    });

    it('quarantines a drifted packet after a sequence gap beyond maxSequenceGap, giving the offsets', () => {
      const correlator = new TimeCorrelator({ maxSequenceGap: 8 });
      correlator.correlate(attitude(20));
      const late = drifted(attitude(1, { firstSequence: 30, startMs: T0 + 3_000 })[0]!, -45_000);
      expect(correlator.correlate([late])).toEqual([
        {
          action: 'quarantine',
          reason: 'clock-drift',
          detail:
            'clock offset (arrival − onboard) +45040 ms for onboard time 2026-11-25T11:59:18.000Z, expected +40 ms ± 10000 ms ' +
            '(median of 21 observations); no accepted packet of APID 256 within 8 sequence counts to repair from',
        },
      ]);
    });

    it('quarantines a packet whose time fits neither its predecessor nor arrival, even as repaired', () => {
      const stream = attitude(12);
      // Arrives 40 s late with a time 40 s early: the repaired time would be 40 s off arrival too.
      stream[11] = { ...stream[11]!, onboardTimeMs: T0 + 1100 - 40_000, arrivalMs: T0 + 1100 + 40_040 };
      const [decision] = new TimeCorrelator().correlate(stream).slice(11);
      expect(decision).toEqual({
        action: 'quarantine',
        reason: 'clock-drift',
        detail:
          'clock offset (arrival − onboard) +80040 ms for onboard time 2026-11-25T11:59:21.100Z, expected +40 ms ± 10000 ms ' +
          '(median of 12 observations); sequence continuity predicts 2026-11-25T12:00:01.100Z (1 × 100 ms from sequence 10), ' +
          'offset +40040 ms, also outside the bound',
      });
    });

    it('re-anchors on a packet that fits arrival better than its predecessor predicts, so one bad anchor does not spread', () => {
      const stream = attitude(30);
      // The first packet is 5 s off: inside the drift bound, so nothing can show it is wrong yet.
      stream[0] = drifted(stream[0]!, 5_000);
      const decisions = new TimeCorrelator().correlate(stream);
      expect(decisions[0]).toEqual({ action: 'accept', timeMs: T0 + 5_000, basis: 'clock-offset' });
      expect(decisions[1]).toEqual({ action: 'accept', timeMs: T0 + 100, basis: 'clock-offset' });
      expect(decisions.slice(2).every((d) => d.action === 'accept' && d.basis === 'sequence')).toBe(true);
    });

    it('accepts a stream resuming after an hour of silence whose count lands within the gap, rather than repairing it an hour back', () => {
      const correlator = new TimeCorrelator();
      correlator.correlate(attitude(10));
      const resumed = attitude(3, { firstSequence: 12, startMs: T0 + 3_600_000 });
      expect(correlator.correlate(resumed).map((d) => d.action === 'accept' && d.basis)).toEqual(['clock-offset', 'sequence', 'sequence']);
    });

    it('accepts an older packet of a reordered burst by continuity and never moves the stream back', () => {
      const correlator = new TimeCorrelator({ maxSequenceGap: 4 });
      const stream = attitude(11);
      // 0..7 in order, then 9 and 8 swapped; an old straggler (seq 2) much later; then 10, drifted.
      const order = [0, 1, 2, 3, 4, 5, 6, 7, 9, 8];
      const decisions = correlator.correlate([...order.map((i) => stream[i]!), { ...stream[2]!, arrivalMs: T0 + 1_000 }]);
      expect(decisions.slice(8)).toEqual([
        { action: 'accept', timeMs: T0 + 900, basis: 'sequence' },
        { action: 'accept', timeMs: T0 + 800, basis: 'sequence' },
        { action: 'accept', timeMs: T0 + 200, basis: 'clock-offset' },
      ]);
      // Had the straggler moved the stream back to 2, seq 10 would be 8 counts away, beyond the gap, and unrepairable.
      expect(correlator.correlate([drifted(stream[10]!, 7_200_000)])).toEqual([{ action: 'repair', timeMs: T0 + 1_000, receivedTimeMs: T0 + 7_201_000 }]);
    });

    it('steps across the 14-bit sequence wrap', () => {
      const stream = attitude(4, { firstSequence: 16382 });
      stream[3] = drifted(stream[3]!, -20_000);
      expect(stream.map((p) => p.sequenceCount)).toEqual([16382, 16383, 0, 1]);
      expect(new TimeCorrelator().correlate(stream).slice(2)).toEqual([
        { action: 'accept', timeMs: T0 + 200, basis: 'sequence' },
        { action: 'repair', timeMs: T0 + 300, receivedTimeMs: T0 - 19_700 },
      ]);
    });

    it('accepts playback with old onboard times by continuity, apart from the real-time stream and its clock estimate', () => {
      const correlator = new TimeCorrelator();
      correlator.correlate(attitude(10));
      const dump = attitude(3, { firstSequence: 500, startMs: T0 - 6 * 3_600_000 }).map((p) => ({ ...p, arrivalMs: T0 + 1_000, playback: true }));
      const live = attitude(1, { firstSequence: 10, startMs: T0 + 1_000 });
      expect(correlator.correlate([dump[0]!, live[0]!, dump[1]!, drifted(dump[2]!, 1_234)])).toEqual([
        { action: 'accept', timeMs: T0 - 6 * 3_600_000, basis: 'playback' },
        { action: 'accept', timeMs: T0 + 1_000, basis: 'sequence' },
        { action: 'accept', timeMs: T0 - 6 * 3_600_000 + 100, basis: 'sequence' },
        { action: 'accept', timeMs: T0 - 6 * 3_600_000 + 200 + 1_234, basis: 'playback' },
      ]);
      expect(correlator.clockOffsetMs(101)).toBe(40);
    });
  });

  it('rejects options it cannot work with', () => {
    expect(() => new TimeCorrelator({ driftBoundMs: 0 })).toThrow('driftBoundMs must be positive, got 0');
    expect(() => new TimeCorrelator({ maxSequenceGap: 8192 })).toThrow('maxSequenceGap must be an integer in 1..8191, got 8192');
    expect(() => new TimeCorrelator({ minObservations: 65 })).toThrow('minObservations must be an integer in 1..offsetWindow, got 65');
    expect(() => new TimeCorrelator({ knownClockOffsetsMs: new Map([[101, Number.NaN]]) })).toThrow('known clock offset of satellite 101 must be a finite number of ms, got NaN');
  });
});
