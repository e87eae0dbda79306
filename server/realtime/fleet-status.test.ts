import { describe, expect, it } from 'vitest';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { demoFleet } from '../domain/mission/fleet';
import { predictPasses } from '../domain/orbit/pass-predictor';
import type { SampleFrame } from '../domain/sample-frame';
import { FleetStatusBoard, SUBSYSTEM_STALE_AFTER_MS, summarizeAlarms } from './fleet-status';

const mdb = defaultMissionDatabase();
const fleet = demoFleet(2);
const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const id = (name: string) => mdb.parameter(name)!.id;

const power = (onboardTimeMs: number, voltage: number, mode: string | null = null): SampleFrame => ({
  satelliteId: 101,
  subsystem: 'power',
  apid: 272,
  sequenceCount: 0,
  onboardTimeMs,
  arrivalMs: onboardTimeMs + 50,
  parameterIds: [id('power.battery_voltage'), id('power.battery_soc')],
  values: [voltage, 80],
  context: { mode, orbit: null, calibrationVersion: '1' },
});

describe('Realtime > FleetStatusBoard', () => {
  it('lists every catalogued satellite, with no data yet as "none"', () => {
    const board = new FleetStatusBoard({ mdb, fleet });
    const snapshot = board.snapshot(T0);
    expect(snapshot.map((s) => [s.id, s.name, s.mode, s.alarm])).toEqual([
      [101, 'PERIGEE-1', null, null],
      [102, 'PERIGEE-2', null, null],
    ]);
    expect(snapshot[0]!.subsystems.map((s) => [s.id, s.health])).toEqual([
      ['attitude', 'none'],
      ['thermal', 'none'],
      ['power', 'none'],
    ]);
  });

  it('rates a subsystem by the worst limit state of its newest values, and stale when packets stop', () => {
    const board = new FleetStatusBoard({ mdb, fleet });
    board.observe(power(T0, 28, 'NADIR'));
    const at = (nowMs: number) => board.snapshot(nowMs)[0]!.subsystems.find((s) => s.id === 'power')!;
    expect(at(T0 + 100)).toMatchObject({ health: 'nominal', warnings: 0, criticals: 0, lastOnboardMs: T0 });
    board.observe(power(T0 + 200, 33.4)); // above warning-high 33.2
    expect(at(T0 + 300)).toMatchObject({ health: 'warning', warnings: 1, criticals: 0 });
    board.observe(power(T0 + 400, 24.0)); // below critical-low 24.5
    expect(at(T0 + 500)).toMatchObject({ health: 'critical', criticals: 1 });
    // An older packet arriving late does not overwrite the newer state.
    board.observe(power(T0 + 300, 28));
    expect(at(T0 + 500)).toMatchObject({ health: 'critical' });
    board.observe(power(T0 + 600, 28));
    expect(at(T0 + 600 + SUBSYSTEM_STALE_AFTER_MS + 1)).toMatchObject({ health: 'stale', criticals: 0 });
    expect(board.snapshot(T0)[0]!.mode).toBe('NADIR');
  });

  it('gives the pass under way and the next one, as the orbit predictions have them', () => {
    const board = new FleetStatusBoard({ mdb, fleet });
    const passes = fleet.groundStations
      .flatMap((g) => predictPasses(fleet.satellites[0]!, g, T0, T0 + 24 * 3600_000))
      .sort((a, b) => a.aosMs - b.aosMs);
    const first = passes[0]!;
    const before = board.snapshot(first.aosMs - 1000)[0]!;
    expect(before.currentPass).toBeNull();
    expect(before.nextPass).toMatchObject({ station: first.station, aosMs: first.aosMs, losMs: first.losMs });
    const during = board.snapshot(first.aosMs + 1000)[0]!;
    expect(during.currentPass).toMatchObject({ station: first.station, aosMs: first.aosMs });
    expect(during.nextPass!.aosMs).toBeGreaterThan(first.aosMs);
    expect(during.currentPass!.stationName).toBe(fleet.groundStations.find((g) => g.id === first.station)!.name);
  });
});

describe('Realtime > summarizeAlarms', () => {
  it('picks the worst alarm per satellite: severity first, then unacknowledged, ignoring shelved, suppressed and normal', () => {
    const summary = summarizeAlarms([
      { satelliteId: 101, state: 'acknowledged', severity: 'critical', source: 'limit:power.battery_voltage' },
      { satelliteId: 101, state: 'unacknowledged', severity: 'warning', source: 'limit:thermal.node_001' },
      { satelliteId: 101, state: 'returned-to-normal-unacknowledged', severity: 'critical', source: 'rule:thermal-max:thermal.node_002' },
      { satelliteId: 102, state: 'shelved', severity: 'critical', source: 'limit:power.battery_soc' },
      { satelliteId: 102, state: 'suppressed-by-design', severity: 'critical', source: 'limit:power.bus_load_current' },
      { satelliteId: 102, state: 'normal', severity: 'warning', source: 'limit:attitude.rate_x' },
      { satelliteId: 103, state: 'acknowledged', severity: 'warning', source: 'limit:attitude.rate_y' },
    ]);
    expect(Object.fromEntries(summary)).toEqual({
      101: {
        worstSeverity: 'critical',
        worstState: 'returned-to-normal-unacknowledged',
        source: 'rule:thermal-max:thermal.node_002',
        needingAttention: 3,
        unacknowledged: 2,
      },
      103: { worstSeverity: 'warning', worstState: 'acknowledged', source: 'limit:attitude.rate_y', needingAttention: 1, unacknowledged: 0 },
    });
  });
});
