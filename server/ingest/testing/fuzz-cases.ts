/**
 * Deterministic bad input for the gateway fuzz test: random datagrams,
 * truncated packets and bit-flipped copies of good packets, interleaved with
 * known-good packets, each with the outcome the wire format (CCSDS 133.0-B-2
 * §4.1.3 and the Perigee secondary header, see domain/codec/space-packet.ts)
 * dictates — which stage must refuse it and for which reason — worked out
 * from how the case was made, not by running the decoder on it.
 *
 * Why the outcomes are certain:
 * - A packet whose length field disagrees with its size cannot be framed or
 *   routed: the gateway refuses it ('truncated' when the header announces more
 *   bytes than arrived, 'length-mismatch' when fewer).
 * - CRC-16/CCITT-FALSE has Hamming distance 4 for messages up to 32 751 bits,
 *   so flipping 1–3 bits of a packet (≤ 4 KiB) always breaks its CRC. A random
 *   body whose CRC happens to match is made to fail by the generator.
 * - The gateway routes a well-framed packet by APID alone (CRC is the worker's
 *   job): one with an APID of the mission database goes to the processor,
 *   which refuses it for 'crc-mismatch'; any other is refused by the gateway,
 *   whose decoder also checks the CRC before anything else.
 */
import { crc16 } from '../../domain/codec/crc16';
import { encodePacket } from '../../domain/codec/packet-codec';
import type { MissionDatabase } from '../../domain/mission/mission-database';
import { Prng } from '../../sim/prng';

export type FuzzOutcome =
  | { readonly kind: 'good'; readonly satelliteId: number; readonly apid: number; readonly sequenceCount: number; readonly onboardTimeMs: number }
  | { readonly kind: 'refused'; readonly stage: 'ingest' | 'processor'; readonly reason: string };

export interface FuzzCase {
  readonly bytes: Uint8Array;
  readonly outcome: FuzzOutcome;
}

/**
 * Good packets: contiguous sequence counts per (satellite, APID), values
 * inside the warning band, at the onboard time the caller gives (the test
 * ties it to the gateway's arrival clock, as a real link would).
 */
export class GoodPacketSource {
  readonly #mdb: MissionDatabase;
  readonly #rng: Prng;
  readonly #next = new Map<string, number>();

  constructor(mdb: MissionDatabase, rng: Prng) {
    this.#mdb = mdb;
    this.#rng = rng;
  }

  next(satelliteId: number, apid: number, onboardTimeMs: number): FuzzCase {
    const layout = this.#mdb.latestLayout(apid)!;
    const key = `${satelliteId}:${apid}`;
    const sequenceCount = this.#next.get(key) ?? 0;
    this.#next.set(key, (sequenceCount + 1) % 16384);
    const values = Object.fromEntries(
      layout.parameters.map((p) => {
        const parameter = this.#mdb.parameter(p.name)!;
        if (parameter.states) return [p.name, Number(Object.keys(parameter.states)[0])];
        const low = parameter.limits?.warningLow ?? parameter.validRange?.min ?? 0;
        const high = parameter.limits?.warningHigh ?? parameter.validRange?.max ?? low + 1;
        return [p.name, low + (high - low) * (0.25 + 0.5 * this.#rng.next())];
      }),
    );
    const bytes = encodePacket(this.#mdb, { apid, satelliteId, sequenceCount, onboardTimeMs, values });
    return { bytes, outcome: { kind: 'good', satelliteId, apid, sequenceCount, onboardTimeMs } };
  }
}

const declaredLength = (bytes: Uint8Array) => 6 + ((bytes[4]! << 8) | bytes[5]!) + 1;
const apidOf = (bytes: Uint8Array) => ((bytes[0]! << 8) | bytes[1]!) & 0x7ff;

/** Outcome of bytes sent as one datagram, from the length field and APID alone (see the module comment). */
function outcomeOfDatagram(mdb: MissionDatabase, bytes: Uint8Array): FuzzOutcome {
  if (bytes.length < 6 || declaredLength(bytes) > bytes.length) return { kind: 'refused', stage: 'ingest', reason: 'truncated' };
  if (declaredLength(bytes) < bytes.length) return { kind: 'refused', stage: 'ingest', reason: 'length-mismatch' };
  // Routable: framed, both headers present, and an APID the mission database knows.
  const routable = bytes.length >= 16 && mdb.latestLayout(apidOf(bytes)) !== undefined;
  const stage = routable ? 'processor' : 'ingest';
  // Shorter than the headers and the CRC together.
  if (bytes.length < 16 + 2) return { kind: 'refused', stage, reason: 'truncated' };
  return { kind: 'refused', stage, reason: 'crc-mismatch' };
}

/** Makes sure a well-framed random packet fails its CRC (a 1-in-65 536 chance otherwise). */
function breakCrc(bytes: Uint8Array): Uint8Array {
  if (bytes.length >= 18 && crc16(bytes, 0, bytes.length - 2) === ((bytes[bytes.length - 2]! << 8) | bytes[bytes.length - 1]!)) {
    bytes[bytes.length - 1]! ^= 0x01;
  }
  return bytes;
}

export class BadPacketSource {
  readonly #mdb: MissionDatabase;
  readonly #rng: Prng;
  readonly #knownApids: readonly number[];

  constructor(mdb: MissionDatabase, rng: Prng, knownApids: readonly number[]) {
    this.#mdb = mdb;
    this.#rng = rng;
    this.#knownApids = knownApids;
  }

  /** 1–3 flipped bits of a good packet; `keepLength` spares the length field (a stream must stay framed). */
  bitFlipped(good: Uint8Array, keepLength: boolean): FuzzCase {
    const bytes = Uint8Array.from(good);
    const flips = this.#rng.integer(1, 3);
    const flipped = new Set<number>();
    while (flipped.size < flips) {
      const bit = this.#rng.integer(0, bytes.length * 8 - 1);
      if (keepLength && (bit >> 3 === 4 || bit >> 3 === 5)) continue;
      flipped.add(bit);
    }
    for (const bit of flipped) bytes[bit >> 3]! ^= 0x80 >> (bit & 7);
    return { bytes, outcome: outcomeOfDatagram(this.#mdb, bytes) };
  }

  /** A good packet cut short, as one datagram. */
  truncated(good: Uint8Array): FuzzCase {
    const bytes = good.slice(0, this.#rng.integer(0, good.length - 1));
    return { bytes, outcome: { kind: 'refused', stage: 'ingest', reason: 'truncated' } };
  }

  /** Random bytes of random length as one datagram (0–600 bytes). */
  randomDatagram(): FuzzCase {
    const bytes = this.#randomBytes(this.#rng.integer(0, 600));
    return { bytes: breakCrc(bytes), outcome: outcomeOfDatagram(this.#mdb, bytes) };
  }

  /** A random packet whose length field is right (so a stream stays framed), a quarter of them with a known APID. */
  randomFramed(): FuzzCase {
    const bytes = this.#randomBytes(this.#rng.integer(7, this.#mdb.maxPacketBytes));
    bytes[4] = (bytes.length - 7) >> 8;
    bytes[5] = (bytes.length - 7) & 0xff;
    if (this.#rng.chance(0.25)) {
      const apid = this.#knownApids[this.#rng.integer(0, this.#knownApids.length - 1)]!;
      bytes[0] = (bytes[0]! & 0xf8) | (apid >> 8);
      bytes[1] = apid & 0xff;
    }
    return { bytes: breakCrc(bytes), outcome: outcomeOfDatagram(this.#mdb, bytes) };
  }

  /** A primary header announcing a packet above the mission's largest: the gateway abandons the stream. */
  oversizedHeader(): FuzzCase {
    // The header alone: bytes after it are never read, as the gateway closes the connection.
    const bytes = this.#randomBytes(6);
    const dataLength = this.#rng.integer(this.#mdb.maxPacketBytes - 6, 0xffff);
    bytes[4] = dataLength >> 8;
    bytes[5] = dataLength & 0xff;
    return { bytes, outcome: { kind: 'refused', stage: 'ingest', reason: 'oversized' } };
  }

  #randomBytes(length: number): Uint8Array {
    const bytes = new Uint8Array(length);
    for (let i = 0; i < length; i++) bytes[i] = Math.floor(this.#rng.next() * 256);
    return bytes;
  }
}
