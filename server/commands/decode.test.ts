import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../config';
import { crc16 } from '../domain/codec/crc16';
import { encodePacket } from '../domain/codec/packet-codec';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';

const mdb = defaultMissionDatabase();
const T = Date.UTC(2026, 10, 25, 8, 30, 0, 500);

function power(sequenceCount: number, voltage: number): Uint8Array {
  const values = Object.fromEntries(mdb.latestLayout(272)!.parameters.map((p) => [p.name, 1]));
  return encodePacket(mdb, {
    apid: 272,
    satelliteId: 103,
    sequenceCount,
    onboardTimeMs: T,
    values: { ...values, 'power.battery_voltage': voltage, 'power.eclipse': 1 },
  });
}

function perigee(args: string[], input?: Buffer) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { cwd: PROJECT_ROOT, input, encoding: 'utf8' });
}

describe('CLI > perigee decode', () => {
  const corrupt = power(2, 29);
  corrupt[30]! ^= 0xff;
  const unknown = power(3, 29);
  unknown[1] = 0x99;
  new DataView(unknown.buffer).setUint16(unknown.length - 2, crc16(unknown, 0, unknown.length - 2));
  const stream = Buffer.concat([power(1, 28.5), corrupt, unknown, power(4, 30.25).subarray(0, 20)]);

  it('prints one JSON line per packet with values or the reason, and exits 0', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perigee-decode-'));
    const file = path.join(dir, 'capture.bin');
    fs.writeFileSync(file, stream);
    const run = perigee(['decode', file]);
    fs.rmSync(dir, { recursive: true });
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({
      ok: true,
      offset: 0,
      apid: 272,
      packet: 'power',
      version: 2,
      satelliteId: 103,
      sequenceCount: 1,
      onboardTime: '2026-11-25T08:30:00.500Z',
    });
    expect(lines[0].parameters['power.battery_voltage']).toEqual({ raw: 28500, value: 28.5, unit: 'V' });
    expect(lines[0].parameters['power.eclipse']).toEqual({ raw: 1, value: 1, unit: '', state: 'ECLIPSE' });
    expect(lines[0].parameters['power.solar_array_power']).toEqual({ raw: 100, value: 1, unit: 'W' });
    const size = corrupt.length;
    expect(lines[1]).toMatchObject({ ok: false, offset: size, reason: 'crc-mismatch', apid: 272 });
    expect(lines[2]).toMatchObject({ ok: false, offset: 2 * size, reason: 'unknown-apid', error: 'APID 409 is not in the mission database' });
    expect(lines[3]).toEqual({ ok: false, offset: 3 * size, bytes: 20, reason: 'truncated', error: `packet has 20 bytes but its header declares ${size}` });
  });

  it('reads stdin when no file is given', () => {
    const run = perigee(['decode'], Buffer.from(power(9, 27)));
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).parameters['power.battery_voltage'].value).toBe(27);
  });

  it('exits 2 with a message when the input cannot be read', () => {
    const run = perigee(['decode', '/nonexistent/capture.bin']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/perigee decode: cannot read \/nonexistent\/capture.bin: ENOENT/);
    expect(run.stdout).toBe('');
  });
});
