/**
 * Decides where the gateway publishes a received packet from its headers
 * alone: the raw topic of its APID's subsystem (or the playback lane for a
 * packet dumped from the onboard recorder), keyed by spacecraft id. Full
 * validation (CRC, definition version, values) is the worker's job; a packet
 * the gateway cannot route gets the decoder's precise reason instead. A
 * packet with only a primary header is decoded to find its spacecraft.
 */
import { DecodeError } from '../../errors';
import type { MissionDatabase } from '../mission/mission-database';
import type { Topic } from '../../topics';
import { decodePacket } from './packet-codec';
import { TOPICS } from '../../topics';
import { PRIMARY_HEADER_BYTES, SECONDARY_HEADER_BYTES, isPlaybackPacket, packetLengthOf, readPrimaryHeader } from './space-packet';

export type PacketRoute =
  | { readonly ok: true; readonly topic: Topic; readonly satelliteId: number; readonly apid: number; readonly playback: boolean }
  | { readonly ok: false; readonly error: DecodeError };

/** `arrivalMs`: when the gateway received it (the onboard time of missions without one). */
export function routePacket(mdb: MissionDatabase, packet: Uint8Array, arrivalMs = Number.NaN): PacketRoute {
  const routable =
    packet.length >= PRIMARY_HEADER_BYTES + SECONDARY_HEADER_BYTES && packetLengthOf(readPrimaryHeader(packet)) === packet.length;
  if (routable) {
    const { apid } = readPrimaryHeader(packet);
    const layout = mdb.latestLayout(apid);
    if (layout?.topic !== undefined && layout.header === 'perigee') {
      const satelliteId = (packet[12]! << 8) | packet[13]!;
      // Played-back packets take their own lane whatever their subsystem: a dump never queues ahead of live data.
      const playback = isPlaybackPacket(packet);
      return { ok: true, topic: playback ? TOPICS.rawPlayback : layout.topic, apid, satelliteId, playback };
    }
  }
  // Primary header only: the spacecraft sits where the mission database says, so the packet is decoded to find it.
  const decoded = decodePacket(mdb, packet, {}, { arrivalMs });
  if (decoded.ok) {
    const { layout, satelliteId } = decoded.packet;
    if (layout.topic !== undefined) return { ok: true, topic: layout.topic, apid: layout.apid, satelliteId, playback: false };
    const message = `packet "${layout.name}" (APID ${layout.apid}) belongs to subsystem "${layout.subsystem}", which has no raw topic`;
    return { ok: false, error: new DecodeError('unknown-apid', message, { apid: layout.apid }) };
  }
  return { ok: false, error: decoded.error };
}
