/**
 * The archive port: what the worker writes and the console reads. The
 * PostgreSQL/TimescaleDB adapter lives in server/adapters/postgres.
 *
 * Writes are idempotent per consumed message: `archiveBatches` stores the
 * batches of one or more partitions in one transaction that also records the
 * consumer group's offset of each, and skips every message at or below the
 * offset already recorded, so a batch redelivered after a crash is stored
 * once.
 */
import type { SampleColumns } from './sample-columns';
import type { PassArchive } from './pass-archive';
import type { TelemetryExport } from './telemetry-export';
import type { Alarm, AlarmState } from '../domain/alarms/alarm';
import type { AlarmInput } from '../domain/alarms/alarm-input';
import type { AlarmTransition } from '../domain/alarms/alarm-transition';
import type { AlarmTransitionError } from '../domain/alarms/alarm-transition-error';
import type { Alert } from '../domain/alert';
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

/** Quality bits of a stored sample. */
export const SAMPLE_QUALITY = {
  /** The packet's onboard time was drifted and repaired from sequence continuity. */
  timeRepaired: 1,
  /** Recorded onboard and dumped during a pass (playback), not real-time. */
  playback: 2,
} as const;

export type { SampleRecord } from './sample-columns';

export interface QuarantineRecord {
  /** Arrival of the refused input at the gateway, epoch ms. */
  readonly receivedAtMs: number;
  /** Machine-readable reason, e.g. a DecodeErrorReason or "bad-event". */
  readonly reason: string;
  readonly detail: string;
  /** What was received, verbatim. */
  readonly payload: Uint8Array;
  readonly satelliteId: number | null;
  readonly apid: number | null;
  /** Stage that refused it: ingest, processor, or the archiver itself (worker). */
  readonly stage?: 'ingest' | 'processor' | 'worker';
  /** Where the refused input sits in the raw log, when it came from there. */
  readonly origin?: { readonly topic: string; readonly partition: number; readonly offset: string };
  /** Set when a single sample, not the whole packet, was refused. */
  readonly parameterId?: number;
}

/** Context and lineage of one accepted packet (silver). */
export interface PacketRecord {
  readonly satelliteId: number;
  readonly apid: number;
  readonly sequenceCount: number;
  /** Event time the packet's samples are stored under, epoch ms. */
  readonly onboardTimeMs: number;
  /** The onboard time the packet carried, when it was drifted and repaired; else null. */
  readonly receivedOnboardTimeMs: number | null;
  readonly arrivalMs: number;
  readonly groundStation: string | null;
  readonly mode: string | null;
  readonly orbit: { readonly latDeg: number; readonly lonDeg: number; readonly altKm: number; readonly tleEpochMs: number } | null;
  readonly calibrationVersion: string;
  readonly playback: boolean;
  readonly source: { readonly topic: string; readonly partition: number; readonly offset: string };
}

/** What one consumed message turned into; everything is optional but the offset. */
export interface ArchivedMessage {
  readonly offset: string;
  readonly rawPacket?: RawPacketRecord;
  /** Silver samples, column by column (sample-columns.ts). */
  readonly samples?: SampleColumns;
  /** Context and lineage of the processed packets the samples came from. */
  readonly packets?: readonly PacketRecord[];
  readonly quarantine?: QuarantineRecord;
  readonly groundStationEvent?: GroundStationEvent;
  readonly alert?: Alert;
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
  /** The log the offsets belong to (ConsumedBatch.logId): a recorded offset of another log is ignored. */
  readonly logId?: string;
}

/** What became of one partition's batch in an archive transaction. */
export interface PartitionArchiveResult {
  /** Messages stored by this call. */
  readonly storedMessages: number;
  /** Messages skipped because the recorded offset already covered them. */
  readonly skippedMessages: number;
  /** True when the recorded offset was ignored because the partition's log was recreated. */
  readonly logReset: boolean;
}

interface SampleCounts {
  /** Samples newly stored. */
  readonly samples: number;
  /** Samples already stored under the same (satellite, parameter, time): a republished frame. */
  readonly duplicateSamples: number;
}

export interface ArchiveResult extends PartitionArchiveResult, SampleCounts {}

/** An archive transaction of several partitions' batches: each batch's part, in the order given, and the samples of all. */
export interface ArchiveGroupResult extends SampleCounts {
  readonly batches: readonly PartitionArchiveResult[];
}

export interface SatelliteSummary {
  readonly satelliteId: number;
  readonly firstSeenMs: number;
  readonly lastSeenMs: number;
}

export interface SeriesRequest {
  readonly satelliteId: number;
  readonly parameterIds: readonly number[];
  /** Window, epoch ms, both ends included. */
  readonly fromMs: number;
  readonly toMs: number;
  /**
   * Width of the chart the series are drawn in, px: sets the point budget
   * per series (see planSeries). HISTORY_WIDTH_PX.default when omitted.
   */
  readonly widthPx?: number;
}

/** Columnar series of one parameter: time, value (the mean for aggregates), min and max. What a chart draws. */
export interface Series {
  readonly parameterId: number;
  readonly timesMs: number[];
  readonly values: number[];
  readonly mins: number[];
  readonly maxs: number[];
}

/**
 * A series as the history query returns it. Raw samples: value = min = max,
 * count 1. Aggregates: one point per bucket that holds data, at the bucket's
 * start, with the mean (sum / count), min, max and number of samples; a
 * bucket without samples is absent, so a gap stays a gap.
 */
export interface HistorySeries extends Series {
  readonly counts: number[];
  /** Expected spacing of consecutive points, ms: the bucket width, or the sampling period when that is longer. */
  readonly periodMs: number;
  /** Consecutive points further apart than this are not joined: data is missing between them, ms. */
  readonly gapThresholdMs: number;
}

export interface SeriesResult {
  /** Which tier answered: raw samples, the 1-second or the 1-minute aggregates. */
  readonly tier: 'raw' | '1s' | '1m';
  /** Width of the returned buckets, ms; null for raw samples as stored. Wider than the tier when its rows were grouped further. */
  readonly bucketMs: number | null;
  readonly series: HistorySeries[];
}

/** What the archiver writes. */
export interface TelemetryArchive {
  /** Stores one partition's batch in a transaction of its own. */
  archiveBatch(batch: ArchiveBatch): Promise<ArchiveResult>;
  /** Stores the batches of several partitions (at most one batch per partition) in one transaction. */
  archiveBatches(batches: readonly ArchiveBatch[]): Promise<ArchiveGroupResult>;
  /** The last offset archived for a consumer group's partition, or null. */
  archivedOffset(consumerGroup: string, topic: string, partition: number, logId?: string): Promise<string | null>;
}

/** An alarm as stored: its database id (what consoles and the audit name), version for optimistic updates, and lifecycle. */
export interface AlarmRecord {
  readonly id: number;
  readonly version: number;
  readonly alarm: Alarm;
}

export interface AlarmQuery {
  readonly satelliteId?: number;
  readonly ids?: readonly number[];
  readonly states?: readonly AlarmState[];
}

/** An operator's action on one alarm, as the console sends it. */
export interface AlarmAction {
  readonly alarmId: number;
  /** The version the console showed; a different current version is a conflict (someone else acted first). */
  readonly expectedVersion: number;
  readonly input: AlarmInput;
  readonly nowMs: number;
  readonly clientAddress: string | null;
}

export type AlarmActionResult =
  | { readonly ok: true; readonly record: AlarmRecord; readonly transition: AlarmTransition }
  | { readonly ok: false; readonly error: AlarmTransitionError };

/** What operators change: an alarm through its state machine, audited. */
export interface AlarmDesk {
  /**
   * Throws AlarmNotFoundError for an unknown id and AlarmVersionConflictError
   * when the alarm moved since the console read it; a transition the state
   * machine refuses comes back as { ok: false } and nothing is written.
   */
  actOnAlarm(action: AlarmAction): Promise<AlarmActionResult>;
}

/**
 * Alerts raised outside the stream (e.g. consumer lag), stored and folded
 * into their alarms through the state machine like the stream's own.
 */
export interface AlarmSink {
  /** Resolves to the number of alerts newly stored (one already stored, same id, is skipped). */
  recordAlerts(alerts: readonly Alert[], nowMs: number): Promise<number>;
}

/** What the console reads. */
/** Which quarantined messages to read back, newest first. */
export interface QuarantineQuery {
  /** Most rows returned. */
  readonly limit: number;
  /** Leading payload bytes returned per row; the full length is reported alongside. */
  readonly payloadBytes: number;
}

/** A quarantined message as the ops page inspects it. */
export interface QuarantinedMessage {
  /** Arrival at the gateway, epoch ms. */
  readonly receivedAtMs: number;
  readonly stage: string;
  readonly reason: string;
  readonly detail: string;
  readonly satelliteId: number | null;
  readonly apid: number | null;
  /** Where the quarantine message sits on the bus. */
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** Where the refused input sits in the raw log, when a stage downstream of the gateway refused it. */
  readonly origin: { readonly topic: string; readonly partition: number; readonly offset: string } | null;
  /** The first `payloadBytes` bytes of what was received, lowercase hex. */
  readonly payloadHex: string;
  /** Length of the whole payload, bytes. */
  readonly payloadLength: number;
}

/** Which alarm events a history window replays: one satellite's, in [from, to], at most `limit` of them. */
export interface AlarmEventQuery {
  readonly satelliteId: number;
  readonly fromMs: number;
  readonly toMs: number;
  readonly limit: number;
}

/** An alert as stored in the alarm event log: a source (rule, subject) raised or cleared at `atMs` (its window's end). */
export interface AlarmEventRecord {
  readonly alertId: string;
  readonly ruleId: string;
  readonly subject: string;
  readonly kind: 'raised' | 'cleared';
  readonly severity: 'warning' | 'critical';
  /** Event time, epoch ms. */
  readonly atMs: number;
  readonly value: number;
  readonly threshold: number;
  readonly message: string;
}

/** Which sample's lineage to read: a satellite's parameter at its onboard time, carried by packets of these APIDs. */
export interface SampleLineageQuery {
  readonly satelliteId: number;
  readonly parameterId: number;
  readonly timeMs: number;
  readonly apids: readonly number[];
}

/** Where one stored sample came from (lineage): silver sample, packet context and log position, bronze bytes. */
export interface SampleLineageRow {
  readonly sample: { readonly timeMs: number; readonly value: number; readonly rawValue: number; readonly quality: number };
  readonly packet: {
    readonly apid: number;
    readonly sequenceCount: number;
    readonly topic: string;
    readonly partition: number;
    readonly offset: string;
    readonly arrivalMs: number;
    readonly receivedOnboardTimeMs: number | null;
    readonly groundStation: string | null;
    readonly mode: string | null;
    readonly calibrationVersion: string;
    readonly playback: boolean;
    readonly orbit: { readonly latDeg: number; readonly lonDeg: number; readonly altKm: number } | null;
  } | null;
  readonly rawPacket: Uint8Array | null;
}


/** Lineage: what a stored sample came from. */
export interface TelemetryLineage {
  /** The stored sample with its packet context and raw packet; null when no such sample is stored. */
  sampleLineage(query: SampleLineageQuery): Promise<SampleLineageRow | null>;
}

export interface TelemetryHistory {
  listSatellites(): Promise<SatelliteSummary[]>;
  getSeries(request: SeriesRequest): Promise<SeriesResult>;
  listAlarms(query?: AlarmQuery): Promise<AlarmRecord[]>;
  /** Alarm events in a window, preceded by each source's last event before it (what was active when the window opens). */
  listAlarmEvents(query: AlarmEventQuery): Promise<AlarmEventRecord[]>;
  listQuarantine(query: QuarantineQuery): Promise<QuarantinedMessage[]>;
}

export interface TelemetryStore extends TelemetryArchive, TelemetryHistory, TelemetryLineage, AlarmDesk, AlarmSink, TelemetryExport, PassArchive {}
