/**
 * The Perigee fleet simulator core: every satellite of a catalogue, stepped on
 * a 100 ms grid of simulated time, producing CCSDS telemetry packets at the
 * mission database's rates and the ground-station events of their passes,
 * with link faults injected at configured rates. Pure: no clock, no I/O, no
 * Math.random — the caller says what time it is, and the same seed and start
 * give the same bytes however the time is sliced into `advance` calls.
 *
 * Schedule: a packet of period P (1000 / rateHz, a multiple of 100 ms) goes
 * out at epoch times ≡ phase (mod P). Packets sharing a rate are spread over
 * their period (the four thermal blocks at 100, 300, 600 and 800 ms past the
 * second), so a slow packet never lands on the same tick as its siblings.
 * Two link modes. "relay" (the default): telemetry flows continuously, outside
 * ground-station passes a data relay carries it, and packets are labelled
 * "relay". "passes" (store and forward): outside passes telemetry goes to the
 * onboard recorder, flagged as playback; during a pass real-time telemetry is
 * sent and the recorder is dumped beside it at the dump rate.
 * Each satellite emits the definition version of a packet its onboard
 * software has at the time (packet-versions.ts; the newest when no rule says
 * otherwise); the schedule and sequence counts are per APID, whatever the version.
 *
 * @example
 *   const sim = new FleetSimulator({ mdb: defaultMissionDatabase(), fleet: demoFleet(3), seed: 1, startTimeMs });
 *   const { packets, events } = sim.advance(startTimeMs + 10_000);
 *   packets.length; // 3 × (100 + 50 + 4 × 10) = 570
 */
import { encodePacket } from '../domain/codec/packet-codec';
import { RELAY_STATION } from '../domain/contact-tracker';
import type { GroundStationEvent } from '../domain/ground-station-event';
import type { SatelliteCatalogue } from '../domain/mission/fleet';
import type { MissionDatabase, PacketLayout } from '../domain/mission/mission-database';
import { FaultInjector, NO_FAULTS, type FaultCounts, type FaultRates } from './fault-injector';
import { PassEventSource } from './pass-event-source';
import { Prng, deriveSeed } from './prng';
import { SpacecraftSimulator, STEP_MS, type SpacecraftSnapshot } from './spacecraft-simulator';
import { DefinitionModel } from './definition-model';
import type { SatelliteInfo } from '../domain/mission/fleet';
import type { OrbitTrack } from '../domain/orbit/orbit-track';
import { TransmissionQueue, type SimPacket, type TransmissionCounts } from './transmission-queue';
import { OnboardRecorder } from './onboard-recorder';
import { PacketVersionSchedule, type PacketVersionRule } from './packet-versions';

export type { SimPacket } from './transmission-queue';

/** CCSDS packet sequence counts are 14 bits (CCSDS 133.0-B-2 §4.1.3.4.3). */
export const SEQUENCE_COUNT_MODULO = 16384;
export { RELAY_STATION };

export interface FleetSimulatorOptions {
  readonly mdb: MissionDatabase;
  readonly fleet: SatelliteCatalogue;
  readonly seed: number;
  readonly faults?: FaultRates;
  /** Simulated time of the start, epoch ms; the first packets are due after it. */
  readonly startTimeMs: number;
  /** How telemetry reaches the ground; "relay" when omitted. */
  readonly link?: LinkMode;
  /**
   * What produces the values: "physics", the demonstration fleet's orbit, attitude, power and
   * thermal models (the default), or "definitions", signals derived from each parameter's
   * definition alone (definition-model.ts), for a mission Perigee has no models of.
   */
  readonly model?: SimModelKind;
  /** Definition versions each satellite emits, and from when; the newest of every APID when omitted. */
  readonly packetVersions?: readonly PacketVersionRule[];
}

export type SimModelKind = 'physics' | 'definitions';

/** What the fleet simulator needs of one spacecraft's model. */
interface CraftModel {
  readonly satellite: SatelliteInfo;
  readonly track: OrbitTrack;
  stepTo(timeMs: number, context: { transmitting: boolean }): void;
  valuesFor(layout: PacketLayout): Record<string, number>;
}

export type LinkMode =
  | { readonly mode: 'relay' }
  | { readonly mode: 'passes'; readonly dumpPacketsPerSecond: number; readonly recorderCapacityPackets: number };

export interface SimOutput {
  /** In transmission order. */
  readonly packets: SimPacket[];
  /** In time order. */
  readonly events: GroundStationEvent[];
}

export interface SimCounts extends TransmissionCounts {
  /** Packets sampled onboard (duplicates not included). */
  readonly generated: number;
  readonly events: number;
}

interface PacketSlot {
  readonly apid: number;
  /** The APID's newest layout, which sets the slot's rate. */
  readonly layout: PacketLayout;
  readonly periodMs: number;
  readonly phaseMs: number;
}

interface Craft {
  readonly sim: CraftModel;
  readonly passes: readonly PassEventSource[];
  /** Next sequence count per slot. */
  readonly sequence: number[];
  /** groundStation label for the current second, with the second it was computed for. */
  label: { second: number; station: string };
  /** Set in "passes" link mode. */
  readonly recorder: OnboardRecorder | undefined;
}

export class FleetSimulator {
  readonly mdb: MissionDatabase;
  readonly #slots: readonly PacketSlot[];
  readonly #versions: PacketVersionSchedule;
  readonly #crafts: readonly Craft[];
  readonly #sources: readonly PassEventSource[];
  readonly #faults: FaultInjector;
  readonly #queue = new TransmissionQueue();
  #timeMs: number;
  #generated = 0;
  #eventCount = 0;
  #events: Array<{ event: GroundStationEvent; source: number }> = [];

  constructor({ mdb, fleet, seed, faults = NO_FAULTS, startTimeMs, link = { mode: 'relay' }, model = 'physics', packetVersions = [] }: FleetSimulatorOptions) {
    if (!Number.isFinite(startTimeMs)) throw new RangeError(`startTimeMs must be finite, got ${startTimeMs}`);
    if (fleet.satellites.length === 0) throw new RangeError('the fleet has no satellites');
    const ids = new Set(fleet.satellites.map((s) => s.id));
    if (ids.size !== fleet.satellites.length) throw new RangeError('satellite ids must be unique');
    this.mdb = mdb;
    this.#timeMs = startTimeMs;
    this.#slots = packetSlots(mdb);
    this.#versions = new PacketVersionSchedule(mdb, packetVersions);
    for (const rule of packetVersions) {
      if (!ids.has(rule.satelliteId)) throw new RangeError(`packet version rule for satellite ${rule.satelliteId}, which is not in the fleet`);
      const version = mdb.packetLayout(rule.apid, rule.version)!;
      if (version.rateHz !== mdb.latestLayout(rule.apid)!.rateHz) {
        throw new RangeError(`APID ${rule.apid} version ${rule.version} has another rate than the newest version; the simulator schedules an APID at one rate`);
      }
    }
    this.#faults = new FaultInjector(faults, new Prng(deriveSeed(seed, 'faults')));
    this.#crafts = fleet.satellites.map((satellite) => {
      const options = { satellite, mdb, seed, startTimeMs: gridFloor(startTimeMs) };
      const sim: CraftModel = model === 'physics' ? new SpacecraftSimulator(options) : new DefinitionModel(options);
      const passes = fleet.groundStations.map(
        (station) =>
          new PassEventSource({
            track: sim.track,
            station,
            satelliteId: satellite.id,
            startTimeMs,
            rng: new Prng(deriveSeed(seed, satellite.id, station.id, 'signal')),
          }),
      );
      const recorder =
        link.mode === 'passes'
          ? new OnboardRecorder({ capacityPackets: link.recorderCapacityPackets, dumpPacketsPerSecond: link.dumpPacketsPerSecond })
          : undefined;
      return { sim, passes, sequence: this.#slots.map(() => 0), label: { second: Number.NaN, station: RELAY_STATION }, recorder };
    });
    this.#sources = this.#crafts.flatMap((c) => c.passes);
  }

  /** Simulated time reached by the last `advance`, epoch ms. */
  get timeMs(): number {
    return this.#timeMs;
  }

  /**
   * Everything due in (timeMs, toMs]: packets in transmission order and
   * events in time order. A `toMs` not after the current time returns nothing.
   */
  advance(toMs: number): SimOutput {
    if (!(toMs > this.#timeMs)) return { packets: [], events: [] };
    for (let t = gridFloor(this.#timeMs) + STEP_MS; t <= toMs; t += STEP_MS) this.#stepGrid(t);
    this.#collectEvents(toMs);
    this.#timeMs = toMs;
    const events = this.#events.sort((a, b) => a.event.timeMs - b.event.timeMs || a.source - b.source).map((e) => e.event);
    this.#events = [];
    this.#eventCount += events.length;
    return { packets: this.#queue.drain(), events };
  }

  /** Faults injected into packets sent so far (held-back packets are not yet counted). */
  faultCounts(): FaultCounts {
    return { ...this.#queue.counts().faults };
  }

  counts(): SimCounts {
    return { ...this.#queue.counts(), generated: this.#generated, events: this.#eventCount };
  }

  /** Model state of one satellite, for tools and tests that look past the telemetry. */
  snapshot(satelliteId: number): SpacecraftSnapshot {
    const craft = this.#crafts.find((c) => c.sim.satellite.id === satelliteId);
    if (!craft) throw new RangeError(`satellite ${satelliteId} is not in the simulated fleet`);
    if (!(craft.sim instanceof SpacecraftSimulator)) throw new RangeError('only the physical models keep a model state');
    return craft.sim.snapshot();
  }

  #stepGrid(t: number): void {
    // Events first: a pass source moves on to its next pass only once its LOS is out.
    this.#collectEvents(t);
    this.#queue.releaseDue(t);
    for (const craft of this.#crafts) {
      const station = this.#stationInView(craft, t);
      const inContact = station !== RELAY_STATION;
      craft.sim.stepTo(t, { transmitting: inContact });
      this.#slots.forEach((slot, i) => {
        if ((((t - slot.phaseMs) % slot.periodMs) + slot.periodMs) % slot.periodMs !== 0) return;
        const sequenceCount = craft.sequence[i]!;
        craft.sequence[i] = (sequenceCount + 1) % SEQUENCE_COUNT_MODULO;
        const layout = this.#versions.layoutAt(craft.sim.satellite.id, slot.apid, t)!;
        if (craft.recorder && !inContact) this.#record(craft, layout, sequenceCount, t);
        else this.#transmit(craft, layout, sequenceCount, t, station);
      });
      if (craft.recorder && inContact) {
        for (const recorded of craft.recorder.dump(STEP_MS)) this.#queue.send({ ...recorded, transmitTimeMs: t, groundStation: station });
      }
    }
  }

  /** Store and forward: recorded packets carry the playback flag and no link faults (they have not crossed a link yet). */
  #record(craft: Craft, layout: PacketLayout, sequenceCount: number, t: number): void {
    this.#generated++;
    const satelliteId = craft.sim.satellite.id;
    const bytes = encodePacket(this.mdb, {
      apid: layout.apid,
      version: layout.version,
      satelliteId,
      sequenceCount,
      onboardTimeMs: t,
      values: craft.sim.valuesFor(layout),
      playback: true,
    });
    craft.recorder!.record({ satelliteId, apid: layout.apid, sequenceCount, bytes, trueOnboardTimeMs: t, transmitTimeMs: t, groundStation: RELAY_STATION, playback: true });
  }

  /** Packets held in the onboard recorders, and recordings lost to wrap-around. */
  recorderCounts(): { held: number; overwritten: number } {
    let held = 0;
    let overwritten = 0;
    for (const craft of this.#crafts) {
      held += craft.recorder?.size ?? 0;
      overwritten += craft.recorder?.overwritten ?? 0;
    }
    return { held, overwritten };
  }

  #transmit(craft: Craft, layout: PacketLayout, sequenceCount: number, t: number, groundStation: string): void {
    this.#generated++;
    const satelliteId = craft.sim.satellite.id;
    const values = craft.sim.valuesFor(layout);
    const encode = (onboardTimeMs: number) =>
      encodePacket(this.mdb, { apid: layout.apid, version: layout.version, satelliteId, sequenceCount, onboardTimeMs, values });
    const base = { satelliteId, apid: layout.apid, sequenceCount, trueOnboardTimeMs: t, transmitTimeMs: t, groundStation };
    if (this.#queue.hasOpenRun(satelliteId)) {
      this.#queue.joinRun({ ...base, bytes: encode(t), fault: 'reorder' }, t);
      return;
    }
    const fault = this.#faults.draw();
    switch (fault) {
      case undefined:
        return this.#queue.send({ ...base, bytes: encode(t) });
      case 'drift':
        return this.#queue.send({ ...base, bytes: encode(t + this.#faults.driftOffsetMs()), fault });
      case 'corrupt':
        return this.#queue.send({ ...base, bytes: this.#faults.corrupt(encode(t)), fault });
      case 'duplicate': {
        const bytes = encode(t);
        this.#queue.send({ ...base, bytes });
        return this.#queue.sendAt({ ...base, bytes: Uint8Array.from(bytes), fault }, t + this.#faults.duplicateDelaySlots() * STEP_MS);
      }
      case 'reorder':
        return this.#queue.startRun({ ...base, bytes: encode(t), fault }, this.#faults.reorderRunLength());
    }
  }

  /** The station in view with the highest elevation, re-evaluated once per simulated second. */
  #stationInView(craft: Craft, t: number): string {
    const second = Math.floor(t / 1000);
    if (craft.label.second === second) return craft.label.station;
    const inView = craft.passes.filter((p) => p.isInView(t));
    let station = RELAY_STATION;
    if (inView.length === 1) station = inView[0]!.station.id;
    else if (inView.length > 1) {
      const elevations = inView.map((p) => p.elevationDegAt(t));
      station = inView[elevations.indexOf(Math.max(...elevations))]!.station.id;
    }
    craft.label = { second, station };
    return station;
  }

  #collectEvents(toMs: number): void {
    this.#sources.forEach((source, i) => {
      for (const event of source.eventsUntil(toMs)) this.#events.push({ event, source: i });
    });
  }
}

function gridFloor(timeMs: number): number {
  return Math.floor(timeMs / STEP_MS) * STEP_MS;
}

/** Newest layout of every APID, with its period and its phase within the period. */
function packetSlots(mdb: MissionDatabase): PacketSlot[] {
  const apids = [...new Set(mdb.layouts.map((l) => l.apid))].sort((a, b) => a - b);
  const layouts = apids.map((apid) => mdb.latestLayout(apid)!);
  const byPeriod = new Map<number, PacketLayout[]>();
  for (const layout of layouts) {
    const periodMs = 1000 / layout.rateHz;
    if (!Number.isInteger(periodMs / STEP_MS)) {
      throw new RangeError(`packet "${layout.name}" at ${layout.rateHz} Hz does not fit the ${STEP_MS} ms simulation grid`);
    }
    byPeriod.set(periodMs, [...(byPeriod.get(periodMs) ?? []), layout]);
  }
  return layouts.map((layout) => {
    const periodMs = 1000 / layout.rateHz;
    const siblings = byPeriod.get(periodMs)!;
    const k = siblings.indexOf(layout);
    const spread = Math.floor((k * periodMs) / siblings.length / STEP_MS) * STEP_MS;
    const phaseMs = siblings.length > 1 ? (spread + STEP_MS) % periodMs : 0;
    return { apid: layout.apid, layout, periodMs, phaseMs };
  });
}
