/**
 * Onboard-time validation and repair (time correlation), per satellite.
 *
 * Two independent witnesses say when a packet was sampled: its predecessor on
 * the same APID (packets are sampled at a fixed rate, so a sequence step of Δ
 * means Δ periods later) and the ground (arrival − onboard is the satellite's
 * clock offset plus the link delay, which changes slowly). A packet is:
 *
 * - accepted when its time agrees with its predecessor within the tolerance,
 *   or, failing that, when its clock offset agrees with the satellite's offset
 *   estimate within `driftBoundMs` at least as well as the predecessor's
 *   prediction does (then the predecessor is the suspect, and the stream is
 *   re-anchored on this packet);
 * - repaired to the predecessor's prediction when that prediction agrees with
 *   arrival: fixed-rate sampling, contiguous sequence counts and arrival time
 *   together prove the correction;
 * - quarantined as 'clock-drift' otherwise, with the offsets found.
 *
 * The offset estimate is the median of the satellite's last accepted offsets
 * plus the offsets of the packets that follow in the same batch, so that at
 * cold start, with no history and ~15% of packets drifted, the median is still
 * a good one. A satellite whose clock offset the mission already knows
 * (`knownClockOffsetsMs`: a clock kept on TAI runs 37 s ahead of UTC, one
 * on a mission epoch further) is judged against that offset until it has
 * `minObservations` accepted offsets of its own, so its first packets'
 * decisions do not depend on how many of them a batch happens to hold. For
 * any other, with fewer than `minObservations` offsets to go on (a lone
 * packet from a satellite never seen before) only arrival can vouch for a
 * time: spacecraft clocks are kept on UTC by time correlation, so the raw
 * offset is the link delay, and a time within `driftBoundMs` of arrival is
 * accepted (basis 'arrival'); any other is quarantined as unverifiable. Its
 * offset is kept either way, so the estimate forms within a few packets. Packets older than their stream's newest (reordered bursts) are
 * judged the same way but never move the stream backwards. Playback packets
 * (recorded onboard, dumped later) carry old times by design: they are never
 * compared with arrival and never feed the estimate.
 *
 * Duplicates must be removed before correlation: a retransmit would otherwise
 * look like a stream stepping by zero.
 *
 * @example
 *   const correlator = new TimeCorrelator({ driftBoundMs: 10_000 });
 *   const [decision] = correlator.correlate([
 *     { satelliteId: 101, apid: 256, sequenceCount: 7, onboardTimeMs: t, arrivalMs: t + 40, periodMs: 100 },
 *   ]);
 *   decision; // { action: 'accept', timeMs: t, basis: 'clock-offset' }
 */
import { ClockObservations } from './clock-observations';

/** CCSDS packet sequence counts are 14 bits (CCSDS 133.0-B-2 §4.1.3.4.3). */
const SEQUENCE_MODULO = 16384;

export interface TimeCorrelatorOptions {
  /** Largest |clock offset − estimate| a good packet shows, ms. */
  readonly driftBoundMs?: number;
  /** Largest sequence step (either way) over which the fixed-rate prediction is trusted. */
  readonly maxSequenceGap?: number;
  /** Tolerance of the predecessor check as a share of the period ... */
  readonly toleranceFraction?: number;
  /** ... but never below this, ms. */
  readonly minToleranceMs?: number;
  /** Accepted offsets kept per satellite, and offsets looked ahead in a batch. */
  readonly offsetWindow?: number;
  /** Fewest offsets the estimate needs; below it a packet cannot be verified against arrival. */
  readonly minObservations?: number;
  /**
   * Clock offsets (arrival − onboard, ms) known before any packet is seen,
   * by satellite id: they stand in for the estimate until a satellite has
   * `minObservations` accepted offsets of its own.
   */
  readonly knownClockOffsetsMs?: ReadonlyMap<number, number>;
}

/** What the correlator needs to know about one decoded, de-duplicated packet. */
export interface TimedPacket {
  readonly satelliteId: number;
  readonly apid: number;
  readonly sequenceCount: number;
  /** Onboard time as received, epoch ms. */
  readonly onboardTimeMs: number;
  /** Gateway arrival time, epoch ms. */
  readonly arrivalMs: number;
  /** Sampling period of the APID (1000 / rateHz), ms. */
  readonly periodMs: number;
  readonly playback?: boolean;
}

export type TimeBasis = 'sequence' | 'clock-offset' | 'arrival' | 'playback';

export type TimeDecision =
  | { readonly action: 'accept'; readonly timeMs: number; readonly basis: TimeBasis }
  | { readonly action: 'repair'; readonly timeMs: number; readonly receivedTimeMs: number }
  | { readonly action: 'quarantine'; readonly reason: 'clock-drift'; readonly detail: string };

interface StreamState {
  sequenceCount: number;
  timeMs: number;
}

export const TIME_CORRELATOR_DEFAULTS = {
  driftBoundMs: 10_000,
  maxSequenceGap: 64,
  toleranceFraction: 0.2,
  minToleranceMs: 5,
  offsetWindow: 64,
  minObservations: 3,
  knownClockOffsetsMs: new Map<number, number>() as ReadonlyMap<number, number>,
} as const;

export class TimeCorrelator {
  readonly options: Required<TimeCorrelatorOptions>;
  /** (satellite, APID) → newest accepted packet of the real-time stream. */
  readonly #streams = new Map<number, StreamState>();
  /** Same for playback streams, kept apart so a dump never disturbs real-time continuity. */
  readonly #playback = new Map<number, StreamState>();
  readonly #clocks = new Map<number, ClockObservations>();
  readonly #scratch: Float64Array;

  constructor(options: TimeCorrelatorOptions = {}) {
    const o = { ...TIME_CORRELATOR_DEFAULTS, ...options };
    if (!(o.driftBoundMs > 0)) throw new RangeError(`driftBoundMs must be positive, got ${o.driftBoundMs}`);
    if (!(Number.isInteger(o.maxSequenceGap) && o.maxSequenceGap >= 1 && o.maxSequenceGap < SEQUENCE_MODULO / 2)) {
      throw new RangeError(`maxSequenceGap must be an integer in 1..${SEQUENCE_MODULO / 2 - 1}, got ${o.maxSequenceGap}`);
    }
    if (!(o.toleranceFraction >= 0 && o.toleranceFraction < 0.5)) throw new RangeError(`toleranceFraction must be in [0, 0.5), got ${o.toleranceFraction}`);
    if (!(o.minToleranceMs >= 0)) throw new RangeError(`minToleranceMs must be ≥ 0, got ${o.minToleranceMs}`);
    if (!(Number.isInteger(o.offsetWindow) && o.offsetWindow >= 1)) throw new RangeError(`offsetWindow must be a positive integer, got ${o.offsetWindow}`);
    if (!(Number.isInteger(o.minObservations) && o.minObservations >= 1 && o.minObservations <= o.offsetWindow)) {
      throw new RangeError(`minObservations must be an integer in 1..offsetWindow, got ${o.minObservations}`);
    }
    for (const [satelliteId, offsetMs] of o.knownClockOffsetsMs) {
      if (!Number.isFinite(offsetMs)) throw new RangeError(`known clock offset of satellite ${satelliteId} must be a finite number of ms, got ${offsetMs}`);
    }
    this.options = o;
    this.#scratch = new Float64Array(2 * o.offsetWindow);
  }

  /** The satellite's current clock offset estimate (arrival − onboard), ms; undefined before any observation. */
  clockOffsetMs(satelliteId: number): number | undefined {
    const clock = this.#clocks.get(satelliteId);
    if (!clock || clock.size === 0) return undefined;
    return lowerMedian(this.#scratch, clock.copyInto(this.#scratch, 0));
  }

  /** Decides every packet of a batch, in order; one decision per packet. */
  correlate(batch: readonly TimedPacket[]): TimeDecision[] {
    // Pass 1: each satellite's offsets in this batch, so every decision can look ahead.
    const ahead = new Map<number, number[]>();
    const position = new Int32Array(batch.length);
    for (let i = 0; i < batch.length; i++) {
      const p = batch[i]!;
      if (p.playback) continue;
      let offsets = ahead.get(p.satelliteId);
      if (!offsets) ahead.set(p.satelliteId, (offsets = []));
      position[i] = offsets.length;
      offsets.push(p.arrivalMs - p.onboardTimeMs);
    }
    // Pass 2: decide in order; accepted packets feed the estimate of the packets after them.
    const decisions = new Array<TimeDecision>(batch.length);
    for (let i = 0; i < batch.length; i++) {
      const p = batch[i]!;
      decisions[i] = p.playback ? this.#decidePlayback(p) : this.#decide(p, ahead.get(p.satelliteId)!, position[i]!);
    }
    return decisions;
  }

  #decide(p: TimedPacket, ahead: readonly number[], k: number): TimeDecision {
    const o = this.options;
    const key = p.satelliteId * 2048 + p.apid;
    const stream = this.#streams.get(key);
    const step = stream ? signedStep(p.sequenceCount, stream.sequenceCount) : 0;
    const hasPredecessor = stream !== undefined && step !== 0 && Math.abs(step) <= o.maxSequenceGap;
    const expectedMs = hasPredecessor ? stream.timeMs + step * p.periodMs : Number.NaN;
    const toleranceMs = Math.max(o.toleranceFraction * p.periodMs, o.minToleranceMs);
    if (hasPredecessor && Math.abs(p.onboardTimeMs - expectedMs) <= toleranceMs) {
      return this.#accept(p, stream, step, p.onboardTimeMs, 'sequence');
    }
    const clock = this.#clockOf(p.satelliteId);
    const receivedOffsetMs = p.arrivalMs - p.onboardTimeMs;
    const known = clock.size < o.minObservations ? o.knownClockOffsetsMs.get(p.satelliteId) : undefined;
    let estimateMs: number;
    // Observations behind the median; undefined when the known offset stands in (described only if quarantined).
    let medianOf: number | undefined;
    if (known !== undefined) {
      estimateMs = known;
    } else {
      const n = this.#gather(clock, ahead, k);
      if (n < o.minObservations) {
        // Too little history for an estimate: arrival alone vouches for a time it is close to.
        if (Math.abs(receivedOffsetMs) <= o.driftBoundMs) return this.#accept(p, stream, step, p.onboardTimeMs, 'arrival');
        clock.record(receivedOffsetMs);
        const detail =
          `cannot verify onboard time ${formatTime(p.onboardTimeMs)}: only ${n} clock-offset observation(s) for satellite ${p.satelliteId}, ` +
          `${o.minObservations} needed, and it is ${formatOffset(receivedOffsetMs)} from arrival`;
        return { action: 'quarantine', reason: 'clock-drift', detail };
      }
      estimateMs = lowerMedian(this.#scratch, n);
      medianOf = n;
    }
    const receivedError = Math.abs(receivedOffsetMs - estimateMs);
    const expectedError = hasPredecessor ? Math.abs(p.arrivalMs - expectedMs - estimateMs) : Infinity;
    if (receivedError <= o.driftBoundMs && receivedError <= expectedError) {
      return this.#accept(p, stream, step, p.onboardTimeMs, 'clock-offset');
    }
    if (expectedError <= o.driftBoundMs) {
      this.#advance(p, stream, step, expectedMs);
      clock.record(p.arrivalMs - expectedMs);
      return { action: 'repair', timeMs: expectedMs, receivedTimeMs: p.onboardTimeMs };
    }
    const found = `clock offset (arrival − onboard) ${formatOffset(receivedOffsetMs)} for onboard time ${formatTime(p.onboardTimeMs)}`;
    const estimateIs =
      medianOf === undefined ? `the satellite's known clock offset, ${clock.size} of ${o.minObservations} observations of its own` : `median of ${medianOf} observations`;
    const expected = `expected ${formatOffset(estimateMs)} ± ${o.driftBoundMs} ms (${estimateIs})`;
    const repair = hasPredecessor
      ? `sequence continuity predicts ${formatTime(expectedMs)} (${step} × ${p.periodMs} ms from sequence ${stream.sequenceCount}), offset ${formatOffset(p.arrivalMs - expectedMs)}, also outside the bound`
      : `no accepted packet of APID ${p.apid} within ${o.maxSequenceGap} sequence counts to repair from`;
    return { action: 'quarantine', reason: 'clock-drift', detail: `${found}, ${expected}; ${repair}` };
  }

  #accept(p: TimedPacket, stream: StreamState | undefined, step: number, timeMs: number, basis: TimeBasis): TimeDecision {
    this.#advance(p, stream, step, timeMs);
    this.#clockOf(p.satelliteId).record(p.arrivalMs - timeMs);
    return { action: 'accept', timeMs, basis };
  }

  /**
   * Moves the stream to this packet unless it is older than the stream's
   * newest. Within the trusted gap the sequence step says which is newer;
   * beyond it the counter may have wrapped any number of times, so time does.
   */
  #advance(p: TimedPacket, stream: StreamState | undefined, step: number, timeMs: number): void {
    if (!stream) {
      this.#streams.set(p.satelliteId * 2048 + p.apid, { sequenceCount: p.sequenceCount, timeMs });
      return;
    }
    const newer = step !== 0 && Math.abs(step) <= this.options.maxSequenceGap ? step > 0 : timeMs > stream.timeMs;
    if (!newer) return;
    stream.sequenceCount = p.sequenceCount;
    stream.timeMs = timeMs;
  }

  #decidePlayback(p: TimedPacket): TimeDecision {
    const key = p.satelliteId * 2048 + p.apid;
    const stream = this.#playback.get(key);
    if (!stream) {
      this.#playback.set(key, { sequenceCount: p.sequenceCount, timeMs: p.onboardTimeMs });
      return { action: 'accept', timeMs: p.onboardTimeMs, basis: 'playback' };
    }
    const step = signedStep(p.sequenceCount, stream.sequenceCount);
    const continuous =
      step !== 0 &&
      Math.abs(step) <= this.options.maxSequenceGap &&
      Math.abs(p.onboardTimeMs - (stream.timeMs + step * p.periodMs)) <= Math.max(this.options.toleranceFraction * p.periodMs, this.options.minToleranceMs);
    if (step > 0 || !continuous) {
      stream.sequenceCount = p.sequenceCount;
      stream.timeMs = p.onboardTimeMs;
    }
    return { action: 'accept', timeMs: p.onboardTimeMs, basis: continuous ? 'sequence' : 'playback' };
  }

  #clockOf(satelliteId: number): ClockObservations {
    let clock = this.#clocks.get(satelliteId);
    if (!clock) this.#clocks.set(satelliteId, (clock = new ClockObservations(this.options.offsetWindow)));
    return clock;
  }

  /** Copies the candidate offsets (history, then this packet and the ones after it in the batch) into the scratch buffer. */
  #gather(clock: ClockObservations, ahead: readonly number[], k: number): number {
    let n = clock.copyInto(this.#scratch, 0);
    const end = Math.min(ahead.length, k + this.options.offsetWindow);
    for (let j = k; j < end; j++) this.#scratch[n++] = ahead[j]!;
    return n;
  }
}

/** Sorts the first n values of `values` in place and returns the lower median, an observed value. */
function lowerMedian(values: Float64Array, n: number): number {
  const sorted = values.subarray(0, n).sort();
  return sorted[(n - 1) >> 1]!;
}

function formatTime(timeMs: number): string {
  return Number.isFinite(timeMs) && Math.abs(timeMs) < 8.64e15 ? new Date(timeMs).toISOString() : String(timeMs);
}

function formatOffset(offsetMs: number): string {
  return `${offsetMs >= 0 ? '+' : ''}${Math.round(offsetMs)} ms`;
}

/** Sequence step from `previous` to `current` in −8192..8191, modulo 2^14. */
function signedStep(current: number, previous: number): number {
  const step = (((current - previous) % SEQUENCE_MODULO) + SEQUENCE_MODULO) % SEQUENCE_MODULO;
  return step >= SEQUENCE_MODULO / 2 ? step - SEQUENCE_MODULO : step;
}
