/**
 * The packet as the onboard recorder would have stored it: the same bytes
 * with the secondary header's playback flag set and the CRC recomputed. Used
 * to build pass dumps of any size for tests and benchmarks.
 *
 * @example
 *   const dump = sim.advance(t).packets.map(recordedCopy);
 */
import { crc16 } from '../domain/codec/crc16';
import { PLAYBACK_FLAG } from '../domain/codec/space-packet';
import { CRC_BYTES } from '../domain/mission/mission-database';
import type { SimPacket } from './transmission-queue';

export function recordedCopy(packet: SimPacket): SimPacket {
  const bytes = Uint8Array.from(packet.bytes);
  bytes[15]! |= PLAYBACK_FLAG;
  new DataView(bytes.buffer).setUint16(bytes.length - CRC_BYTES, crc16(bytes, 0, bytes.length - CRC_BYTES));
  return { ...packet, bytes, playback: true };
}
