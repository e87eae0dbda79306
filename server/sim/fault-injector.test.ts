import { describe, expect, it } from 'vitest';
import { crc16 } from '../domain/codec/crc16';
import { DRIFT_RANGE_MS, FaultInjector, NO_FAULTS, type FaultKind } from './fault-injector';
import { Prng } from './prng';

const packet = Uint8Array.from({ length: 65 }, (_, i) => (i * 37) & 0xff);

describe('Sim > FaultInjector', () => {
  it('draws each fault at its configured share, at most one per packet', () => {
    const faults = new FaultInjector({ duplicateRate: 0.1, driftRate: 0.05, corruptRate: 0.02, reorderRate: 0.2 }, new Prng(9));
    const counts: Record<string, number> = {};
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const f: FaultKind | 'none' = faults.draw() ?? 'none';
      counts[f] = (counts[f] ?? 0) + 1;
    }
    expect(counts.duplicate! / n).toBeCloseTo(0.1, 2);
    expect(counts.drift! / n).toBeCloseTo(0.05, 2);
    expect(counts.corrupt! / n).toBeCloseTo(0.02, 2);
    expect(counts.reorder! / n).toBeCloseTo(0.2, 2);
    expect(counts.none! / n).toBeCloseTo(0.63, 2);
  });

  it('never draws a fault at zero rates', () => {
    const faults = new FaultInjector(NO_FAULTS, new Prng(1));
    for (let i = 0; i < 10_000; i++) expect(faults.draw()).toBeUndefined();
  });

  it('rejects rates outside 0..1 or summing above 1', () => {
    expect(() => new FaultInjector({ ...NO_FAULTS, driftRate: 1.5 }, new Prng(1))).toThrow('driftRate must be within 0..1');
    expect(() => new FaultInjector({ duplicateRate: 0.5, driftRate: 0.3, corruptRate: 0.3, reorderRate: 0 }, new Prng(1))).toThrow(
      'fault rates must sum to at most 1',
    );
  });

  it('flips 1–3 distinct bits between the primary header and the CRC, and the CRC catches every one', () => {
    const faults = new FaultInjector(NO_FAULTS, new Prng(4));
    const original = Uint8Array.from(packet);
    const flipCounts = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const bad = faults.corrupt(packet);
      let flipped = 0;
      bad.forEach((byte, j) => {
        const diff = byte ^ packet[j]!;
        if (diff !== 0) expect(j >= 6 && j < packet.length - 2).toBe(true);
        for (let b = diff; b; b &= b - 1) flipped++;
      });
      flipCounts.add(flipped);
      expect(crc16(bad, 0, bad.length - 2)).not.toBe(crc16(packet, 0, packet.length - 2));
    }
    expect([...flipCounts].sort()).toEqual([1, 2, 3]);
    expect(packet).toEqual(original);
  });

  it('offsets drifted clocks by 20 s to 2 h, both ways, in whole milliseconds', () => {
    const faults = new FaultInjector(NO_FAULTS, new Prng(5));
    const offsets = Array.from({ length: 5000 }, () => faults.driftOffsetMs());
    for (const o of offsets) {
      expect(Number.isInteger(o)).toBe(true);
      expect(Math.abs(o)).toBeGreaterThanOrEqual(DRIFT_RANGE_MS.min);
      expect(Math.abs(o)).toBeLessThanOrEqual(DRIFT_RANGE_MS.max);
    }
    expect(offsets.filter((o) => o < 0).length / offsets.length).toBeCloseTo(0.5, 1);
  });
});
