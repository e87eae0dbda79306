/**
 * Ground-station events of one (satellite, station) pair, scheduled from pass
 * predictions: `aos` at the first millisecond above the mask (carrying the
 * predicted LOS), a `signal` report every SIGNAL_INTERVAL_MS while in view,
 * a TIME_SYNC `uplink` at AOS + 30 s verified sent → accepted → executed, and
 * `los` with the pass's culmination. A pass already under way when the
 * simulation starts is not reported: the station never saw its AOS.
 *
 * @example
 *   const source = new PassEventSource({ track, station, satelliteId: 101, startTimeMs, rng });
 *   source.eventsUntil(startTimeMs + 3_600_000); // [{ type: 'aos', ... }, { type: 'signal', ... }, ...]
 */
import type { GroundStationInfo } from '../domain/mission/fleet';
import type { GroundStationEvent } from '../domain/ground-station-event';
import { downlinkEbN0Db, LOCK_THRESHOLD_DB } from './link-budget';
import type { OrbitTrack } from '../domain/orbit/orbit-track';
import { PassPredictor, type PredictedPass } from '../domain/orbit/pass-predictor';
import type { Prng } from './prng';
import { StationLook } from '../domain/orbit/station-look';

export const SIGNAL_INTERVAL_MS = 10_000;
/** The uplink waits for the downlink to settle after AOS. */
export const UPLINK_DELAY_MS = 30_000;
/** Sent → accepted (onboard acknowledgement) → executed (execution report). */
export const UPLINK_VERIFICATION_DELAYS_MS = { accepted: 2_000, executed: 5_000 } as const;
/** Passes shorter than this get no uplink: there is no time to verify it. */
const MIN_UPLINK_PASS_MS = 60_000;
/** Scintillation and demodulator estimate noise on reported Eb/N0, dB (1σ). */
const EBN0_NOISE_DB = 0.3;
export const UPLINK_COMMAND = 'TIME_SYNC';

type Slot =
  | { readonly timeMs: number; readonly kind: 'aos' | 'signal' | 'los' }
  | { readonly timeMs: number; readonly kind: 'uplink'; readonly verification: 'sent' | 'accepted' | 'executed' };

export interface PassEventSourceOptions {
  readonly track: OrbitTrack;
  readonly station: GroundStationInfo;
  readonly satelliteId: number;
  readonly startTimeMs: number;
  /** Noise on signal reports; draws happen in event order, so output is reproducible. */
  readonly rng: Prng;
}

export class PassEventSource {
  readonly station: GroundStationInfo;
  readonly satelliteId: number;
  readonly #look: StationLook;
  readonly #predictor: PassPredictor;
  readonly #rng: Prng;
  #pass: PredictedPass | undefined;
  #slots: Slot[] = [];

  constructor({ track, station, satelliteId, startTimeMs, rng }: PassEventSourceOptions) {
    this.station = station;
    this.satelliteId = satelliteId;
    this.#rng = rng;
    this.#look = new StationLook(track, station);
    this.#predictor = new PassPredictor(this.#look, satelliteId);
    this.#schedule(this.#predictor.nextPass(startTimeMs));
  }

  /** The pass scheduled next, or the one in progress. */
  get currentPass(): PredictedPass | undefined {
    return this.#pass;
  }

  /** True when `timeMs` lies within the current pass, between its AOS and LOS events. */
  isInView(timeMs: number): boolean {
    return this.#pass !== undefined && timeMs >= this.#pass.aosMs && timeMs < this.#pass.losMs;
  }

  elevationDegAt(timeMs: number): number {
    return this.#look.at(timeMs).elevationDeg;
  }

  /** Events due up to and including `toMs` that were not returned before, in time order. */
  eventsUntil(toMs: number): GroundStationEvent[] {
    const events: GroundStationEvent[] = [];
    while (this.#pass) {
      const slot = this.#slots[0];
      if (!slot || slot.timeMs > toMs) break;
      this.#slots.shift();
      events.push(this.#eventFor(this.#pass, slot));
      if (slot.kind === 'los') this.#schedule(this.#predictor.nextPass(this.#pass.losMs));
    }
    return events;
  }

  #schedule(pass: PredictedPass | undefined): void {
    this.#pass = pass;
    this.#slots = [];
    if (!pass) return;
    this.#slots.push({ timeMs: pass.aosMs, kind: 'aos' });
    for (let t = pass.aosMs + SIGNAL_INTERVAL_MS; t < pass.losMs; t += SIGNAL_INTERVAL_MS) {
      this.#slots.push({ timeMs: t, kind: 'signal' });
    }
    if (pass.durationMs >= MIN_UPLINK_PASS_MS) {
      const sentMs = pass.aosMs + UPLINK_DELAY_MS;
      this.#slots.push(
        { timeMs: sentMs, kind: 'uplink', verification: 'sent' },
        { timeMs: sentMs + UPLINK_VERIFICATION_DELAYS_MS.accepted, kind: 'uplink', verification: 'accepted' },
        { timeMs: sentMs + UPLINK_VERIFICATION_DELAYS_MS.executed, kind: 'uplink', verification: 'executed' },
      );
    }
    this.#slots.push({ timeMs: pass.losMs, kind: 'los' });
    // Stable sort: a signal report and an uplink step due at the same time keep this order.
    this.#slots.sort((a, b) => a.timeMs - b.timeMs);
  }

  #eventFor(pass: PredictedPass, slot: Slot): GroundStationEvent {
    const base = { satelliteId: this.satelliteId, station: this.station.id, timeMs: slot.timeMs, passId: pass.passId };
    switch (slot.kind) {
      case 'aos':
        return { type: 'aos', ...base, azimuthDeg: pass.aosAzimuthDeg, predictedLosMs: pass.losMs };
      case 'los':
        return { type: 'los', ...base, azimuthDeg: pass.losAzimuthDeg, maxElevationDeg: pass.maxElevationDeg };
      case 'signal': {
        const look = this.#look.at(slot.timeMs);
        const ebN0Db = downlinkEbN0Db(look.elevationDeg, look.rangeKm) + this.#rng.normal(0, EBN0_NOISE_DB);
        return {
          type: 'signal',
          ...base,
          elevationDeg: look.elevationDeg,
          rangeKm: look.rangeKm,
          ebN0Db,
          locked: ebN0Db >= LOCK_THRESHOLD_DB,
        };
      }
      case 'uplink':
        return {
          type: 'uplink',
          ...base,
          commandId: `${UPLINK_COMMAND}-${this.satelliteId}-${pass.aosMs}`,
          command: UPLINK_COMMAND,
          verification: slot.verification,
        };
    }
  }
}
