/**
 * The built-in mission database of the Perigee demonstration fleet, loaded and
 * validated once per process.
 */
import file from './mission-database.json' with { type: 'json' };
import { MissionDatabase } from './mission-database';

let instance: MissionDatabase | undefined;

export function defaultMissionDatabase(): MissionDatabase {
  instance ??= MissionDatabase.fromFile(file);
  return instance;
}
