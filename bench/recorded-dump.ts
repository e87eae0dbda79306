/**
 * A recorder dump for the benchmarks: `minutes` of a `satellites`-strong
 * fleet's telemetry, flagged as played back, as one buffer of packets back
 * to back (what a ground station forwards during a pass), in time order. The
 * packet objects are not kept: they would sit in the heap of the process
 * being measured; where each packet ends and how many samples the packets up
 * to it carry are, so the dump can be sent at a chosen rate
 * (sustained-dump.ts).
 *
 * @example
 *   const dump = recordedDump(mdb, 20, 10); // { payload, packets: 228_000, samples: 5_076_000, … }
 */
import net from 'node:net';
import type { MissionDatabase } from '../server/domain/mission/mission-database';
import { demoFleet } from '../server/domain/mission/fleet';
import { FleetSimulator } from '../server/sim/fleet-simulator';
import { recordedCopy } from '../server/sim/recorded-copy';

export interface RecordedDump {
  readonly payload: Buffer;
  readonly packets: number;
  readonly samples: number;
  /** Per packet: the payload offset just past it. */
  readonly packetEnds: Uint32Array;
  /** Per packet: the samples it and the packets before it carry. */
  readonly samplesThrough: Uint32Array;
}

/** `startMs`: the onboard time the dump starts at (by default an hour ago, on a whole second). */
export function recordedDump(
  mdb: MissionDatabase,
  satellites: number,
  minutes: number,
  { startMs = Math.floor((Date.now() - 3_600_000) / 1000) * 1000 }: { startMs?: number } = {},
): RecordedDump {
  const sim = new FleetSimulator({ mdb, fleet: demoFleet(satellites), seed: 9, startTimeMs: startMs });
  const packets = sim.advance(startMs + minutes * 60_000).packets.map(recordedCopy);
  const packetEnds = new Uint32Array(packets.length);
  const samplesThrough = new Uint32Array(packets.length);
  let end = 0;
  let samples = 0;
  packets.forEach((p, i) => {
    packetEnds[i] = end += p.bytes.length;
    samplesThrough[i] = samples += mdb.latestLayout(p.apid)!.parameters.length;
  });
  return { payload: Buffer.concat(packets.map((p) => p.bytes)), packets: packets.length, samples, packetEnds, samplesThrough };
}

/** Writes the whole dump to the gateway's TCP port at once, as fast as it takes it; resolves when it is written. */
export function sendWhole(dump: RecordedDump, port: number, host = '127.0.0.1'): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const socket = net.connect(port, host, () => socket.end(dump.payload, () => resolve()));
    socket.on('error', reject);
  });
}
