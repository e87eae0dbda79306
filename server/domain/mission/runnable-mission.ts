/**
 * A mission database made ready to run through the pipeline and the console:
 * every packet must say where its spacecraft and onboard time are (Perigee
 * headers, or the mission's `ccsdsPackets`); subsystems without a raw topic
 * of their own travel on the shared lane (telemetry.raw.packets); subsystems
 * without views get the derived ones (default-views.ts). The built-in
 * mission database passes through unchanged.
 *
 * @example
 *   const mdb = runnableMission(importDefinitions([{ file: 'mission.xml', text }]));
 *   mdb.subsystems[0].topic; // 'telemetry.raw.packets'
 */
import { MissionDatabaseError } from '../../errors';
import { TOPICS } from '../../topics';
import { withDefaultViews } from './default-views';
import { MissionDatabase } from './mission-database';

export function runnableMission(mdb: MissionDatabase): MissionDatabase {
  const unidentified = mdb.layouts.filter((l) => l.header === 'ccsds' && mdb.ccsdsIdentityOf(l) === undefined);
  if (unidentified.length > 0) {
    const names = unidentified.map((l) => `"${l.name}" (APID ${l.apid})`).join(', ');
    throw new MissionDatabaseError(
      `packet(s) ${names} have only a CCSDS primary header, and the mission database does not say where their spacecraft id and onboard time are: ` +
        'set ccsdsPackets (Perigee .json), the perigee.* AncillaryData of the root SpaceSystem (XTCE), or import with `perigee mdb import --spacecraft … --onboard-time …`',
    );
  }
  const carried = new Set(mdb.layouts.map((l) => l.subsystem));
  const needsLane = mdb.subsystems.some((s) => s.topic === undefined && carried.has(s.id));
  const needsViews = mdb.subsystems.some((s) => s.views.length === 0);
  if (!needsLane && !needsViews) return mdb;
  const file = withDefaultViews(mdb.file, mdb);
  const subsystems = file.subsystems.map((s) => (s.topic === undefined && carried.has(s.id) ? { ...s, topic: TOPICS.rawPackets } : s));
  return MissionDatabase.fromFile({ ...file, subsystems });
}
