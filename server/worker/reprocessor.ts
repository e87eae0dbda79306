/**
 * Reprocessing (the Kappa architecture's replay): rebuilds silver samples
 * and the gold 1 s / 1 min tiers for a range of onboard time from the
 * stored raw packets (bronze), with the current mission database, through
 * the processor's own pipeline (decode → dedupe → time correlation →
 * validation) and the archive's own sample insert. There is no second
 * decoder: what reprocessing stores is what the live path would store for
 * the same packets.
 *
 * The range is rebuilt per satellite in slices of whole minutes
 * (planReprocessing), each swapped in one transaction, so a second run over
 * the same range changes nothing and a run stopped half-way leaves each
 * slice either as it was or rebuilt. Each slice replays its packets with a
 * margin of context on either side through fresh lanes (real-time and
 * playback, as the processor keeps them); the margin gives the dedupe
 * window and the clock-offset estimate the recent past the live processor
 * had seen. Windows and rules do not run: old data raises no live alarm.
 *
 * @example
 *   const report = await reprocess({ store, mdb, fleet, stream: config.stream, fromMs, toMs });
 *   report.stored.samples; // samples the range holds now
 */
import type { Config } from '../config';
import type { SatelliteCatalogue } from '../domain/mission/fleet';
import type { MissionDatabase } from '../domain/mission/mission-database';
import { planReprocessing } from '../domain/reprocessing/reprocessing-plan';
import type { RawPacketInput } from '../domain/stream/telemetry-pipeline';
import type { ReprocessingStore, TelemetryRowCounts } from '../ports/reprocessing-store';
import { TOPICS } from '../topics';
import { sampleColumnsOf } from './archive-record';
import { createLanePipeline } from './processor';

/** Default slice of onboard time rebuilt per transaction, ms: ~35,000 packets of a satellite. */
export const REPROCESS_SLICE_MS = 10 * 60_000;
/** Least context replayed on either side of a slice, ms (at least the clock drift bound). */
export const REPROCESS_MIN_MARGIN_MS = 60_000;

export interface ReprocessOptions {
  readonly store: ReprocessingStore;
  readonly mdb: MissionDatabase;
  readonly fleet: SatelliteCatalogue;
  readonly stream: Config['stream'];
  readonly fromMs: number;
  readonly toMs: number;
  /** One satellite; every satellite with telemetry when omitted. */
  readonly satelliteId?: number;
  readonly sliceMs?: number;
  /** Called after each slice is stored. */
  readonly onSlice?: (progress: { satelliteId: number; fromMs: number; toMs: number; samples: number }) => void;
}

export interface ReprocessReport {
  /** The range rebuilt, widened to whole minutes. */
  readonly fromMs: number;
  readonly toMs: number;
  readonly satelliteIds: readonly number[];
  readonly slices: number;
  /** Raw packets replayed, context margins included. */
  readonly packetsRead: number;
  /** Frames whose onboard time falls in the range. */
  readonly frames: number;
  /** Packets and samples refused by the pipeline, and duplicates, among the packets read. */
  readonly quarantined: number;
  readonly duplicates: number;
  /** Rows the range held before, and holds now. */
  readonly removed: TelemetryRowCounts;
  readonly stored: TelemetryRowCounts;
}

const add = (a: TelemetryRowCounts, b: TelemetryRowCounts): TelemetryRowCounts => ({
  samples: a.samples + b.samples,
  agg1s: a.agg1s + b.agg1s,
  agg1m: a.agg1m + b.agg1m,
});

export async function reprocess(options: ReprocessOptions): Promise<ReprocessReport> {
  const { store, mdb, fleet, stream, sliceMs = REPROCESS_SLICE_MS } = options;
  const marginMs = Math.max(REPROCESS_MIN_MARGIN_MS, stream.clockDriftBoundMs);
  const plan = planReprocessing({ fromMs: options.fromMs, toMs: options.toMs, sliceMs, marginMs });
  const satelliteIds = options.satelliteId === undefined ? await store.satelliteIds() : [options.satelliteId];
  const zero: TelemetryRowCounts = { samples: 0, agg1s: 0, agg1m: 0 };
  let removed = zero;
  let stored = zero;
  let packetsRead = 0;
  let frames = 0;
  let quarantined = 0;
  let duplicates = 0;
  for (const satelliteId of satelliteIds) {
    for (const slice of plan.slices) {
      const packets = await store.readBronze(satelliteId, slice.readFromMs, slice.readToMs);
      const lanes = { realtime: [] as RawPacketInput[], playback: [] as RawPacketInput[] };
      for (const p of packets) {
        const playback = p.topic === TOPICS.rawPlayback;
        const input: RawPacketInput = { bytes: p.bytes, topic: p.topic, partition: p.partition, offset: p.offset, arrivalMs: p.arrivalMs, playback };
        (playback ? lanes.playback : lanes.realtime).push(p.groundStation === null ? input : { ...input, groundStation: p.groundStation });
      }
      const results = [
        createLanePipeline(mdb, fleet, stream).processBatch(lanes.realtime),
        createLanePipeline(mdb, fleet, stream).processBatch(lanes.playback),
      ];
      const inSlice = results
        .flatMap((r) => r.frames)
        .filter((f) => f.satelliteId === satelliteId && f.onboardTimeMs >= slice.fromMs && f.onboardTimeMs < slice.toMs);
      const samples = sampleColumnsOf(inSlice);
      const rebuilt = await store.replaceRange(satelliteId, slice.fromMs, slice.toMs, samples);
      packetsRead += packets.length;
      frames += inSlice.length;
      for (const r of results) {
        quarantined += r.quarantine.length;
        duplicates += r.duplicates;
      }
      removed = add(removed, rebuilt.removed);
      stored = add(stored, rebuilt.stored);
      options.onSlice?.({ satelliteId, fromMs: slice.fromMs, toMs: slice.toMs, samples: rebuilt.stored.samples });
    }
  }
  return {
    fromMs: plan.fromMs,
    toMs: plan.toMs,
    satelliteIds,
    slices: plan.slices.length * satelliteIds.length,
    packetsRead,
    frames,
    quarantined,
    duplicates,
    removed,
    stored,
  };
}
