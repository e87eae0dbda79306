/**
 * The link faults a real ground-station integration shows, injected at
 * configured rates so that every downstream defence (CRC check, dedupe, clock
 * quarantine, reordering window) is exercised:
 *
 * - duplicate: an exact copy of the packet is sent again 0.1–2 s later
 *   (a retransmit after a missed acknowledgement);
 * - drift: the onboard clock is off by ±(20 s … 2 h) for that packet, and the
 *   packet is encoded with that time, so it is well-formed and its CRC valid;
 * - corrupt: 1–3 distinct bits are flipped after the primary header and before
 *   the CRC, after the CRC was computed: the length field (which TCP framing
 *   relies on) stays intact, and CRC-16/CCITT, whose Hamming distance is 4
 *   below 4 KiB, is guaranteed to reject the packet;
 * - reorder: the packet and the next 1–3 of the same satellite are held back
 *   and released in reverse order.
 *
 * Rates are shares of generated packets and are independent from packet to
 * packet. One uniform draw picks at most one fault per packet, so the rates
 * must sum to at most 1, and each fault's count reconciles exactly with what
 * a receiver observes (a drifted packet is never also corrupted).
 *
 * @example
 *   const faults = new FaultInjector({ duplicateRate: 0.1, driftRate: 0, corruptRate: 0.1, reorderRate: 0 }, rng);
 *   faults.draw(); // 'duplicate' | 'corrupt' | undefined
 */
import { PRIMARY_HEADER_BYTES } from '../domain/codec/space-packet';
import { CRC_BYTES } from '../domain/mission/mission-database';
import type { Prng } from './prng';

export const FAULT_KINDS = ['duplicate', 'drift', 'corrupt', 'reorder'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type FaultCounts = Record<FaultKind, number>;

export interface FaultRates {
  readonly duplicateRate: number;
  readonly driftRate: number;
  readonly corruptRate: number;
  readonly reorderRate: number;
}

export const NO_FAULTS: FaultRates = Object.freeze({ duplicateRate: 0, driftRate: 0, corruptRate: 0, reorderRate: 0 });

export const DRIFT_RANGE_MS = { min: 20_000, max: 2 * 3_600_000 } as const;
/** Delay of a duplicate after its original, in whole 100 ms transmission slots. */
export const DUPLICATE_DELAY_SLOTS = { min: 1, max: 20 } as const;
/** Packets in a reordered run, including the one that starts it. */
export const REORDER_RUN_LENGTH = { min: 2, max: 4 } as const;
export const CORRUPT_BITS = { min: 1, max: 3 } as const;

export function zeroFaultCounts(): FaultCounts {
  return { duplicate: 0, drift: 0, corrupt: 0, reorder: 0 };
}

export class FaultInjector {
  readonly rates: FaultRates;
  readonly #rng: Prng;
  /** Upper bounds of each fault's slice of [0, 1), in FAULT_KINDS order. */
  readonly #thresholds: readonly number[];

  constructor(rates: FaultRates, rng: Prng) {
    const shares = [rates.duplicateRate, rates.driftRate, rates.corruptRate, rates.reorderRate];
    shares.forEach((rate, i) => {
      if (!(rate >= 0 && rate <= 1)) throw new RangeError(`${FAULT_KINDS[i]}Rate must be within 0..1, got ${rate}`);
    });
    const total = shares.reduce((a, b) => a + b, 0);
    if (total > 1 + 1e-12) throw new RangeError(`fault rates must sum to at most 1 (one fault per packet), got ${total}`);
    this.rates = rates;
    this.#rng = rng;
    let upper = 0;
    this.#thresholds = shares.map((rate) => (upper += rate));
  }

  /** The fault for the next generated packet, if any. */
  draw(): FaultKind | undefined {
    const u = this.#rng.next();
    const i = this.#thresholds.findIndex((upper) => u < upper);
    return i < 0 ? undefined : FAULT_KINDS[i];
  }

  /** Clock error of a drifted packet, ms: log-uniform magnitude, either sign, whole milliseconds. */
  driftOffsetMs(): number {
    const magnitude = Math.exp(this.#rng.uniform(Math.log(DRIFT_RANGE_MS.min), Math.log(DRIFT_RANGE_MS.max)));
    return Math.round(magnitude) * (this.#rng.chance(0.5) ? 1 : -1);
  }

  duplicateDelaySlots(): number {
    return this.#rng.integer(DUPLICATE_DELAY_SLOTS.min, DUPLICATE_DELAY_SLOTS.max);
  }

  reorderRunLength(): number {
    return this.#rng.integer(REORDER_RUN_LENGTH.min, REORDER_RUN_LENGTH.max);
  }

  /** A copy of `packet` with 1–3 distinct bits flipped between the primary header and the CRC. */
  corrupt(packet: Uint8Array): Uint8Array {
    const firstBit = PRIMARY_HEADER_BYTES * 8;
    const endBit = (packet.length - CRC_BYTES) * 8;
    if (endBit <= firstBit + CORRUPT_BITS.max) throw new RangeError(`packet of ${packet.length} bytes is too short to corrupt`);
    const flips = this.#rng.integer(CORRUPT_BITS.min, CORRUPT_BITS.max);
    const bits = new Set<number>();
    while (bits.size < flips) bits.add(this.#rng.integer(firstBit, endBit - 1));
    const copy = Uint8Array.from(packet);
    for (const bit of bits) copy[bit >>> 3]! ^= 0x80 >>> (bit & 7);
    return copy;
  }
}
