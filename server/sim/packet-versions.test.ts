import { describe, expect, it } from 'vitest';
import { decodePacket } from '../domain/codec/packet-codec';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { demoFleet } from '../domain/mission/fleet';
import { FleetSimulator, type SimPacket } from './fleet-simulator';
import fs from 'node:fs';
import path from 'node:path';
import { importDefinitions } from '../domain/mission/import/import-definitions';
import { definesPowerVersions, PacketVersionSchedule, POWER_APID, powerVersionRules } from './packet-versions';

const mdb = defaultMissionDatabase();
const start = Date.UTC(2026, 10, 25, 12, 0, 0);

/** Decodes every power packet: satellite, onboard time, definition version and values by name. */
function decodedPower(packets: readonly SimPacket[]) {
  return packets
    .filter((p) => p.apid === POWER_APID)
    .map((p) => {
      const result = decodePacket(mdb, p.bytes);
      if (!result.ok) throw result.error;
      const { packet } = result;
      const values = Object.fromEntries(packet.layout.parameters.map((parameter, i) => [parameter.name, packet.values[i]!]));
      return { satelliteId: packet.satelliteId, timeMs: p.trueOnboardTimeMs, version: packet.layout.version, values };
    });
}

describe('Sim > powerVersionRules', () => {
  it('puts every satellite on v1 or v2, or alternates them along the catalogue when mixed', () => {
    const fleet = demoFleet(4);
    const versions = (emit: '1' | '2' | 'mixed') => powerVersionRules(fleet, { emit }).map((r) => [r.satelliteId, r.version]);
    expect(versions('1')).toEqual([[101, 1], [102, 1], [103, 1], [104, 1]]);
    expect(versions('2')).toEqual([[101, 2], [102, 2], [103, 2], [104, 2]]);
    expect(versions('mixed')).toEqual([[101, 2], [102, 1], [103, 2], [104, 1]]);
  });

  it('switches the satellites on v1 to v2 at the upgrade time, leaving the others as they are', () => {
    const rules = powerVersionRules(demoFleet(2), { emit: 'mixed', upgradeAtMs: start + 60_000 });
    expect(rules).toEqual([
      { satelliteId: 101, apid: 272, version: 2 },
      { satelliteId: 102, apid: 272, version: 1 },
      { satelliteId: 102, apid: 272, version: 2, fromMs: start + 60_000 },
    ]);
    const schedule = new PacketVersionSchedule(mdb, rules);
    expect([start, start + 59_999, start + 60_000].map((t) => schedule.layoutAt(102, 272, t)!.version)).toEqual([1, 1, 2]);
    expect(schedule.layoutAt(101, 272, start)!.version).toBe(2);
    // An APID without a rule gets its newest definition.
    expect(schedule.layoutAt(102, 256, start)!.name).toBe('attitude');
  });

  it('refuses a rule for a version the mission database lacks', () => {
    expect(() => new PacketVersionSchedule(mdb, [{ satelliteId: 101, apid: 272, version: 3 }])).toThrow('satellite 101: APID 272 has no definition version 3');
  });
});

describe('Sim > FleetSimulator with packet versions', () => {
  it('emits power v1 and v2 side by side, at the same 5 Hz schedule with one sequence counter per APID, and switches at the upgrade', () => {
    const upgradeAtMs = start + 6_000;
    const sim = new FleetSimulator({
      mdb,
      fleet: demoFleet(3),
      seed: 4,
      startTimeMs: start,
      packetVersions: powerVersionRules(demoFleet(3), { emit: 'mixed', upgradeAtMs }),
    });
    const packets = sim.advance(start + 10_000).packets;
    const power = decodedPower(packets);
    const versionsOf = (id: number) => power.filter((p) => p.satelliteId === id).map((p) => p.version);
    expect(versionsOf(101)).toEqual(Array(50).fill(2));
    expect(versionsOf(103)).toEqual(Array(50).fill(2));
    // 102 flies v1 until the upload 6 s in: 29 packets at 200 ms … 5 800 ms, then v2 from 6 000 ms on.
    expect(versionsOf(102)).toEqual([...Array(29).fill(1), ...Array(21).fill(2)]);
    expect(power.filter((p) => p.satelliteId === 102 && p.version === 2)[0]!.timeMs).toBe(upgradeAtMs);
    const sequence = packets.filter((p) => p.satelliteId === 102 && p.apid === 272).map((p) => p.sequenceCount);
    expect(sequence).toEqual(Array.from({ length: 50 }, (_, i) => i));
    // A v1 packet carries no solar array power; a v2 packet carries the wing currents times the voltage it reports.
    for (const p of power) {
      if (p.version === 1) {
        expect(Object.keys(p.values)).toHaveLength(10);
        expect(p.values['power.solar_array_power']).toBeUndefined();
        continue;
      }
      const wingsA = ['px', 'mx', 'py', 'my'].reduce((sum, wing) => sum + p.values[`power.solar_array_current_${wing}`]!, 0);
      // Each value is rounded to its own resolution on the wire (1 mA, 1 mV, 0.01 W).
      expect(Math.abs(p.values['power.solar_array_power']! - wingsA * p.values['power.battery_voltage']!)).toBeLessThan(4 * 0.0005 * 34 + 0.01);
    }
  });

  it('gives a satellite the same values in the fields v1 and v2 share, whichever version it emits', () => {
    const run = (emit: '1' | '2') =>
      decodedPower(new FleetSimulator({ mdb, fleet: demoFleet(2), seed: 9, startTimeMs: start, packetVersions: powerVersionRules(demoFleet(2), { emit }) }).advance(start + 5_000).packets);
    const v1 = run('1');
    const v2 = run('2');
    expect(v2.map((p) => p.version)).toEqual(Array(v1.length).fill(2));
    expect(v2.map(({ values: { ['power.solar_array_power']: _added, ...shared } }) => shared)).toEqual(v1.map((p) => p.values));
  });

  it('refuses a version rule for a satellite outside the fleet', () => {
    expect(() => new FleetSimulator({ mdb, fleet: demoFleet(1), seed: 1, startTimeMs: start, packetVersions: [{ satelliteId: 150, apid: 272, version: 1 }] })).toThrow(
      'packet version rule for satellite 150, which is not in the fleet',
    );
  });
});

describe('Simulator > power versions on another mission', () => {
  it('applies only where the mission database defines both power versions: the built-in one does, an imported mission does not', () => {
    const auroraFile = path.join(import.meta.dirname, '../domain/mission/fixtures/aurora.xtce.xml');
    const aurora = importDefinitions([{ file: auroraFile, text: fs.readFileSync(auroraFile, 'utf8') }]);
    expect(definesPowerVersions(defaultMissionDatabase())).toBe(true);
    expect(aurora.layouts.some((l) => l.apid === POWER_APID)).toBe(false);
    expect(definesPowerVersions(aurora)).toBe(false);
  });
});
