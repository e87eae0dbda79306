import { describe, expect, it } from 'vitest';
import file from './mission-database.json' with { type: 'json' };
import { calibrate, uncalibrate } from './calibration';
import { defaultMissionDatabase } from './default-mission-database';
import { MissionDatabase } from './mission-database';

const mdb = defaultMissionDatabase();
const clone = () => structuredClone(file) as typeof file & Record<string, unknown>;

describe('Mission > MissionDatabase', () => {
  it('describes the three subsystems at their seed rates with 208 thermal nodes over four packets', () => {
    expect(mdb.subsystems.map((s) => [s.id, s.topic])).toEqual([
      ['attitude', 'telemetry.raw.attitude-control'],
      ['thermal', 'telemetry.raw.thermal'],
      ['power', 'telemetry.raw.power'],
    ]);
    expect(mdb.layouts.map((l) => [l.name, l.apid, l.rateHz, l.parameters.length, l.totalBytes])).toEqual([
      ['attitude', 256, 10, 16, 16 + 1 + 8 * 4 + 3 * 2 + 4 * 2 + 2],
      ['power', 272, 5, 10, 16 + 9 * 2 + 1 + 2],
      ['power', 272, 5, 11, 16 + 9 * 2 + 1 + 2 + 2], // version 2: + power.solar_array_power
      ['thermal-block-0', 288, 1, 52, 16 + 52 * 2 + 2],
      ['thermal-block-1', 289, 1, 52, 122],
      ['thermal-block-2', 290, 1, 52, 122],
      ['thermal-block-3', 291, 1, 52, 122],
    ]);
    expect(mdb.parametersOf('thermal')).toHaveLength(208);
    expect(new Set(mdb.parametersOf('thermal').map((p) => p.zone)).size).toBe(8);
    expect(mdb.parameter('power.battery_voltage')).toMatchObject({ id: 100, unit: 'V', limits: { criticalLow: 24.5, criticalHigh: 33.6 } });
    expect(mdb.parameterById(1207)?.name).toBe('thermal.node_207');
    expect(mdb.layoutsOf(272).map((l) => l.version)).toEqual([1, 2]);
    expect(mdb.parameter('power.solar_array_power')).toMatchObject({ id: 110, unit: 'W', rawType: 'uint16', limits: { warningHigh: 330, criticalHigh: 360 } });
    expect(mdb.maxPacketBytes).toBe(122);
  });

  it.each([
    ['a duplicate parameter id', (f: ReturnType<typeof clone>) => (f.parameters[1]!.id = 1), 'parameter id 1 used by "attitude.adcs_mode" and "attitude.q0"'],
    ['a packet naming an unknown parameter', (f: ReturnType<typeof clone>) => f.packets[0]!.parameters.push('attitude.nope'), 'packet "attitude" names unknown parameter "attitude.nope"'],
    ['limits out of order', (f: ReturnType<typeof clone>) => ((f.parameters[20] as { limits: Record<string, number> }).limits.warningLow = 40), 'limits must satisfy criticalLow ≤ warningLow ≤ warningHigh ≤ criticalHigh'],
    ['an unknown topic', (f: ReturnType<typeof clone>) => (f.subsystems[0]!.topic = 'telemetry.raw.adcs'), 'subsystem "attitude" names unknown topic "telemetry.raw.adcs"'],
    ['a reused APID version', (f: ReturnType<typeof clone>) => (f.packets[1]!.apid = 256), 'APID 256 version 1 defined twice'],
    ['a raw type outside the schema', (f: ReturnType<typeof clone>) => ((f.parameters[0] as { rawType: string }).rawType = 'uint12'), 'mission database invalid at parameters.0.rawType'],
  ])('rejects %s', (_, mutate, message) => {
    const f = clone();
    mutate(f);
    expect(() => MissionDatabase.fromFile(f)).toThrow(message);
  });
});

describe('Mission > calibration', () => {
  it('evaluates polynomials and inverts them to the nearest raw count', () => {
    const thermal = mdb.parameter('thermal.node_000')!;
    expect(calibrate(thermal.calibration, 12345)).toBeCloseTo(23.45, 10);
    expect(uncalibrate(thermal.calibration, thermal.rawType!, 23.45)).toBe(12345);
    expect(uncalibrate(thermal.calibration, thermal.rawType!, -500)).toBe(0); // clamped to uint16
  });

  it('interpolates a decreasing thermistor table both ways', () => {
    const battery = mdb.parameter('power.battery_temperature')!;
    expect(calibrate(battery.calibration, 2048)).toBe(10);
    expect(calibrate(battery.calibration, 1674)).toBe(20);
    expect(uncalibrate(battery.calibration, battery.rawType!, 20)).toBe(1674);
    expect(uncalibrate(battery.calibration, battery.rawType!, 60)).toBe(500);
  });

  it('inverts a cubic by bisection', () => {
    const cubic = { type: 'polynomial' as const, coefficients: [1, 0.5, 0, 0.001] };
    const raw = uncalibrate(cubic, 'int16', calibrate(cubic, 321));
    expect(raw).toBe(321);
  });
});
