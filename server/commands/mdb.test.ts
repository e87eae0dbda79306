import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../config';
import { floatBits, packetOf, reorder, signedBits, textBits, unsignedBits } from '../domain/codec/testing/bit-pattern';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { MissionDatabase } from '../domain/mission/mission-database';
import { runDecode } from './decode';
import { runMdb } from './mdb';
import { encodePacket } from '../domain/codec/packet-codec';
import { importDefinitions } from '../domain/mission/import/import-definitions';
import { openMissionDatabase } from './mission-database';
import { loadConfig } from '../config';
import { missionFleet } from '../domain/mission/fleet';

const FIXTURES = path.join(PROJECT_ROOT, 'server/domain/mission/fixtures');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perigee-mdb-'));
afterAll(() => fs.rmSync(dir, { recursive: true }));

async function run(command: typeof runMdb, args: string[]) {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks = { out: '', err: '' };
  out.on('data', (c: Buffer) => (chunks.out += c.toString()));
  err.on('data', (c: Buffer) => (chunks.err += c.toString()));
  const code = await command(args, out, err);
  return { code, ...chunks };
}
const decode = (args: string[]) => run((a, o, e) => runDecode(defaultMissionDatabase, a, o, e), args);

const capture = Buffer.concat([
  // EPS_HK: mode NOMINAL, heater ON, 7.91 V, −1.184 A, 23.5 °C panel, −2000 rpm, board raw 2000 → −10 °C.
  packetOf(
    100,
    5,
    unsignedBits(812345678, 32) +
      unsignedBits(0, 16) +
      unsignedBits(1, 8) +
      unsignedBits(2, 3) +
      '1' +
      '0000' +
      unsignedBits(791, 12) +
      signedBits(-1234, 14) +
      floatBits(23.5, 32) +
      reorder(signedBits(-2000, 16), [0, 1]) +
      unsignedBits(2000, 12),
  ),
  // ADCS_HK: mode 1, sun valid, rates −1, 2, 3 counts, tick counter word-swapped, label.
  packetOf(200, 6, unsignedBits(1, 2) + '1' + [-1, 2, 3].map((r) => signedBits(r, 13)).join('') + '000000' + reorder(unsignedBits(0x01020304, 32), [2, 3, 0, 1]) + textBits('FM-2', 8)),
  // Science: frame 7, gain 9, two samples.
  packetOf(300, 7, unsignedBits(7, 16) + unsignedBits(9, 4) + '0000' + signedBits(-8, 16) + signedBits(8, 16)),
]);

describe('CLI > perigee mdb import', () => {
  const out = path.join(dir, 'demosat.json');

  it('validates XTCE and CSV definitions, prints a summary and writes the mission database', async () => {
    const result = await run(runMdb, [
      'import',
      path.join(FIXTURES, 'demosat.xtce.xml'),
      path.join(FIXTURES, 'adcs_hk.csv'),
      path.join(FIXTURES, 'science.csv'),
      '--apid',
      '200',
      '--apid',
      '300',
      '--out',
      out,
    ]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const lines = result.out.trim().split('\n');
    expect(lines[0]).toBe('DEMOSAT: 3 subsystem(s), 27 parameter(s), 4 packet(s)');
    expect(lines[1]).toMatch(/^ {2}EPS_HK +APID 100 +25 bytes +17 fields {2}\(demosat.ccsds_sec_hdr_flag = 1, demosat.sh_packet_id = 1\)$/);
    expect(lines[4]).toMatch(/^ {2}science +APID 300 +≥9 bytes +3 fields$/);
    expect(lines[5]).toBe(`wrote ${out}`);
    const reloaded = MissionDatabase.fromFile(JSON.parse(fs.readFileSync(out, 'utf8')));
    expect(reloaded.layouts.map((l) => [l.name, l.apid, l.totalBytes])).toEqual([
      ['EPS_HK', 100, 25],
      ['EPS_EVENT', 100, 18],
      ['adcs_hk', 200, 24],
      ['science', 300, 9],
    ]);
    expect(reloaded.parameter('demosat.battery_voltage')?.limits).toEqual({ criticalLow: 6, warningLow: 6.5, warningHigh: 8.4, criticalHigh: 8.6 });
  });

  it('decodes a capture with the imported definitions: raw and engineering values and states', async () => {
    const file = path.join(dir, 'capture.bin');
    fs.writeFileSync(file, capture);
    const result = await decode(['--mdb', out, file]);
    expect(result.code).toBe(0);
    const [eps, adcs, science] = result.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(eps).toMatchObject({ ok: true, offset: 0, apid: 100, packet: 'EPS_HK', sequenceCount: 5 });
    expect(eps.parameters['demosat.eps_mode']).toEqual({ raw: 2, value: 2, unit: '', state: 'NOMINAL' });
    expect(eps.parameters['demosat.heater_on']).toEqual({ raw: 1, value: 1, unit: '', state: 'ON' });
    expect(eps.parameters['demosat.battery_voltage']).toEqual({ raw: 791, value: 7.91, unit: 'V' });
    expect(eps.parameters['demosat.battery_current'].raw).toBe(-1234);
    expect(eps.parameters['demosat.battery_current'].value).toBeCloseTo(-1.184, 12);
    expect(eps.parameters['demosat.wheel_speed']).toEqual({ raw: -2000, value: -2000, unit: 'rpm' });
    expect(eps.parameters['demosat.board_temp']).toEqual({ raw: 2000, value: -10, unit: 'degC' });
    expect(adcs).toMatchObject({ ok: true, offset: 25, packet: 'adcs_hk', sequenceCount: 6 });
    expect(adcs.parameters['adcs_hk.gyro_rate[0]']).toEqual({ raw: -1, value: -0.01, unit: 'deg/s' });
    expect(adcs.parameters['adcs_hk.tick_count'].raw).toBe(0x01020304);
    expect(adcs.parameters['adcs_hk.label']).toEqual({ raw: 'FM-2', value: 'FM-2', unit: '' });
    expect(science.parameters['science.samples']).toEqual({ raw: [-8, 8], value: [-4, 4], unit: 'mV' });
  });

  it('exits 1 naming the file and line of an invalid definition', async () => {
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'name,data_type,bit_length,bit_offset\nA,uint,8,48\nB,uint,8,52\n');
    const result = await run(runMdb, ['import', bad, '--apid', '9']);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toBe(`perigee mdb import: ${bad}:3: fields "bad.a" (bits 48–55) and "bad.b" (bits 52–59) of packet "bad" overlap\n`);
    const missingApid = await run(runMdb, ['import', bad]);
    expect(missingApid.err).toBe('perigee mdb import: 1 CSV file(s) need 1 --apid value(s), got 0\n');
  });

  it('records where a CSV set carries the spacecraft and onboard time, so the written database can run', async () => {
    const runnable = path.join(dir, 'eps-run.json');
    const csv = path.join(FIXTURES, 'eps_hk.csv');
    const result = await run(runMdb, ['import', csv, '--apid', '100', '--spacecraft', '42', '--onboard-time', 'eps_hk.sh_coarse,eps_hk.sh_fine', '--out', runnable]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const written = JSON.parse(fs.readFileSync(runnable, 'utf8'));
    expect(written.ccsdsPackets).toEqual({ spacecraft: { source: 'fixed', id: 42 }, onboardTime: { source: 'parameter', seconds: 'eps_hk.sh_coarse', subseconds: 'eps_hk.sh_fine' } });
    const mdb = await openMissionDatabase(loadConfig({ PERIGEE_MISSION_DB: runnable }));
    expect(mdb.subsystem('eps_hk')?.topic).toBe('telemetry.raw.packets');
    expect(missionFleet(mdb, 3).satellites.map((s) => s.id)).toEqual([42]);

    const wrong = await run(runMdb, ['import', csv, '--apid', '100', '--spacecraft', 'eps_hk.sh_packet_id', '--onboard-time', 'eps_hk.nope']);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toBe('perigee mdb import: --spacecraft/--onboard-time: packet "eps_hk" (APID 100) has no numeric field "eps_hk.nope", which ccsdsPackets names as the onboard time in seconds\n');
    const half = await run(runMdb, ['import', csv, '--apid', '100', '--spacecraft', '42']);
    expect(half.err).toBe('perigee mdb import: --spacecraft and --onboard-time go together\n');
  });

  it('decodes primary-header-only packets with the spacecraft and onboard time where the mission database says', async () => {
    const aurora = path.join(FIXTURES, 'aurora.xtce.xml');
    const mdb = importDefinitions([{ file: aurora, text: fs.readFileSync(aurora, 'utf8') }]);
    const values = Object.fromEntries(mdb.latestLayout(0x103)!.parameters.map((p) => [p.name, 20]));
    const onboardTimeMs = Date.UTC(2026, 10, 25, 8, 30, 0, 500);
    const file = path.join(dir, 'aurora.bin');
    fs.writeFileSync(file, encodePacket(mdb, { apid: 0x103, satelliteId: 4242, sequenceCount: 77, onboardTimeMs, values }));
    const result = await decode(['--mdb', aurora, file]);
    expect(result.code).toBe(0);
    const line = JSON.parse(result.out);
    expect(line).toMatchObject({ ok: true, apid: 0x103, packet: 'THERMAL_HK', satelliteId: 4242, sequenceCount: 77, onboardTime: '2026-11-25T08:30:00.500Z' });
    // 20 °C on a 12-bit sensor of -50 + 0.05·raw °C is raw 1400.
    expect(line.parameters['aurora_thermal.t_radio']).toEqual({ raw: 1400, value: 20, unit: 'degC' });
  });

  it('is registered with the perigee command', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'mdb', 'import', path.join(FIXTURES, 'eps_hk.csv'), '--apid', '100'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('imported mission: 1 subsystem(s), 10 parameter(s), 1 packet(s)\n  eps_hk               APID 100   25 bytes     10 fields\n');
  });
});
