/**
 * What leaves the simulator, in transmission order: packets sent as they are
 * generated, duplicates released after their delay, and reordered runs
 * released in reverse once complete. Fault counters are kept here, at the
 * moment a packet is actually sent, so they always equal the marked packets a
 * caller has received; packets still held back are counted apart.
 *
 * @example
 *   const queue = new TransmissionQueue();
 *   queue.send(packet);
 *   queue.drain(); // [packet]
 */
import { FAULT_KINDS, zeroFaultCounts, type FaultCounts, type FaultKind } from './fault-injector';

export interface SimPacket {
  readonly satelliteId: number;
  readonly apid: number;
  readonly sequenceCount: number;
  readonly bytes: Uint8Array;
  /** Time the packet was sampled onboard, before any clock fault; epoch ms. */
  readonly trueOnboardTimeMs: number;
  /** Simulated time the packet leaves the spacecraft; ≥ trueOnboardTimeMs for held-back packets. */
  readonly transmitTimeMs: number;
  /** Station in view with the highest elevation, or "relay". */
  readonly groundStation: string;
  readonly fault?: FaultKind;
  /** Recorded onboard and dumped during a pass (store-and-forward link). */
  readonly playback?: boolean;
}

export interface TransmissionCounts {
  /** Packets sent, duplicates included. */
  readonly sent: number;
  /** Duplicates waiting for their slot. */
  readonly delayed: number;
  /** Packets held in open reorder runs. */
  readonly held: number;
  readonly faults: Readonly<FaultCounts>;
}

interface Delayed {
  readonly releaseMs: number;
  readonly packet: SimPacket;
}

interface Run {
  remaining: number;
  readonly packets: SimPacket[];
}

export class TransmissionQueue {
  #out: SimPacket[] = [];
  /** Sorted by release time; equal times keep insertion order. */
  readonly #delayed: Delayed[] = [];
  readonly #runs = new Map<number, Run>();
  #sent = 0;
  readonly #faults = zeroFaultCounts();

  send(packet: SimPacket): void {
    this.#out.push(packet);
    this.#sent++;
    if (packet.fault) this.#faults[packet.fault]++;
  }

  /** Sends `packet` once simulated time reaches `releaseMs`. */
  sendAt(packet: SimPacket, releaseMs: number): void {
    let i = this.#delayed.length;
    while (i > 0 && this.#delayed[i - 1]!.releaseMs > releaseMs) i--;
    this.#delayed.splice(i, 0, { releaseMs, packet: { ...packet, transmitTimeMs: releaseMs } });
  }

  /** Sends everything whose delay has expired by `timeMs`. */
  releaseDue(timeMs: number): void {
    let n = 0;
    while (n < this.#delayed.length && this.#delayed[n]!.releaseMs <= timeMs) n++;
    for (const { packet } of this.#delayed.splice(0, n)) this.send(packet);
  }

  hasOpenRun(satelliteId: number): boolean {
    return this.#runs.has(satelliteId);
  }

  /** Holds `packet` as the first of a run of `length` packets of its satellite. */
  startRun(packet: SimPacket, length: number): void {
    if (this.#runs.has(packet.satelliteId)) throw new RangeError(`satellite ${packet.satelliteId} already has an open reorder run`);
    this.#runs.set(packet.satelliteId, { remaining: length - 1, packets: [packet] });
  }

  /** Adds `packet` to its satellite's open run; the full run goes out in reverse order at `timeMs`. */
  joinRun(packet: SimPacket, timeMs: number): void {
    const run = this.#runs.get(packet.satelliteId);
    if (!run) throw new RangeError(`satellite ${packet.satelliteId} has no open reorder run`);
    run.packets.push(packet);
    if (--run.remaining > 0) return;
    this.#runs.delete(packet.satelliteId);
    for (const held of run.packets.reverse()) this.send({ ...held, transmitTimeMs: timeMs });
  }

  /** Takes the packets sent since the last drain. */
  drain(): SimPacket[] {
    const out = this.#out;
    this.#out = [];
    return out;
  }

  counts(): TransmissionCounts {
    let held = 0;
    for (const run of this.#runs.values()) held += run.packets.length;
    return {
      sent: this.#sent,
      delayed: this.#delayed.length,
      held,
      faults: Object.fromEntries(FAULT_KINDS.map((k) => [k, this.#faults[k]])) as FaultCounts,
    };
  }
}
