/**
 * CCSDS space packet headers (CCSDS 133.0-B-2 §4.1.3) and Perigee's secondary
 * header. Wire layout, all big-endian:
 *
 *   primary (6 bytes)   version:3 type:1 secHdrFlag:1 apid:11 | seqFlags:2 seqCount:14 | dataLength:16
 *   secondary (10 bytes) CUC coarse seconds:32 | CUC fine (2^-16 s):16 | spacecraft id:16
 *                        | definition version:8 | flags:8 (bit 0 = playback: recorded onboard and
 *                        dumped later, not real-time; other bits spare, zero)
 *   data                 parameters in mission-database order
 *   error control (2)    CRC-16/CCITT-FALSE over every preceding byte
 *
 * `dataLength` is the number of bytes after the primary header minus one
 * (§4.1.3.5.3). The CUC time code (CCSDS 301.0-B-4 §3.2) uses an implicit
 * P-field: 4 coarse + 2 fine octets from the mission epoch.
 */
export const PRIMARY_HEADER_BYTES = 6;
export const SECONDARY_HEADER_BYTES = 10;
/** Largest packet CCSDS allows: 6 + 65536 bytes. */
export const CCSDS_MAX_PACKET_BYTES = PRIMARY_HEADER_BYTES + 0x10000;

export interface PrimaryHeader {
  readonly version: number;
  /** 0 = telemetry, 1 = telecommand. */
  readonly type: number;
  readonly hasSecondaryHeader: boolean;
  readonly apid: number;
  readonly sequenceFlags: number;
  readonly sequenceCount: number;
  readonly dataLength: number;
}

export interface SecondaryHeader {
  readonly onboardTimeMs: number;
  readonly satelliteId: number;
  readonly definitionVersion: number;
  /** Recorded onboard and dumped during a pass, not real-time telemetry. */
  readonly playback: boolean;
}

/** Bit of the secondary header's flags byte marking a played-back (stored) packet. */
export const PLAYBACK_FLAG = 0x01;

/** Reads only the playback flag, for routing a packet before it is decoded; the caller ensures 16 bytes. */
export function isPlaybackPacket(packet: Uint8Array): boolean {
  return (packet[15]! & PLAYBACK_FLAG) !== 0;
}

/** Reads the primary header; the caller ensures at least 6 bytes. */
export function readPrimaryHeader(packet: Uint8Array): PrimaryHeader {
  const w0 = (packet[0]! << 8) | packet[1]!;
  const w1 = (packet[2]! << 8) | packet[3]!;
  return {
    version: w0 >>> 13,
    type: (w0 >>> 12) & 1,
    hasSecondaryHeader: ((w0 >>> 11) & 1) === 1,
    apid: w0 & 0x7ff,
    sequenceFlags: w1 >>> 14,
    sequenceCount: w1 & 0x3fff,
    dataLength: (packet[4]! << 8) | packet[5]!,
  };
}

/** Total bytes of the packet a primary header announces. */
export function packetLengthOf(header: Pick<PrimaryHeader, 'dataLength'>): number {
  return PRIMARY_HEADER_BYTES + header.dataLength + 1;
}

export function writePrimaryHeader(
  view: DataView,
  { apid, sequenceCount, totalBytes }: { apid: number; sequenceCount: number; totalBytes: number },
): void {
  // version 0, type 0 (telemetry), secondary header present, unsegmented (flags 0b11)
  view.setUint16(0, (1 << 11) | (apid & 0x7ff));
  view.setUint16(2, (0b11 << 14) | (sequenceCount & 0x3fff));
  view.setUint16(4, totalBytes - PRIMARY_HEADER_BYTES - 1);
}

export function readSecondaryHeader(view: DataView, epochMs: number): SecondaryHeader {
  const coarse = view.getUint32(6);
  const fine = view.getUint16(10);
  // Fine time is 2^-16 s (~15.3 µs); keep whole microseconds, the archive's resolution.
  const micros = Math.round((fine * 1_000_000) / 65536);
  return {
    onboardTimeMs: epochMs + coarse * 1000 + micros / 1000,
    satelliteId: view.getUint16(12),
    definitionVersion: view.getUint8(14),
    playback: (view.getUint8(15) & PLAYBACK_FLAG) !== 0,
  };
}

export function writeSecondaryHeader(view: DataView, header: SecondaryHeader, epochMs: number): void {
  const sinceEpochMs = header.onboardTimeMs - epochMs;
  let coarse = Math.floor(sinceEpochMs / 1000);
  let fine = Math.round(((sinceEpochMs - coarse * 1000) / 1000) * 65536);
  if (fine === 65536) {
    coarse += 1;
    fine = 0;
  }
  view.setUint32(6, coarse >>> 0);
  view.setUint16(10, fine);
  view.setUint16(12, header.satelliteId);
  view.setUint8(14, header.definitionVersion);
  view.setUint8(15, header.playback ? PLAYBACK_FLAG : 0);
}
