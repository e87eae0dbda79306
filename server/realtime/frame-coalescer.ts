/**
 * Coalesces accepted packets into one live frame per (satellite, subsystem)
 * per flush, so the rate of frames a browser receives per room is the
 * caller's pacing however fast packets come (a playback dump can deliver
 * thousands a second). Nothing that matters is lost in the merge: for every parameter the
 * frame keeps the newest value and the minimum and maximum of the interval,
 * each with its own onboard time, so a one-sample spike still reaches the
 * plot at the instant it happened.
 *
 * Pure: the caller feeds frames and decides when to flush.
 *
 * @example
 *   const coalescer = new FrameCoalescer();
 *   coalescer.add(sampleFrame); coalescer.add(nextSampleFrame);
 *   coalescer.flush(Date.now()); // → [{ satelliteId: 101, subsystem: 'attitude', packets: 2, … }]
 */
import type { SampleFrame } from '../domain/sample-frame';
import type { LiveFrame } from './events';

/**
 * A sample that reached the gateway longer than this after its onboard time is
 * late, ms: real-time telemetry takes well under a second from the spacecraft
 * to the gateway, so seconds mean it was held somewhere (recorder, relay).
 */
export const LATE_AFTER_MS = 2000;

/** Played back from the recorder, or held in transit past `lateAfterMs`: history arriving, not a live value. */
export function isLateFrame(frame: Pick<SampleFrame, 'playback' | 'arrivalMs' | 'onboardTimeMs'>, lateAfterMs = LATE_AFTER_MS): boolean {
  return frame.playback === true || frame.arrivalMs - frame.onboardTimeMs > lateAfterMs;
}

export interface FrameCoalescerOptions {
  readonly lateAfterMs?: number;
}

interface ParameterSummary {
  count: number;
  lastTimeMs: number;
  last: number | null;
  minTimeMs: number;
  min: number | null;
  maxTimeMs: number;
  max: number | null;
  late: boolean;
}

interface PendingRoom {
  readonly satelliteId: number;
  readonly subsystem: string;
  readonly parameters: Map<number, ParameterSummary>;
  packets: number;
  newestOnboardMs: number;
  newestArrivalMs: number;
  mode: string | null;
  modeTimeMs: number;
  /** Onboard time of every packet merged, for the delivery-latency histogram. */
  readonly onboardTimesMs: number[];
}

export interface FlushedFrame {
  readonly frame: Omit<LiveFrame, 'emittedMs'>;
  readonly onboardTimesMs: readonly number[];
}

export class FrameCoalescer {
  readonly #lateAfterMs: number;
  readonly #pending = new Map<string, PendingRoom>();
  /** Newest onboard time already flushed per satellite and parameter: anything older arrives out of order. */
  readonly #newestFlushedMs = new Map<string, number>();

  constructor({ lateAfterMs = LATE_AFTER_MS }: FrameCoalescerOptions = {}) {
    if (!(lateAfterMs > 0)) throw new RangeError('lateAfterMs must be positive');
    this.#lateAfterMs = lateAfterMs;
  }

  /** Rooms with samples waiting for the next flush. */
  get pendingRooms(): number {
    return this.#pending.size;
  }

  add(frame: SampleFrame): void {
    const key = `${frame.satelliteId}:${frame.subsystem}`;
    let room = this.#pending.get(key);
    if (!room) {
      room = {
        satelliteId: frame.satelliteId,
        subsystem: frame.subsystem,
        parameters: new Map(),
        packets: 0,
        newestOnboardMs: -Infinity,
        newestArrivalMs: -Infinity,
        mode: null,
        modeTimeMs: -Infinity,
        onboardTimesMs: [],
      };
      this.#pending.set(key, room);
    }
    const t = frame.onboardTimeMs;
    room.packets++;
    room.onboardTimesMs.push(t);
    room.newestOnboardMs = Math.max(room.newestOnboardMs, t);
    room.newestArrivalMs = Math.max(room.newestArrivalMs, frame.arrivalMs);
    const mode = frame.context?.mode;
    if (mode != null && t >= room.modeTimeMs) {
      room.mode = mode;
      room.modeTimeMs = t;
    }
    const late = isLateFrame(frame, this.#lateAfterMs);
    for (let i = 0; i < frame.parameterIds.length; i++) {
      const id = frame.parameterIds[i]!;
      const value = frame.values[i] ?? null;
      const outOfOrder = t < (this.#newestFlushedMs.get(`${frame.satelliteId}:${id}`) ?? -Infinity);
      const summary = room.parameters.get(id);
      if (!summary) {
        room.parameters.set(id, {
          count: 1,
          lastTimeMs: t,
          last: value,
          minTimeMs: t,
          min: value,
          maxTimeMs: t,
          max: value,
          late: late || outOfOrder,
        });
        continue;
      }
      summary.count++;
      if (t >= summary.lastTimeMs) {
        summary.lastTimeMs = t;
        summary.last = value;
        summary.late = late || outOfOrder;
      }
      if (value !== null) {
        if (summary.min === null || value < summary.min) {
          summary.min = value;
          summary.minTimeMs = t;
        }
        if (summary.max === null || value > summary.max) {
          summary.max = value;
          summary.maxTimeMs = t;
        }
      }
    }
  }

  /**
   * Every pending room (or those `due` accepts) as one frame, in the order
   * rooms first received data; clears them.
   */
  flush(due?: (satelliteId: number, subsystem: string) => boolean): FlushedFrame[] {
    const out: FlushedFrame[] = [];
    for (const [key, room] of this.#pending) {
      if (due && !due(room.satelliteId, room.subsystem)) continue;
      this.#pending.delete(key);
      const n = room.parameters.size;
      const parameterIds = new Array<number>(n);
      const counts = new Array<number>(n);
      const lastTimesMs = new Array<number>(n);
      const last = new Array<number | null>(n);
      const minTimesMs = new Array<number>(n);
      const min = new Array<number | null>(n);
      const maxTimesMs = new Array<number>(n);
      const max = new Array<number | null>(n);
      const late = new Array<boolean>(n);
      let i = 0;
      for (const [id, s] of room.parameters) {
        parameterIds[i] = id;
        counts[i] = s.count;
        lastTimesMs[i] = s.lastTimeMs;
        last[i] = s.last;
        minTimesMs[i] = s.minTimeMs;
        min[i] = s.min;
        maxTimesMs[i] = s.maxTimeMs;
        max[i] = s.max;
        late[i] = s.late;
        const key = `${room.satelliteId}:${id}`;
        if (s.lastTimeMs > (this.#newestFlushedMs.get(key) ?? -Infinity)) this.#newestFlushedMs.set(key, s.lastTimeMs);
        i++;
      }
      out.push({
        frame: {
          satelliteId: room.satelliteId,
          subsystem: room.subsystem,
          onboardTimeMs: room.newestOnboardMs,
          arrivalMs: room.newestArrivalMs,
          packets: room.packets,
          mode: room.mode,
          parameterIds,
          counts,
          lastTimesMs,
          last,
          minTimesMs,
          min,
          maxTimesMs,
          max,
          late,
        },
        onboardTimesMs: room.onboardTimesMs,
      });
    }
    return out;
  }
}
