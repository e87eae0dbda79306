/**
 * The mission database a process runs on: the built-in one, or the files
 * PERIGEE_MISSION_DB names (Perigee .json, XTCE .xml, CCSDSPy .csv@APID),
 * imported with the same importers as `perigee mdb import` and made ready to
 * run (runnable-mission.ts). Loaded once per process; a bad definition stops
 * start-up with the file, line and reason.
 *
 * @example
 *   const mdb = await openMissionDatabase(config); // config.missionDatabase undefined → built-in
 */
import fs from 'node:fs/promises';
import type { Config } from '../config';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { importDefinitions, type DefinitionFile } from '../domain/mission/import/import-definitions';
import type { MissionDatabase } from '../domain/mission/mission-database';
import { runnableMission } from '../domain/mission/runnable-mission';
import { MissionControlError, MissionDatabaseError } from '../errors';

export async function openMissionDatabase({ missionDatabase }: Pick<Config, 'missionDatabase'>): Promise<MissionDatabase> {
  if (missionDatabase === undefined) return defaultMissionDatabase();
  const definitions: DefinitionFile[] = [];
  for (const { path, apid } of missionDatabase.files) {
    let text: string;
    try {
      text = await fs.readFile(path, 'utf8');
    } catch (error) {
      throw new MissionDatabaseError(`PERIGEE_MISSION_DB: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { cause: error });
    }
    definitions.push({ file: path, text, ...(apid === undefined ? {} : { apid }) });
  }
  try {
    return runnableMission(importDefinitions(definitions));
  } catch (error) {
    if (error instanceof MissionControlError) throw new MissionDatabaseError(`PERIGEE_MISSION_DB: ${error.message}`, { cause: error });
    throw error;
  }
}
