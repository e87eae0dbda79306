/**
 * The stream-processing core shared by the processor and the live feed: raw
 * packets as consumed from the bus in, enriched sample frames and
 * quarantine entries out. Stages, in order:
 *
 *   decode (CRC, headers, mission database; the APID must belong to the topic)
 *   → dedupe (satellite, APID, sequence count, onboard time as received)
 *   → time correlation (accept, repair or quarantine the onboard time)
 *   → sample validation (finite, valid range, known state)
 *   → enrichment (spacecraft mode, orbit, calibration version, lineage).
 *
 * Every input ends as exactly one of: a frame (possibly without some of its
 * samples, each of which is quarantined), a duplicate (counted), or a
 * quarantined packet. Nothing is dropped silently, and a repaired time keeps
 * the received one beside it. Windows and rules run on the frames afterwards
 * (WindowAggregator, RuleEngine).
 *
 * @example
 *   const pipeline = new TelemetryPipeline({ mdb, fleet, dedupe: { windowMs: 60_000 }, time: { driftBoundMs: 10_000 } });
 *   const { frames, quarantine, duplicates, repaired } = pipeline.processBatch(
 *     messages.map((m) => ({ bytes: m.value, topic: m.topic, partition: m.partition, offset: m.offset, arrivalMs })),
 *   );
 */
import type { DecodeErrorReason } from '../../errors';
import { decodePacket, type DecodedPacket } from '../codec/packet-codec';
import { stateOf } from '../mission/calibration';
import type { SatelliteCatalogue } from '../mission/fleet';
import type { MissionDatabase, PacketLayout } from '../mission/mission-database';
import type { ParameterDefinition } from '../mission/schema';
import type { SampleFrame } from '../sample-frame';
import { TOPICS } from '../../topics';
import { DedupeWindow, packetDedupeKey, type DedupeWindowOptions } from './dedupe-window';
import { OrbitContext } from './orbit-context';
import { SampleValidator, type SampleRejectionReason } from './sample-validator';
import { TimeCorrelator, type TimedPacket, type TimeCorrelatorOptions } from './time-correlator';

/** One message of a raw packet topic, as the processor or live feed consumed it. */
export interface RawPacketInput {
  readonly bytes: Uint8Array;
  readonly topic: string;
  readonly partition: number;
  /** Kafka offset as a decimal string. */
  readonly offset: string;
  /** Gateway arrival time, epoch ms. */
  readonly arrivalMs: number;
  readonly groundStation?: string;
  /** Recorded onboard and dumped later: old onboard times are expected. */
  readonly playback?: boolean;
}

export type QuarantineReason = DecodeErrorReason | 'wrong-topic' | 'clock-drift' | SampleRejectionReason;

export interface PipelineQuarantine {
  readonly reason: QuarantineReason;
  readonly detail: string;
  /** The input exactly as received, bytes included. */
  readonly input: RawPacketInput;
  readonly satelliteId: number | null;
  readonly apid: number | null;
  /** Set when a single sample, not the packet, was refused. */
  readonly parameterId?: number;
}

export interface BatchResult {
  readonly frames: SampleFrame[];
  readonly quarantine: PipelineQuarantine[];
  readonly duplicates: number;
  readonly repaired: number;
  /** Quarantine entries by reason. */
  readonly counts: Partial<Record<QuarantineReason, number>>;
}

export interface PipelineStats {
  readonly packets: number;
  readonly frames: number;
  readonly samplesAccepted: number;
  readonly samplesRejected: number;
  readonly duplicates: number;
  readonly repaired: number;
  /** Packets refused whole (decode, topic, clock). */
  readonly packetsQuarantined: number;
  readonly quarantinedByReason: Partial<Record<QuarantineReason, number>>;
  readonly dedupe: { readonly size: number; readonly evicted: number };
}

export interface TelemetryPipelineOptions {
  readonly mdb: MissionDatabase;
  readonly fleet: SatelliteCatalogue;
  readonly dedupe?: Partial<DedupeWindowOptions>;
  readonly time?: TimeCorrelatorOptions;
}

/** Dedupe defaults: retransmits come within seconds; 60 s of a 64-satellite fleet is ~73 000 packets. */
export const DEDUPE_DEFAULTS: DedupeWindowOptions = { windowMs: 60_000, maxEntries: 250_000 };


interface LayoutInfo {
  readonly parameterIds: readonly number[];
  /** Slots archived as samples: all but packet bookkeeping (MissionDatabase.bookkeeping); null when that is every slot. */
  readonly sampled: ReadonlySet<number> | null;
  /** Index of the spacecraft mode parameter, -1 when the packet does not carry it. */
  readonly modeIndex: number;
  readonly modeParameter: ParameterDefinition | undefined;
}

interface KnownMode {
  timeMs: number;
  name: string;
}

export class TelemetryPipeline {
  readonly mdb: MissionDatabase;
  readonly #dedupe: DedupeWindow;
  readonly #correlator: TimeCorrelator;
  readonly #validator = new SampleValidator();
  readonly #orbits: OrbitContext;
  readonly #layouts = new WeakMap<PacketLayout, LayoutInfo>();
  readonly #modes = new Map<number, KnownMode>();
  #stats = { packets: 0, frames: 0, samplesAccepted: 0, samplesRejected: 0, duplicates: 0, repaired: 0, packetsQuarantined: 0 };
  readonly #byReason: Partial<Record<QuarantineReason, number>> = {};

  constructor({ mdb, fleet, dedupe = {}, time = {} }: TelemetryPipelineOptions) {
    this.mdb = mdb;
    this.#dedupe = new DedupeWindow({ ...DEDUPE_DEFAULTS, ...dedupe });
    this.#correlator = new TimeCorrelator(time);
    this.#orbits = new OrbitContext(fleet);
  }

  stats(): PipelineStats {
    return {
      ...this.#stats,
      quarantinedByReason: { ...this.#byReason },
      dedupe: { size: this.#dedupe.size, evicted: this.#dedupe.evicted },
    };
  }

  processBatch(inputs: readonly RawPacketInput[]): BatchResult {
    const quarantine: PipelineQuarantine[] = [];
    const accepted: Array<{ input: RawPacketInput; packet: DecodedPacket }> = [];
    const timed: TimedPacket[] = [];
    let duplicates = 0;
    for (const input of inputs) {
      const { topic, partition, offset } = input;
      const result = decodePacket(this.mdb, input.bytes, { topic, partition, offset }, { arrivalMs: input.arrivalMs });
      if (!result.ok) {
        const { reason, message, apid } = result.error;
        quarantine.push({ reason, detail: message, input, satelliteId: null, apid: apid ?? null });
        continue;
      }
      const packet = result.packet;
      const { layout, satelliteId } = packet;
      // A played-back packet travels in the playback lane, a real-time one on its subsystem's topic.
      if ((packet.playback ? TOPICS.rawPlayback : layout.topic) !== topic) {
        const detail = `APID ${layout.apid} belongs on ${layout.topic}, arrived on ${topic}`;
        quarantine.push({ reason: 'wrong-topic', detail, input, satelliteId, apid: layout.apid });
        continue;
      }
      // The window runs on arrival time: the onboard time may be the drifted one the next stage repairs.
      if (this.#dedupe.isDuplicate(packetDedupeKey(satelliteId, layout.apid, packet.sequenceCount, packet.onboardTimeMs), input.arrivalMs)) {
        duplicates++;
        continue;
      }
      accepted.push({ input, packet });
      timed.push({
        satelliteId,
        apid: layout.apid,
        sequenceCount: packet.sequenceCount,
        onboardTimeMs: packet.onboardTimeMs,
        arrivalMs: input.arrivalMs,
        periodMs: 1000 / layout.rateHz,
        playback: packet.playback || input.playback === true,
      });
    }
    const decisions = this.#correlator.correlate(timed);
    const frames: SampleFrame[] = [];
    let repaired = 0;
    for (let j = 0; j < accepted.length; j++) {
      const { input, packet } = accepted[j]!;
      const decision = decisions[j]!;
      if (decision.action === 'quarantine') {
        quarantine.push({ reason: decision.reason, detail: decision.detail, input, satelliteId: packet.satelliteId, apid: packet.layout.apid });
        continue;
      }
      if (decision.action === 'repair') repaired++;
      const frame = this.#frameOf(input, packet, decision.timeMs, decision.action === 'repair', quarantine);
      if (frame) frames.push(frame);
    }
    return { frames, quarantine, duplicates, repaired, counts: this.#count(inputs.length, frames, quarantine, duplicates, repaired) };
  }

  /** Validates and enriches one packet; null when every sample was refused. */
  #frameOf(input: RawPacketInput, packet: DecodedPacket, timeMs: number, repaired: boolean, quarantine: PipelineQuarantine[]): SampleFrame | null {
    const { layout, satelliteId, raw, values } = packet;
    const info = this.#layoutInfo(layout);
    const validated = this.#validator.validate(layout, raw, values);
    const sampled = info.sampled;
    // Packet bookkeeping (headers, spacecraft id, time fields) stays in the raw packet, not among the samples.
    const accepted = sampled === null ? validated.accepted : validated.accepted.filter((i) => sampled.has(i));
    const rejected = sampled === null ? validated.rejected : validated.rejected.filter((r) => sampled.has(layout.parameters.findIndex((p) => p.id === r.parameterId)));
    for (const r of rejected) {
      quarantine.push({ reason: r.reason, detail: r.detail, input, satelliteId, apid: layout.apid, parameterId: r.parameterId });
    }
    if (accepted.length === 0) return null;
    let parameterIds: number[];
    let frameValues: number[];
    let rawValues: number[];
    if (rejected.length === 0 && sampled === null) {
      // The decoder allocates fresh arrays per packet, so the frame can own them.
      parameterIds = info.parameterIds.slice();
      frameValues = values as number[];
      rawValues = raw as number[];
    } else {
      parameterIds = accepted.map((i) => info.parameterIds[i]!);
      frameValues = accepted.map((i) => values[i]!);
      rawValues = accepted.map((i) => raw[i]!);
    }
    const frame: SampleFrame = {
      satelliteId,
      subsystem: layout.subsystem,
      apid: layout.apid,
      sequenceCount: packet.sequenceCount,
      onboardTimeMs: timeMs,
      arrivalMs: input.arrivalMs,
      parameterIds,
      values: frameValues,
      rawValues,
      source: { topic: input.topic, partition: input.partition, offset: input.offset },
      context: {
        mode: this.#modeAt(satelliteId, timeMs, info, raw, rejected.length === 0 && sampled === null ? null : accepted),
        orbit: this.#orbits.at(satelliteId, timeMs),
        calibrationVersion: this.mdb.version,
      },
    };
    if (repaired) frame.receivedOnboardTimeMs = packet.onboardTimeMs;
    if (input.groundStation !== undefined) frame.groundStation = input.groundStation;
    if (input.playback || packet.playback) frame.playback = true;
    return frame;
  }

  /** Notes the packet's ADCS mode when it carries a valid one, and returns the satellite's newest known mode. */
  #modeAt(satelliteId: number, timeMs: number, info: LayoutInfo, raw: readonly number[], accepted: readonly number[] | null): string | null {
    const known = this.#modes.get(satelliteId);
    if (info.modeIndex >= 0 && (accepted === null || accepted.includes(info.modeIndex))) {
      const name = stateOf(info.modeParameter!, raw[info.modeIndex]!);
      if (name !== undefined && (!known || timeMs >= known.timeMs)) {
        if (known) {
          known.timeMs = timeMs;
          known.name = name;
        } else this.#modes.set(satelliteId, { timeMs, name });
        return name;
      }
    }
    return known?.name ?? null;
  }

  #layoutInfo(layout: PacketLayout): LayoutInfo {
    let info = this.#layouts.get(layout);
    if (!info) {
      // The mission database names its mode parameter (spacecraftMode); -1 when it names none or this packet lacks it.
      const mode = this.mdb.file.spacecraftMode?.parameter;
      const modeIndex = mode === undefined ? -1 : layout.parameters.findIndex((p) => p.name === mode);
      const kept = layout.parameters.flatMap((p, i) => (this.mdb.bookkeeping.has(p.name) ? [] : [i]));
      const sampled = kept.length === layout.parameters.length ? null : new Set(kept);
      info = { parameterIds: layout.parameters.map((p) => p.id), sampled, modeIndex, modeParameter: layout.parameters[modeIndex] };
      this.#layouts.set(layout, info);
    }
    return info;
  }

  #count(packets: number, frames: readonly SampleFrame[], quarantine: readonly PipelineQuarantine[], duplicates: number, repaired: number): BatchResult['counts'] {
    const counts: Partial<Record<QuarantineReason, number>> = {};
    let packetsQuarantined = 0;
    let samplesRejected = 0;
    for (const q of quarantine) {
      counts[q.reason] = (counts[q.reason] ?? 0) + 1;
      this.#byReason[q.reason] = (this.#byReason[q.reason] ?? 0) + 1;
      if (q.parameterId === undefined) packetsQuarantined++;
      else samplesRejected++;
    }
    let samplesAccepted = 0;
    for (const f of frames) samplesAccepted += f.values.length;
    const s = this.#stats;
    s.packets += packets;
    s.frames += frames.length;
    s.samplesAccepted += samplesAccepted;
    s.samplesRejected += samplesRejected;
    s.duplicates += duplicates;
    s.repaired += repaired;
    s.packetsQuarantined += packetsQuarantined;
    return counts;
  }
}
