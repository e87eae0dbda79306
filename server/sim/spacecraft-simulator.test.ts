import { beforeAll, describe, expect, it } from 'vitest';
import { decodePacket } from '../domain/codec/packet-codec';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { demoFleet } from '../domain/mission/fleet';
import { ADCS_MODE } from './attitude-model';
import { FleetSimulator } from './fleet-simulator';

const mdb = defaultMissionDatabase();
const start = Date.UTC(2026, 10, 25, 12);
const ORBIT_MS = Math.round(86_400_000 / 15.19);

interface Second {
  timeMs: number;
  eclipse: number;
  socPercent: number;
  batteryCurrentA: number;
  arrayCurrentA: number;
  mode: number;
  minusZPanelC: number;
  batteryBoxC: number;
}

/** Runs the fleet, decodes every packet, checks it against its limits, and keeps a 1 Hz digest per satellite. */
function fly(satellites: number, durationMs: number) {
  const sim = new FleetSimulator({ mdb, fleet: demoFleet(satellites), seed: 3, startTimeMs: start });
  const violations: string[] = [];
  const seconds = new Map<number, Map<number, Partial<Second>>>();
  const digest = (satelliteId: number, timeMs: number) => {
    const bySat = seconds.get(satelliteId) ?? new Map<number, Partial<Second>>();
    seconds.set(satelliteId, bySat);
    const second = Math.floor(timeMs / 1000) * 1000;
    const entry = bySat.get(second) ?? { timeMs: second };
    bySat.set(second, entry);
    return entry;
  };
  for (let t = start; t < start + durationMs; t += 60_000) {
    for (const p of sim.advance(Math.min(t + 60_000, start + durationMs)).packets) {
      const result = decodePacket(mdb, p.bytes);
      if (!result.ok) throw result.error;
      const { layout, values } = result.packet;
      const value = (name: string) => values[layout.parameters.findIndex((q) => q.name === name)]!;
      layout.parameters.forEach((parameter, i) => {
        const v = values[i]!;
        const { warningLow = -Infinity, warningHigh = Infinity } = parameter.limits ?? {};
        if (v < warningLow || v > warningHigh) violations.push(`${p.satelliteId} ${parameter.name}=${v}`);
        if (parameter.states && !(String(v) in parameter.states)) violations.push(`${p.satelliteId} ${parameter.name} state ${v}`);
      });
      const d = digest(p.satelliteId, p.trueOnboardTimeMs);
      if (p.apid === 256) d.mode = value('attitude.adcs_mode');
      if (p.apid === 272) {
        d.eclipse = value('power.eclipse');
        d.socPercent = value('power.battery_soc');
        d.batteryCurrentA = value('power.battery_current');
        d.arrayCurrentA = ['px', 'mx', 'py', 'my'].reduce((a, w) => a + value(`power.solar_array_current_${w}`), 0);
      }
      if (p.apid === 290) {
        const minusZ = layout.parameters.flatMap((q, i) => (q.zone === 'panel -Z' ? [values[i]!] : []));
        d.minusZPanelC = minusZ.reduce((a, b) => a + b, 0) / minusZ.length;
      }
      if (p.apid === 291) {
        const box = layout.parameters.flatMap((q, i) => (q.zone === 'battery box' ? [values[i]!] : []));
        d.batteryBoxC = box.reduce((a, b) => a + b, 0) / box.length;
      }
    }
  }
  const series = (satelliteId: number) => [...seconds.get(satelliteId)!.values()].filter((s): s is Second => s.minusZPanelC !== undefined && s.eclipse !== undefined && s.batteryBoxC !== undefined);
  return { violations, series };
}

/** [first index, index after last] of each complete eclipse. */
function eclipses(series: readonly Second[]): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (let i = 1; i < series.length; i++) {
    if (series[i]!.eclipse === 1 && series[i - 1]!.eclipse === 0) {
      let j = i;
      while (j < series.length && series[j]!.eclipse === 1) j++;
      if (j < series.length) spans.push([i, j]);
    }
  }
  return spans;
}

describe('Sim > SpacecraftSimulator (through its telemetry)', () => {
  describe('three satellites over one orbit', () => {
    let flight: ReturnType<typeof fly>;
    beforeAll(() => {
      flight = fly(3, ORBIT_MS);
    });

    it('keeps every parameter of every packet within its warning limits in nominal operation', () => {
      expect(flight.violations).toEqual([]);
    });

    it('reports eclipse for the share of the orbit the Earth shadow model predicts', () => {
      const fractions = [101, 102, 103].map((id) => {
        const s = flight.series(id);
        return s.filter((x) => x.eclipse === 1).length / s.length;
      });
      expect(fractions[0]).toBeCloseTo(0.377, 2);
      expect(fractions[1]).toBeCloseTo(0.293, 2);
      expect(fractions[2]).toBeCloseTo(0.315, 2);
    });
  });

  describe('one satellite over two orbits', () => {
    let s: Second[];
    let spans: Array<[number, number]>;
    beforeAll(() => {
      s = fly(1, 2 * ORBIT_MS).series(101);
      spans = eclipses(s);
    });

    it('passes through at least one complete eclipse', () => {
      expect(spans.length).toBeGreaterThanOrEqual(1);
      for (const [from, to] of spans) expect((to - from) / 60).toBeCloseTo(35.7, 0);
    });

    it('discharges the battery in eclipse and recharges it in sunlight', () => {
      for (const [from, to] of spans) {
        const inShadow = s.slice(from, to);
        for (const x of inShadow) {
          expect(x.arrayCurrentA).toBe(0);
          expect(x.batteryCurrentA).toBeLessThan(-1.5);
        }
        // 35 min at ~1.8–2.2 A out of 20 Ah: 5–7% of charge.
        const used = s[from]!.socPercent - s[to - 1]!.socPercent;
        expect(used).toBeGreaterThan(5);
        expect(used).toBeLessThan(7);
        if (to + 900 < s.length) expect(s[to + 900]!.socPercent).toBeGreaterThan(s[to]!.socPercent + 3);
      }
    });

    it('cycles the sun-facing −Z panel between cold in eclipse and 45–60 °C in sunlight', () => {
      const sunlit = s.filter((x) => x.eclipse === 0).map((x) => x.minusZPanelC);
      expect(Math.max(...sunlit)).toBeGreaterThan(45);
      expect(Math.max(...sunlit)).toBeLessThan(60);
      for (const [from, to] of spans) expect(s[to - 1]!.minusZPanelC).toBeLessThan(s[from]!.minusZPanelC - 30);
    });

    it('keeps the battery box between 5 and 30 °C', () => {
      for (const x of s) {
        expect(x.batteryBoxC).toBeGreaterThan(5);
        expect(x.batteryBoxC).toBeLessThan(30);
      }
    });

    it('points nadir in eclipse and at the Sun (or a target) in sunlight, slewing in between', () => {
      const inEclipse = s.filter((x) => x.eclipse === 1);
      const inSun = s.filter((x) => x.eclipse === 0);
      for (const x of inEclipse) expect([ADCS_MODE.NADIR, ADCS_MODE.SLEW]).toContain(x.mode);
      for (const x of inSun) expect([ADCS_MODE.SUN_POINTING, ADCS_MODE.TARGET, ADCS_MODE.SLEW]).toContain(x.mode);
      expect(inEclipse.filter((x) => x.mode === ADCS_MODE.NADIR).length / inEclipse.length).toBeGreaterThan(0.85);
      expect(inSun.filter((x) => x.mode === ADCS_MODE.SUN_POINTING).length / inSun.length).toBeGreaterThan(0.75);
    });
  });

  it('simulates three satellites more than 20 times faster than real time', () => {
    const sim = new FleetSimulator({ mdb, fleet: demoFleet(3), seed: 1, startTimeMs: start });
    const began = performance.now();
    for (let t = start + 50; t <= start + 600_000; t += 50) sim.advance(t);
    const elapsedMs = performance.now() - began;
    expect(600_000 / elapsedMs).toBeGreaterThan(20);
  });
});
