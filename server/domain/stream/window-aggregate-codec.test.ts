import { describe, expect, it } from 'vitest';
import { demoFleet } from '../mission/fleet';
import { defaultMissionDatabase } from '../mission/default-mission-database';
import { FleetSimulator } from '../../sim/fleet-simulator';
import { Prng } from '../../sim/prng';
import { TelemetryPipeline } from './telemetry-pipeline';
import { windowAggregatesSchema, type WindowAggregate } from './window-aggregate';
import { decodeWindowAggregates, encodeWindowAggregates, WindowAggregateCodecError } from './window-aggregate-codec';
import { WindowAggregator } from './window-aggregator';

const T0 = Date.UTC(2026, 10, 25, 12);
const ONE: WindowAggregate = { satelliteId: 101, parameterId: 100, windowStartMs: T0, windowMs: 1000, min: -1.5, max: 28.6, sum: 27.1, count: 2, last: 28.6, lastTimeMs: T0 + 900.25, late: false, mode: 'replace' };

describe('window-aggregate@2 codec', () => {
  it("carries a satellite's closed windows exactly, in a quarter of the JSON bytes", () => {
    const mdb = defaultMissionDatabase();
    const fleet = demoFleet(1);
    const sim = new FleetSimulator({ mdb, fleet, seed: 4, startTimeMs: T0 });
    const pipeline = new TelemetryPipeline({ mdb, fleet });
    const packets = sim.advance(T0 + 4000).packets;
    const { frames } = pipeline.processBatch(packets.map((p, i) => ({ bytes: p.bytes, topic: mdb.latestLayout(p.apid)!.topic!, partition: 0, offset: String(i), arrivalMs: p.transmitTimeMs + 40 })));
    const aggregator = new WindowAggregator({ allowedLatenessMs: 2000 });
    for (const f of frames) aggregator.add(f);
    const closed = [...aggregator.advance(), ...aggregator.flush()];
    expect(closed.length).toBeGreaterThan(600);
    const bytes = encodeWindowAggregates(closed);
    expect(decodeWindowAggregates(bytes)).toEqual(closed);
    expect(windowAggregatesSchema.parse(decodeWindowAggregates(bytes))).toEqual(closed);
    expect(bytes.length).toBeLessThan(closed.reduce((n, a) => n + Buffer.byteLength(JSON.stringify(a)), 0) / 3.5);
  });

  it('keeps late re-emissions and merge corrections, and refuses what it cannot carry', () => {
    const list = [ONE, { ...ONE, parameterId: 32767, late: true }, { ...ONE, windowMs: 60_000, count: 1, late: true, mode: 'merge' as const }];
    expect(decodeWindowAggregates(encodeWindowAggregates(list))).toEqual(list);
    expect(() => encodeWindowAggregates([])).toThrow(RangeError);
    expect(() => encodeWindowAggregates([ONE, { ...ONE, satelliteId: 102 }])).toThrow("one message carries one satellite's aggregates: 102 among 101's");
    expect(() => encodeWindowAggregates([{ ...ONE, count: 2.5 }])).toThrow('count 2.5 does not fit');
  });

  it('names what is wrong with bytes it cannot read', () => {
    const bytes = encodeWindowAggregates([ONE, { ...ONE, parameterId: 101 }]);
    for (let length = 0; length < bytes.length; length++) expect(() => decodeWindowAggregates(bytes.subarray(0, length))).toThrow(WindowAggregateCodecError);
    expect(() => decodeWindowAggregates(bytes.subarray(0, bytes.length - 59))).toThrow('2 aggregates take 118 bytes, the message has 59 after its header');
    expect(() => decodeWindowAggregates(Buffer.from(JSON.stringify(ONE)))).toThrow('not a window-aggregate@2 message (no PWA2 magic)');
    const badFlags = Buffer.from(bytes);
    badFlags[4 + 2 + 4 + 2] = 4;
    expect(() => decodeWindowAggregates(badFlags)).toThrow('aggregate 0: unknown flags 0x4');
  });

  it('refuses, with the reason, every aggregate the schema refuses, and returns only what it accepts whatever the bytes', () => {
    const refused: Array<[WindowAggregate, string]> = [
      [{ ...ONE, parameterId: 0 }, 'aggregate 0: parameter id 0 outside 1..32767'],
      [{ ...ONE, parameterId: 40_000 }, 'aggregate 0: parameter id 40000 outside 1..32767'],
      [{ ...ONE, min: 30 }, 'aggregate 0: min exceeds max'],
      [{ ...ONE, sum: Number.NaN }, 'aggregate 0: sum is NaN'],
      [{ ...ONE, windowMs: 0 }, 'aggregate 0: window length is 0'],
      [{ ...ONE, count: 0 }, 'aggregate 0: count is 0'],
      [{ ...ONE, lastTimeMs: Infinity }, 'aggregate 0: last time is Infinity'],
    ];
    for (const [aggregate, reason] of refused) {
      expect(windowAggregatesSchema.safeParse([aggregate]).success).toBe(false);
      expect(() => decodeWindowAggregates(encodeWindowAggregates([aggregate]))).toThrow(reason);
    }
    const bytes = encodeWindowAggregates(Array.from({ length: 20 }, (_, i) => ({ ...ONE, parameterId: 100 + i, late: i % 3 === 0 })));
    const prng = new Prng(5);
    let read = 0;
    for (let round = 0; round < 3000; round++) {
      const mutated = Buffer.from(bytes);
      mutated[prng.integer(0, mutated.length - 1)] = prng.integer(0, 255);
      try {
        const aggregates = decodeWindowAggregates(mutated);
        read++;
        expect(windowAggregatesSchema.safeParse(aggregates).error?.issues).toBeUndefined();
      } catch (error) {
        expect(error).toBeInstanceOf(WindowAggregateCodecError);
      }
    }
    expect(read).toBeGreaterThan(300);
    expect(read).toBeLessThan(3000);
  });
});
