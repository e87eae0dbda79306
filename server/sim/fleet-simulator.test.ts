import { beforeAll, describe, expect, it } from 'vitest';
import { decodePacket } from '../domain/codec/packet-codec';
import { groundStationEventSchema, type GroundStationEvent } from '../domain/ground-station-event';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { demoFleet } from '../domain/mission/fleet';
import { DRIFT_RANGE_MS, type FaultRates } from './fault-injector';
import { FleetSimulator, RELAY_STATION, SEQUENCE_COUNT_MODULO, type SimPacket } from './fleet-simulator';

const mdb = defaultMissionDatabase();
const fleet = demoFleet(3);
const start = Date.UTC(2026, 10, 25, 12, 0, 0, 37);
const TEN_PERCENT: FaultRates = { duplicateRate: 0.1, driftRate: 0.1, corruptRate: 0.1, reorderRate: 0.1 };
const APIDS = [256, 272, 288, 289, 290, 291];

const countBy = <T>(items: readonly T[], key: (item: T) => string) =>
  items.reduce<Record<string, number>>((acc, item) => ({ ...acc, [key(item)]: (acc[key(item)] ?? 0) + 1 }), {});

describe('Sim > FleetSimulator', () => {
  describe('#advance', () => {
    let sim: FleetSimulator;
    let packets: SimPacket[];
    beforeAll(() => {
      sim = new FleetSimulator({ mdb, fleet, seed: 1, startTimeMs: start });
      packets = sim.advance(start + 10_000).packets;
    });

    it('emits exactly the mission database rates over 10 s: 100 attitude, 50 power, 10 of each thermal block per satellite', () => {
      const counts = countBy(packets, (p) => `${p.satelliteId}:${p.apid}`);
      const expected: Record<string, number> = {};
      for (const s of fleet.satellites) {
        for (const apid of APIDS) expected[`${s.id}:${apid}`] = apid === 256 ? 100 : apid === 272 ? 50 : 10;
      }
      expect(counts).toEqual(expected);
      expect(sim.counts()).toMatchObject({ generated: 570, sent: 570, delayed: 0, held: 0 });
    });

    it('samples attitude every 100 ms, power every 200 ms and each thermal block once a second, in time order', () => {
      const times = (satelliteId: number, apid: number) => packets.filter((p) => p.satelliteId === satelliteId && p.apid === apid).map((p) => p.trueOnboardTimeMs);
      const gaps = (ts: number[]) => [...new Set(ts.slice(1).map((t, i) => t - ts[i]!))];
      expect(gaps(times(102, 256))).toEqual([100]);
      expect(gaps(times(102, 272))).toEqual([200]);
      expect(gaps(times(102, 289))).toEqual([1000]);
      expect(times(101, 256)[0]).toBe(start - 37 + 100);
      // The thermal blocks are spread over the second rather than sent in one burst.
      expect([288, 289, 290, 291].map((apid) => times(101, apid)[0]! % 1000)).toEqual([100, 300, 600, 800]);
      const all = packets.map((p) => p.transmitTimeMs);
      expect(all).toEqual([...all].sort((a, b) => a - b));
      for (const p of packets) expect(p.transmitTimeMs).toBe(p.trueOnboardTimeMs);
    });

    it('encodes packets that decode to their satellite, APID, onboard time and consecutive sequence counts', () => {
      const next = new Map<string, number>();
      for (const p of packets) {
        const result = decodePacket(mdb, p.bytes);
        if (!result.ok) throw result.error;
        expect(result.packet.satelliteId).toBe(p.satelliteId);
        expect(result.packet.layout.apid).toBe(p.apid);
        expect(Math.abs(result.packet.onboardTimeMs - p.trueOnboardTimeMs)).toBeLessThan(0.01);
        const key = `${p.satelliteId}:${p.apid}`;
        expect(result.packet.sequenceCount).toBe(next.get(key) ?? 0);
        next.set(key, result.packet.sequenceCount + 1);
      }
    });

    it('returns nothing for a time that is not after the current one', () => {
      expect(sim.advance(start + 10_000)).toEqual({ packets: [], events: [] });
      expect(sim.advance(start)).toEqual({ packets: [], events: [] });
    });
  });

  it('wraps the 14-bit sequence counter from 16383 to 0', () => {
    const sim = new FleetSimulator({ mdb, fleet: demoFleet(1), seed: 1, startTimeMs: start });
    const attitude: number[] = [];
    for (let t = start; t < start + 1_640_000; t += 60_000) {
      for (const p of sim.advance(Math.min(t + 60_000, start + 1_640_000)).packets) if (p.apid === 256) attitude.push(p.sequenceCount);
    }
    expect(attitude.length).toBe(16_400);
    expect(attitude.slice(SEQUENCE_COUNT_MODULO - 2, SEQUENCE_COUNT_MODULO + 2)).toEqual([16382, 16383, 0, 1]);
  });

  describe('determinism', () => {
    const run = (seed: number, sliceMs: number) => {
      const sim = new FleetSimulator({ mdb, fleet, seed, startTimeMs: start, faults: TEN_PERCENT });
      const packets: SimPacket[] = [];
      const events: GroundStationEvent[] = [];
      for (let t = start + sliceMs; t <= start + 60_000; t += sliceMs) {
        const out = sim.advance(t);
        packets.push(...out.packets);
        events.push(...out.events);
      }
      return { packets, events, counts: sim.counts() };
    };

    it('gives byte-identical output for the same seed, however time is sliced', () => {
      const whole = run(7, 60_000);
      const sliced = run(7, 50);
      const odd = run(7, 7_500);
      expect(sliced.packets).toEqual(whole.packets);
      expect(odd.packets).toEqual(whole.packets);
      expect(sliced.counts).toEqual(whole.counts);
    });

    it('gives different noise and faults for another seed', () => {
      const a = run(7, 60_000).packets;
      const b = run(8, 60_000).packets;
      expect(b.length).not.toBe(0);
      expect(b.map((p) => p.bytes)).not.toEqual(a.map((p) => p.bytes));
    });
  });

  describe('faults at 10% each', () => {
    let sim: FleetSimulator;
    const packets: SimPacket[] = [];
    let counts: ReturnType<FleetSimulator['counts']>;
    let marked: Record<string, number>;
    beforeAll(() => {
      sim = new FleetSimulator({ mdb, fleet, seed: 11, startTimeMs: start, faults: TEN_PERCENT });
      for (let t = start + 1000; t <= start + 120_000; t += 1000) packets.push(...sim.advance(t).packets);
      counts = sim.counts();
      marked = countBy(packets.filter((p) => p.fault), (p) => p.fault!);
    });

    it('counts exactly the faults it marked, and every packet it generated', () => {
      expect(sim.faultCounts()).toEqual({ duplicate: marked.duplicate, drift: marked.drift, corrupt: marked.corrupt, reorder: marked.reorder });
      expect(counts.sent).toBe(packets.length);
      expect(counts.generated).toBe(3 * 120 * 19);
      expect(counts.generated).toBe(counts.sent - counts.faults.duplicate + counts.held);
      for (const kind of ['duplicate', 'drift', 'corrupt'] as const) {
        expect(counts.faults[kind] / counts.generated).toBeGreaterThan(0.08);
        expect(counts.faults[kind] / counts.generated).toBeLessThan(0.12);
      }
    });

    it('fails decoding for exactly the corrupt packets, always with crc-mismatch', () => {
      const failures = packets.flatMap((p, i) => {
        const result = decodePacket(mdb, p.bytes);
        return result.ok ? [] : [[i, result.error.reason] as const];
      });
      expect(failures.map(([i]) => i)).toEqual(packets.flatMap((p, i) => (p.fault === 'corrupt' ? [i] : [])));
      expect(new Set(failures.map(([, reason]) => reason))).toEqual(new Set(['crc-mismatch']));
    });

    it('keeps the corrupt packets framable: the primary header is untouched', () => {
      for (const p of packets.filter((q) => q.fault === 'corrupt')) {
        expect(((p.bytes[4]! << 8) | p.bytes[5]!) + 7).toBe(p.bytes.length);
        expect(((p.bytes[0]! << 8) | p.bytes[1]!) & 0x7ff).toBe(p.apid);
      }
    });

    it('sends duplicates as byte-identical copies 0.1–2 s after the original', () => {
      for (const copy of packets.filter((p) => p.fault === 'duplicate')) {
        const original = packets.find((p) => p !== copy && p.satelliteId === copy.satelliteId && p.apid === copy.apid && p.sequenceCount === copy.sequenceCount && !p.fault);
        expect(original).toBeDefined();
        expect(copy.bytes).toEqual(original!.bytes);
        expect(copy.transmitTimeMs - original!.transmitTimeMs).toBeGreaterThanOrEqual(100);
        expect(copy.transmitTimeMs - original!.transmitTimeMs).toBeLessThanOrEqual(2000);
      }
    });

    it('encodes drifted packets validly with an onboard time 20 s–2 h off the true one', () => {
      const drifted = packets.filter((p) => p.fault === 'drift');
      expect(drifted.length).toBeGreaterThan(500);
      for (const p of drifted) {
        const result = decodePacket(mdb, p.bytes);
        if (!result.ok) throw result.error;
        const offsetMs = Math.abs(result.packet.onboardTimeMs - p.trueOnboardTimeMs);
        expect(offsetMs).toBeGreaterThanOrEqual(DRIFT_RANGE_MS.min - 1);
        expect(offsetMs).toBeLessThanOrEqual(DRIFT_RANGE_MS.max + 1);
      }
    });

    it('releases reordered runs of 2–4 packets in reverse sampling order', () => {
      // Consecutive reordered packets of one satellite sent at one instant are one or more runs
      // back to back; each run goes out newest first, so splitting at every step forward in
      // sampling order must leave runs of 2–4.
      const sampled = (p: SimPacket) => p.trueOnboardTimeMs * 4096 + p.apid;
      const runLengths: number[] = [];
      let i = 0;
      while (i < packets.length) {
        const p = packets[i]!;
        if (p.fault !== 'reorder') {
          i++;
          continue;
        }
        let length = 1;
        for (; ; length++) {
          const q = packets[i + length];
          const previous = packets[i + length - 1]!;
          if (!q || q.fault !== 'reorder' || q.satelliteId !== p.satelliteId || q.transmitTimeMs !== p.transmitTimeMs) break;
          if (sampled(q) > sampled(previous)) {
            runLengths.push(length);
            i += length;
            length = 0;
          }
        }
        runLengths.push(length);
        i += length;
      }
      expect(runLengths.length).toBeGreaterThan(100);
      expect(new Set(runLengths)).toEqual(new Set([2, 3, 4]));
      expect(runLengths.reduce((a, b) => a + b, 0)).toBe(counts.faults.reorder);
      for (const p of packets.filter((q) => q.fault === 'reorder')) {
        expect(decodePacket(mdb, p.bytes).ok).toBe(true);
        expect(p.transmitTimeMs).toBeGreaterThanOrEqual(p.trueOnboardTimeMs);
      }
    });
  });

  describe('passes', () => {
    const packets: Array<Pick<SimPacket, 'satelliteId' | 'trueOnboardTimeMs' | 'groundStation'>> = [];
    const events: GroundStationEvent[] = [];
    let passes: Array<{ aos: GroundStationEvent; los: GroundStationEvent | undefined }>;
    beforeAll(() => {
      const sim = new FleetSimulator({ mdb, fleet, seed: 1, startTimeMs: start });
      for (let t = start + 60_000; t <= start + 3 * 3_600_000; t += 60_000) {
        const out = sim.advance(t);
        // Keep one attitude packet per second: enough to see the labels, far less memory.
        for (const p of out.packets) {
          if (p.apid === 256 && p.trueOnboardTimeMs % 1000 === 0) packets.push({ satelliteId: p.satelliteId, trueOnboardTimeMs: p.trueOnboardTimeMs, groundStation: p.groundStation });
        }
        events.push(...out.events);
      }
      passes = events.filter((e) => e.type === 'aos').map((aos) => ({ aos, los: events.find((e) => e.type === 'los' && e.passId === aos.passId) }));
    });

    it('emits valid ground-station events with every AOS matched by its LOS', () => {
      for (const e of events) expect(groundStationEventSchema.parse(e)).toEqual(e);
      expect(passes.length).toBeGreaterThan(5);
      for (const { aos, los } of passes) {
        if (!los) continue; // a pass still in progress at the end
        expect(los.timeMs).toBe(aos.type === 'aos' ? aos.predictedLosMs : Number.NaN);
      }
      expect(passes.filter((p) => p.los).length).toBe(events.filter((e) => e.type === 'los').length);
    });

    it('labels packets with the station in view during its pass and "relay" otherwise', () => {
      for (const { aos, los } of passes) {
        if (!los) continue;
        const overlapping = passes.some((o) => o.aos !== aos && o.aos.satelliteId === aos.satelliteId && o.aos.timeMs < los.timeMs && (o.los?.timeMs ?? Infinity) > aos.timeMs);
        const during = packets.filter((p) => p.satelliteId === aos.satelliteId && p.trueOnboardTimeMs >= aos.timeMs + 1000 && p.trueOnboardTimeMs < los.timeMs - 1000);
        expect(during.length).toBeGreaterThan(30);
        if (!overlapping) for (const p of during) expect(p.groundStation).toBe(aos.station);
      }
      const inAnyPass = (p: (typeof packets)[number]) =>
        passes.some(({ aos, los }) => aos.satelliteId === p.satelliteId && p.trueOnboardTimeMs >= aos.timeMs - 1000 && p.trueOnboardTimeMs < (los?.timeMs ?? Infinity) + 1000);
      const outside = packets.filter((p) => !inAnyPass(p));
      expect(outside.length).toBeGreaterThan(10_000);
      for (const p of outside) expect(p.groundStation).toBe(RELAY_STATION);
    });
  });

  it('rejects fault rates that sum above 1 and duplicate satellite ids', () => {
    expect(() => new FleetSimulator({ mdb, fleet, seed: 1, startTimeMs: start, faults: { duplicateRate: 0.5, driftRate: 0.5, corruptRate: 0.5, reorderRate: 0 } })).toThrow(RangeError);
    const twice = { ...fleet, satellites: [fleet.satellites[0]!, fleet.satellites[0]!] };
    expect(() => new FleetSimulator({ mdb, fleet: twice, seed: 1, startTimeMs: start })).toThrow('satellite ids must be unique');
  });
});
