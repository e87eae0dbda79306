/**
 * What reprocessing needs from the archive: the bronze packets to replay,
 * and an atomic swap of a satellite's silver and gold rows for a stretch of
 * onboard time.
 */
import type { SampleColumns } from './sample-columns';

/** A packet as the archive received it (bronze). */
export interface BronzePacket {
  /** Gateway arrival time, epoch ms. */
  readonly arrivalMs: number;
  readonly topic: string;
  readonly partition: number;
  /** Log offset as a decimal string. */
  readonly offset: string;
  readonly groundStation: string | null;
  readonly bytes: Buffer;
}

export interface TelemetryRowCounts {
  readonly samples: number;
  readonly agg1s: number;
  readonly agg1m: number;
}

export interface SliceRebuild {
  /** Rows the range held before. */
  readonly removed: TelemetryRowCounts;
  /** Rows it holds now. */
  readonly stored: TelemetryRowCounts;
}

export interface ReprocessingStore {
  /** Satellites the archive holds telemetry of, by id. */
  satelliteIds(): Promise<number[]>;
  /** Packets of the satellite that arrived, or were stamped onboard, in [from, to), in arrival order. */
  readBronze(satelliteId: number, fromMs: number, toMs: number): Promise<BronzePacket[]>;
  /**
   * In one transaction: deletes the satellite's samples and 1 s / 1 min
   * aggregates in [from, to) (whole minutes) and stores `samples` through
   * the archive's own insert, which merges them into both tiers.
   */
  replaceRange(satelliteId: number, fromMs: number, toMs: number, samples: SampleColumns): Promise<SliceRebuild>;
}
