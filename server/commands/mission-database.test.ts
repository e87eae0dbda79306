import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, PROJECT_ROOT } from '../config';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { TOPICS } from '../topics';
import { openMissionDatabase } from './mission-database';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'perigee-mdb-'));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

const open = (value: string | undefined) => openMissionDatabase(loadConfig(value === undefined ? {} : { PERIGEE_MISSION_DB: value }));

describe('Commands > openMissionDatabase', () => {
  it('opens the built-in mission database when PERIGEE_MISSION_DB is unset', async () => {
    expect(await open(undefined)).toBe(defaultMissionDatabase());
  });

  it('runs the example XTCE mission, and the Perigee JSON that mdb import would write of it, alike', async () => {
    const fromXtce = await open(path.join(PROJECT_ROOT, 'server/domain/mission/fixtures/aurora.xtce.xml'));
    expect(fromXtce.mission).toBe('AURORA');
    expect(fromXtce.layouts.map((l) => l.topic)).toEqual([TOPICS.rawPackets, TOPICS.rawPackets, TOPICS.rawPackets, TOPICS.rawPackets]);
    const json = path.join(dir, 'aurora.json');
    await fs.writeFile(json, JSON.stringify(fromXtce.file));
    const fromJson = await open(json);
    expect(fromJson.file).toEqual(fromXtce.file);
  });

  it('stops with the file and line of a bad definition, or the file it cannot read', async () => {
    const bad = path.join(dir, 'bad.xml');
    const text = await fs.readFile(path.join(PROJECT_ROOT, 'server/domain/mission/fixtures/aurora.xtce.xml'), 'utf8');
    await fs.writeFile(bad, text.replace('<Parameter name="BATT_I" parameterTypeRef="batt_i_t"', '<Parameter name="BATT_I" parameterTypeRef="no_such_t"'));
    const line = (await fs.readFile(bad, 'utf8')).split('\n').findIndex((l) => l.includes('no_such_t')) + 1;
    await expect(open(bad)).rejects.toThrow(`PERIGEE_MISSION_DB: ${bad}:${line}: parameter "BATT_I" refers to unknown type "no_such_t"`);
    const missing = path.join(dir, 'missing.xml');
    await expect(open(missing)).rejects.toThrow(`PERIGEE_MISSION_DB: cannot read ${missing} (ENOENT)`);
    const demosat = path.join(PROJECT_ROOT, 'server/domain/mission/fixtures/demosat.xtce.xml');
    await expect(open(demosat)).rejects.toThrow(/^PERIGEE_MISSION_DB: packet\(s\) "EPS_HK" \(APID 100\), "EPS_EVENT" \(APID 100\) have only a CCSDS primary header/);
  });
});
