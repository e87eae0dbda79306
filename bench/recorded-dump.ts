/**
 * A recorder dump for the benchmarks: `minutes` of a `satellites`-strong
 * fleet's telemetry, flagged as played back, as one buffer of packets back
 * to back (what a ground station forwards during a pass). The packet objects
 * are not kept: they would sit in the heap of the process being measured.
 *
 * @example
 *   const dump = recordedDump(mdb, 20, 10); // { payload, packets: 228_000, samples: 5_076_000 }
 */
import type { MissionDatabase } from '../server/domain/mission/mission-database';
import { demoFleet } from '../server/domain/mission/fleet';
import { FleetSimulator } from '../server/sim/fleet-simulator';
import { recordedCopy } from '../server/sim/recorded-copy';

export interface RecordedDump {
  readonly payload: Buffer;
  readonly packets: number;
  readonly samples: number;
}

export function recordedDump(mdb: MissionDatabase, satellites: number, minutes: number): RecordedDump {
  const startMs = Math.floor((Date.now() - 3_600_000) / 1000) * 1000;
  const sim = new FleetSimulator({ mdb, fleet: demoFleet(satellites), seed: 9, startTimeMs: startMs });
  const packets = sim.advance(startMs + minutes * 60_000).packets.map(recordedCopy);
  const samples = packets.reduce((n, p) => n + mdb.latestLayout(p.apid)!.parameters.length, 0);
  return { payload: Buffer.concat(packets.map((p) => p.bytes)), packets: packets.length, samples };
}
