/**
 * Puts simulator packets on the raw topics exactly as the ingest gateway
 * publishes them — topic by APID, keyed by satellite, with the arrival time
 * and ground station headers — but with an arrival time derived from the
 * packet's own transmit time, so a backlog published at once still looks
 * like telemetry that arrived over a link (tests and benchmarks).
 *
 * @example
 *   await publishAsGateway(await bus.producer(), mdb, sim.advance(t).packets, { linkDelayMs: 40 });
 */
import type { MissionDatabase } from '../../domain/mission/mission-database';
import type { BusProducer } from '../../ports/bus';
import type { SimPacket } from '../../sim/fleet-simulator';
import type { Topic } from '../../topics';
import { receptionHeaders } from '../../raw-packet-headers';

export async function publishAsGateway(
  producer: BusProducer,
  mdb: MissionDatabase,
  packets: readonly SimPacket[],
  { linkDelayMs = 40, chunkSize = 5000 }: { linkDelayMs?: number; chunkSize?: number } = {},
): Promise<void> {
  for (let i = 0; i < packets.length; i += chunkSize) {
    const byTopic = new Map<Topic, SimPacket[]>();
    for (const p of packets.slice(i, i + chunkSize)) {
      const topic = mdb.latestLayout(p.apid)!.topic!;
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), p]);
    }
    for (const [topic, chunk] of byTopic) {
      await producer.send(
        topic,
        chunk.map((p) => ({
          key: String(p.satelliteId),
          value: Buffer.from(p.bytes),
          headers: receptionHeaders({ arrivalMs: p.transmitTimeMs + linkDelayMs, groundStation: p.groundStation }),
        })),
      );
    }
  }
}
