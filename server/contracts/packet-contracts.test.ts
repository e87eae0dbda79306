import { describe, expect, it } from 'vitest';
import file from '../domain/mission/mission-database.json' with { type: 'json' };
import { MissionDatabase } from '../domain/mission/mission-database';
import { readReleasedPackets } from '../commands/contracts';
import { checkPackets, packetShapes } from './packet-contracts';

type MdbFile = typeof file;
/** The built-in mission database with a change applied to a copy of its file. */
const changed = (change: (f: MdbFile) => void) => {
  const copy = structuredClone(file) as MdbFile;
  change(copy);
  return packetShapes(MissionDatabase.fromFile(copy));
};
const released = packetShapes(MissionDatabase.fromFile(file));
const breaksOf = (change: (f: MdbFile) => void) => checkPackets(released, changed(change)).breaks;
const parameter = (f: MdbFile, name: string) => f.parameters.find((p) => p.name === name)! as Record<string, unknown>;
const packet = (f: MdbFile, name: string) => f.packets.find((p) => p.name === name)! as Record<string, unknown>;

describe('packet definition compatibility gate', () => {
  it('passes the definitions as they are, and limits or descriptions changing', () => {
    expect(checkPackets(released, released)).toEqual({ breaks: [], unreleased: [] });
    expect(
      breaksOf((f) => {
        parameter(f, 'power.battery_voltage').limits = { criticalLow: 24, warningLow: 25.5, warningHigh: 33.2, criticalHigh: 33.6 };
        parameter(f, 'power.battery_voltage').description = 'Battery voltage, 8 cells';
      }),
    ).toEqual([]);
  });

  it('catches a calibration changed in a released version (every released version carrying the parameter)', () => {
    expect(breaksOf((f) => void (parameter(f, 'power.battery_voltage').calibration = { type: 'polynomial', coefficients: [0, 0.002] }))).toEqual([
      'APID 272 v1 (power): calibration or states of power.battery_voltage changed: ship it as version 3',
      'APID 272 v2 (power): calibration or states of power.battery_voltage changed: ship it as version 3',
    ]);
    expect(breaksOf((f) => void (parameter(f, 'power.solar_array_power').calibration = { type: 'polynomial', coefficients: [0, 0.1] }))).toEqual([
      'APID 272 v2 (power): calibration or states of power.solar_array_power changed: ship it as version 3',
    ]);
  });

  it('catches a retyped or removed field in a released version', () => {
    expect(breaksOf((f) => void (parameter(f, 'power.battery_voltage').rawType = 'int16'))).toEqual([
      'APID 272 v1 (power): layout changed (power.battery_voltage): ship it as version 3',
      'APID 272 v2 (power): layout changed (power.battery_voltage): ship it as version 3',
    ]);
    const removed = breaksOf((f) => {
      const v1 = packet(f, 'power');
      v1.parameters = (v1.parameters as string[]).filter((n) => n !== 'power.eclipse');
    });
    expect(removed).toEqual(['APID 272 v1 (power): layout changed (power.eclipse): ship it as version 3']);
    expect(breaksOf((f) => void f.packets.find((p) => p.name === 'power' && p.version === 2)!.parameters.pop())).toEqual([
      'APID 272 v2 (power): layout changed (power.solar_array_power): ship it as version 3',
    ]);
  });

  it('catches a released version gone and an APID reused for another packet', () => {
    expect(breaksOf((f) => void (f.packets = f.packets.filter((p) => p.name !== 'thermal-block-3')))).toEqual([
      'APID 291 v1 (thermal-block-3) was released and is gone: stored packets of it could no longer be decoded or reprocessed',
    ]);
    expect(breaksOf((f) => void (packet(f, 'power').name = 'power-v1'))).toEqual([
      'APID 272 v1 (power) now names packet "power-v1": an APID and version are never reused for another packet',
    ]);
  });

  it('accepts a new version of a packet and a new APID as additions', () => {
    const report = checkPackets(
      released,
      changed((f) => {
        const power = packet(f, 'power');
        f.packets.push({ ...(power as (typeof f.packets)[number]), version: 3, parameters: [...(power.parameters as string[]), 'power.bus_load_current'].slice(0, 10) });
      }),
    );
    expect(report).toEqual({ breaks: [], unreleased: ['APID 272 v3 (power)'] });
    // Power v2 against the set released before it: one addition, v1 untouched.
    const { ['272@2']: v2, ...beforeV2 } = released;
    expect(v2?.fields.at(-1)).toMatch(/^power\.solar_array_power@280:/);
    expect(checkPackets(beforeV2, released)).toEqual({ breaks: [], unreleased: ['APID 272 v2 (power)'] });
  });

  it('the mission database is compatible with the released packet definitions in the repository (the gate CI runs)', async () => {
    expect(checkPackets(await readReleasedPackets(), released)).toEqual({ breaks: [], unreleased: [] });
  });
});
