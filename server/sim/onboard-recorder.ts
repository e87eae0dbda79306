/**
 * The onboard recorder of a store-and-forward spacecraft: while no ground
 * station is in view, telemetry is recorded (flagged as playback in its
 * secondary header) instead of sent; during a pass the recorder is dumped,
 * oldest first, at the downlink's dump rate, beside the real-time telemetry.
 * Capacity is bounded: when full, the oldest recording is overwritten and
 * counted as lost, as a real recorder's wrap-around does.
 *
 * @example
 *   const recorder = new OnboardRecorder({ capacityPackets: 200_000, dumpPacketsPerSecond: 400 });
 *   recorder.record(packet);
 *   recorder.dump(100); // up to 40 packets for a 100 ms step
 */
import type { SimPacket } from './transmission-queue';

export interface OnboardRecorderOptions {
  /** Most packets held; the oldest is overwritten beyond it. */
  readonly capacityPackets: number;
  /** Packets the downlink dumps per second of contact. */
  readonly dumpPacketsPerSecond: number;
}

export class OnboardRecorder {
  readonly #capacity: number;
  readonly #ratePerMs: number;
  #packets: SimPacket[] = [];
  #head = 0;
  /** Fractional packets carried from one step to the next, so any rate is honoured exactly. */
  #credit = 0;
  #overwritten = 0;

  constructor({ capacityPackets, dumpPacketsPerSecond }: OnboardRecorderOptions) {
    if (!(Number.isInteger(capacityPackets) && capacityPackets > 0)) throw new RangeError('capacityPackets must be a positive integer');
    if (!(dumpPacketsPerSecond > 0)) throw new RangeError('dumpPacketsPerSecond must be positive');
    this.#capacity = capacityPackets;
    this.#ratePerMs = dumpPacketsPerSecond / 1000;
  }

  /** Packets waiting to be dumped. */
  get size(): number {
    return this.#packets.length - this.#head;
  }

  /** Recordings lost to wrap-around. */
  get overwritten(): number {
    return this.#overwritten;
  }

  record(packet: SimPacket): void {
    if (this.size >= this.#capacity) {
      this.#head++;
      this.#overwritten++;
    }
    this.#packets.push(packet);
    // Compact once the consumed head dominates, keeping record and dump O(1) amortised.
    if (this.#head > 4096 && this.#head * 2 > this.#packets.length) {
      this.#packets = this.#packets.slice(this.#head);
      this.#head = 0;
    }
  }

  /** The oldest recordings the downlink can carry in `stepMs` of contact. */
  dump(stepMs: number): SimPacket[] {
    this.#credit += stepMs * this.#ratePerMs;
    const n = Math.min(this.size, Math.floor(this.#credit));
    this.#credit -= n;
    if (this.size === 0) this.#credit = 0; // an empty recorder banks no downlink time
    const out = this.#packets.slice(this.#head, this.#head + n);
    this.#head += n;
    return out;
  }
}
