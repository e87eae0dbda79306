import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePacket } from '../domain/codec/packet-codec';
import { missionFleet } from '../domain/mission/fleet';
import { importDefinitions } from '../domain/mission/import/import-definitions';
import { runnableMission } from '../domain/mission/runnable-mission';
import { FleetSimulator } from './fleet-simulator';
import { STATE_HOLD_MS } from './definition-model';

const AURORA = path.join(import.meta.dirname, '../domain/mission/fixtures/aurora.xtce.xml');
const mdb = runnableMission(importDefinitions([{ file: AURORA, text: fs.readFileSync(AURORA, 'utf8') }]));
const START = Date.UTC(2026, 10, 25, 12, 0, 0);

describe('Sim > FleetSimulator on an imported mission (definition model)', () => {
  const sim = new FleetSimulator({ mdb, fleet: missionFleet(mdb, 2), seed: 3, startTimeMs: START, model: 'definitions' });
  const { packets } = sim.advance(START + 60_000);
  const decoded = packets.map((p) => {
    const result = decodePacket(mdb, p.bytes, {}, { arrivalMs: p.transmitTimeMs });
    if (!result.ok) throw result.error;
    return result.packet;
  });
  const series = (satelliteId: number, name: string) =>
    decoded
      .filter((d) => d.satelliteId === satelliteId && d.layout.parameters.some((p) => p.name === name))
      .map((d) => d.values[d.layout.parameters.findIndex((p) => p.name === name)]!);

  it('sends every packet at its rate for every satellite, stamped with the spacecraft and onboard time', () => {
    // 2 satellites × 60 s × 4 packets at 10 Hz
    expect(packets).toHaveLength(2 * 60 * 4 * 10);
    expect(new Set(decoded.map((d) => d.satelliteId))).toEqual(new Set([101, 102]));
    // CUC fine time counts 2^-16 s (~15.3 µs): the decoded time is the sampling time to within one count.
    expect(Math.max(...decoded.map((d, i) => Math.abs(d.onboardTimeMs - packets[i]!.trueOnboardTimeMs)))).toBeLessThan(1000 / 65536);
  });

  it('keeps every limited parameter inside its warning band, and moves it', () => {
    for (const p of mdb.parameters.filter((q) => q.limits?.warningLow !== undefined && q.limits.warningHigh !== undefined)) {
      const values = series(101, p.name);
      expect(values.length, p.name).toBe(600);
      // A quantisation step of slack: the value is written at the field's resolution.
      const step = p.calibration.type === 'polynomial' ? Math.abs(p.calibration.coefficients[1] ?? 0) : 1;
      expect(Math.min(...values), p.name).toBeGreaterThanOrEqual(p.limits!.warningLow! - step);
      expect(Math.max(...values), p.name).toBeLessThanOrEqual(p.limits!.warningHigh! + step);
      expect(new Set(values).size, p.name).toBeGreaterThan(1);
    }
  });

  it('cycles enumerated parameters through their states and counts counters up by one per packet', () => {
    const modes = series(101, 'aurora_eps.eps_mode');
    const distinct = [...new Set(modes)];
    expect(distinct.sort()).toEqual([0, 1, 2, 3]);
    // Each state is held for STATE_HOLD_MS: 100 packets at 10 Hz (the first and last holds may be cut).
    const runs = modes.reduce<number[]>((acc, m, i) => (i > 0 && m === modes[i - 1] ? (acc[acc.length - 1]!++, acc) : [...acc, 1]), []);
    expect(runs.slice(1, -1).every((n) => n === STATE_HOLD_MS / 100)).toBe(true);
    const frames = series(102, 'aurora_payload.frame_count');
    expect(frames).toEqual(Array.from({ length: 600 }, (_, i) => i));
  });
});
