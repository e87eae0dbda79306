/**
 * The archive port: what the worker writes and the console reads. The
 * PostgreSQL/TimescaleDB adapter lives in server/adapters/postgres.
 *
 * Writes are idempotent per consumed message: `archiveBatch` runs in one
 * transaction that also records the consumer group's offset for the
 * partition, and skips every message at or below the offset already
 * recorded, so a batch redelivered after a crash is stored once.
 */
import type { GroundStationEvent } from '../domain/ground-station-event';

export interface RawPacketRecord {
  readonly receivedAtMs: number;
  readonly satelliteId: number;
  readonly apid: number;
  readonly sequenceCount: number;
  readonly onboardTimeMs: number;
  readonly groundStation: string | null;
  readonly packet: Uint8Array;
}

export interface SampleRecord {
  readonly timeMs: number;
  readonly satelliteId: number;
  readonly parameterId: number;
  readonly value: number;
  readonly rawValue: number;
  /** Bit flags; 0 = good. Reserved for validation results. */
  readonly quality: number;
}

export interface QuarantineRecord {
  readonly receivedAtMs: number;
  /** Machine-readable reason, e.g. a DecodeErrorReason or "bad-event". */
  readonly reason: string;
  readonly detail: string;
  /** What was received, verbatim. */
  readonly payload: Uint8Array;
  readonly satelliteId: number | null;
  readonly apid: number | null;
}

/** What one consumed message turned into; everything is optional but the offset. */
export interface ArchivedMessage {
  readonly offset: string;
  readonly rawPacket?: RawPacketRecord;
  readonly samples?: readonly SampleRecord[];
  readonly quarantine?: QuarantineRecord;
  readonly groundStationEvent?: GroundStationEvent;
}

export interface ArchiveBatch {
  readonly consumerGroup: string;
  readonly topic: string;
  readonly partition: number;
  /** In offset order. */
  readonly messages: readonly ArchivedMessage[];
  /**
   * Offset of the next message the partition will hold, as the bus reported
   * it with the batch. A recorded offset at or beyond it belongs to a log
   * that no longer exists (the topic was recreated): it is then ignored.
   */
  readonly highWatermark?: string;
}

export interface ArchiveResult {
  /** Messages stored by this call. */
  readonly storedMessages: number;
  /** Messages skipped because the recorded offset already covered them. */
  readonly skippedMessages: number;
  readonly samples: number;
  /** True when the recorded offset was ignored because the partition's log was recreated. */
  readonly logReset: boolean;
}

export interface SatelliteSummary {
  readonly satelliteId: number;
  readonly firstSeenMs: number;
  readonly lastSeenMs: number;
}

export interface SeriesRequest {
  readonly satelliteId: number;
  readonly parameterIds: readonly number[];
  readonly fromMs: number;
  readonly toMs: number;
}

/** Columnar series of one parameter: time, value (avg for aggregates), min and max. */
export interface Series {
  readonly parameterId: number;
  readonly timesMs: number[];
  readonly values: number[];
  readonly mins: number[];
  readonly maxs: number[];
}

export interface SeriesResult {
  /** Which table answered: raw samples or the 1-second aggregates. */
  readonly tier: 'raw' | '1s';
  readonly series: Series[];
}

export interface TelemetryStore {
  archiveBatch(batch: ArchiveBatch): Promise<ArchiveResult>;
  listSatellites(): Promise<SatelliteSummary[]>;
  getSeries(request: SeriesRequest): Promise<SeriesResult>;
}
