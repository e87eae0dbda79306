/**
 * Packets and samples a satellite sends per second at its mission's nominal
 * rates. A packet defined in several versions (power v1 and v2) is sent in
 * one of them at a time, so it counts once, at its newest version.
 *
 * @example
 *   nominalRates(defaultMissionDatabase()); // { packetsPerS: 19, samplesPerS: 423 }
 */
import type { MissionDatabase } from '../server/domain/mission/mission-database';

export function nominalRates(mdb: MissionDatabase): { packetsPerS: number; samplesPerS: number } {
  let packetsPerS = 0;
  let samplesPerS = 0;
  for (const apid of new Set(mdb.layouts.map((l) => l.apid))) {
    const layout = mdb.latestLayout(apid)!;
    packetsPerS += layout.rateHz;
    samplesPerS += layout.rateHz * layout.parameters.length;
  }
  return { packetsPerS, samplesPerS };
}
