/**
 * TelemetryStore on PostgreSQL + TimescaleDB. archiveBatch writes bronze
 * (raw_packets), silver (samples, packets), gold (agg_1s, agg_1m), alarms,
 * quarantine and ground-station events together with the consumer offset in
 * one transaction, so a batch is stored entirely or not at all, and once.
 *
 * @example
 *   const store = new PostgresTelemetryStore(pool);
 *   await store.archiveBatch({ consumerGroup: 'perigee-worker', topic, partition: 0, messages });
 *   await store.getSeries({ satelliteId: 101, parameterIds: [2, 3], fromMs, toMs: fromMs + 60_000 }); // { tier: 'raw', bucketMs: null, series: [...] }
 */
import { selectAlarmByIdForUpdate } from '../../../db/queries/select-alarm-for-update';
import { applyAlarmTransition } from '../../../db/queries/apply-alarm-transition';
import { transitionAlarm } from '../../domain/alarms/alarm-state-machine';
import { AlarmNotFoundError, AlarmVersionConflictError } from '../../errors';
import { selectAlarms } from '../../../db/queries/select-alarms';
import { selectAlarmEvents } from '../../../db/queries/select-alarm-events';
import { selectSampleLineage } from '../../../db/queries/select-sample-lineage';
import { selectRecentQuarantine } from '../../../db/queries/select-recent-quarantine';
import type pg from 'pg';
import type { Alert } from '../../domain/alert';
import type {
  ArchiveBatch,
  ArchiveGroupResult,
  ArchiveResult,
  AlarmAction,
  AlarmActionResult,
  AlarmEventQuery,
  AlarmEventRecord,
  SampleLineageQuery,
  SampleLineageRow,
  AlarmQuery,
  AlarmRecord,
  HistorySeries,
  QuarantineQuery,
  QuarantinedMessage,
  SatelliteSummary,
  SeriesRequest,
  SeriesResult,
  TelemetryStore,
} from '../../ports/telemetry-store';
import { HISTORY_WIDTH_PX, planSeries, seriesSpacing, type SeriesPlan } from '../../domain/aggregation/series-plan';
import { toStoreError } from '../../../db/database-errors';
import { withTransaction } from '../../../db/transaction';
import { lockConsumerOffsets } from '../../../db/queries/lock-consumer-offset';
import { advanceConsumerOffsets, type OffsetAdvance } from '../../../db/queries/advance-consumer-offset';
import { insertRawPackets } from '../../../db/queries/insert-raw-packets';
import { insertSamples } from '../../../db/queries/insert-samples';
import { insertQuarantine } from '../../../db/queries/insert-quarantine';
import { insertGroundStationEvents } from '../../../db/queries/insert-ground-station-events';
import { insertPackets } from '../../../db/queries/insert-packets';
import { insertAlarmEvents } from '../../../db/queries/insert-alarm-events';
import { upsertSatellites } from '../../../db/queries/upsert-satellites';
import { selectSatellites } from '../../../db/queries/select-satellites';
import { selectConsumerOffsets } from '../../../db/queries/select-consumer-offsets';
import { selectRawSeries, type SeriesWindow } from '../../../db/queries/select-raw-series';
import { selectAggregateSeries } from '../../../db/queries/select-aggregate-series';
import { selectBucketedSeries } from '../../../db/queries/select-bucketed-series';
import type { SeriesColumns } from '../../../db/queries/series-rows';
import { selectExportRows } from '../../../db/queries/select-export-rows';
import { selectPassTelemetry } from '../../../db/queries/select-pass-telemetry';
import { selectRecordedPasses } from '../../../db/queries/select-recorded-passes';
import type { PassFilter, PassTelemetry, PassWindow, RecordedPass } from '../../ports/pass-archive';
import type { ExportRequest, ExportRow } from '../../ports/telemetry-export';
import { archiveRows, mergeArchiveRows, type ArchiveRows } from './archive-rows';

/**
 * Rate assumed for a parameter the store was not told about, Hz: the
 * mission's fastest packet (attitude), so its raw tier is never
 * under-counted.
 */
export const ASSUMED_SAMPLE_RATE_HZ = 10;

export interface PostgresTelemetryStoreOptions {
  /**
   * The parameters the 1-second tier stores (see secondTierParameterIds);
   * the others are read from raw samples when that tier is asked for. All
   * parameters when omitted.
   */
  readonly secondTierParameterIds?: ReadonlySet<number>;
  /** Sampling rate per parameter, Hz (see parameterSampleRatesHz); ASSUMED_SAMPLE_RATE_HZ for one not listed. */
  readonly sampleRatesHz?: ReadonlyMap<number, number>;
}

/** Consumer group, topic, partition order: the order archive transactions lock offsets in. */
function compareKeys(a: ArchiveBatch, b: ArchiveBatch): number {
  if (a.consumerGroup !== b.consumerGroup) return a.consumerGroup < b.consumerGroup ? -1 : 1;
  if (a.topic !== b.topic) return a.topic < b.topic ? -1 : 1;
  return a.partition - b.partition;
}

export class PostgresTelemetryStore implements TelemetryStore {
  readonly #pool: pg.Pool;

  readonly #secondTier: ReadonlySet<number> | undefined;

  readonly #ratesHz: ReadonlyMap<number, number>;

  constructor(pool: pg.Pool, { secondTierParameterIds, sampleRatesHz = new Map() }: PostgresTelemetryStoreOptions = {}) {
    this.#pool = pool;
    this.#secondTier = secondTierParameterIds;
    this.#ratesHz = sampleRatesHz;
  }

  /**
   * Stores the messages above the partition's recorded offset and advances
   * it. Throws StoreUnavailableError (retriable) when the server is lost; the
   * transaction is then rolled back and the whole batch can be delivered again.
   */
  async archiveBatch(batch: ArchiveBatch): Promise<ArchiveResult> {
    const { batches, samples, duplicateSamples } = await this.archiveBatches([batch]);
    return { ...batches[0]!, samples, duplicateSamples };
  }

  async archiveBatches(batches: readonly ArchiveBatch[]): Promise<ArchiveGroupResult> {
    const nothing = { storedMessages: 0, skippedMessages: 0, logReset: false };
    if (batches.every((b) => b.messages.length === 0)) return { batches: batches.map(() => nothing), samples: 0, duplicateSamples: 0 };
    // Offsets are locked in one order for every transaction; in it, two batches of one partition sit side by side.
    const order = batches.map((b, i) => i).sort((i, j) => compareKeys(batches[i]!, batches[j]!));
    if (order.some((i, k) => k > 0 && compareKeys(batches[i]!, batches[order[k - 1]!]!) === 0)) {
      throw new RangeError('an archive transaction takes at most one batch per partition');
    }
    const during = batches.length === 1 ? `archiving ${batches[0]!.topic}[${batches[0]!.partition}] for ${batches[0]!.consumerGroup}` : `archiving ${batches.length} partitions' batches`;
    return withTransaction(this.#pool, during, async (client) => {
      // Offsets are locked first, every partition's row in one statement in the transaction's order: a concurrent
      // delivery of the same partition waits here and then skips what this one stored.
      const locking = order.filter((i) => batches[i]!.messages.length > 0);
      const recordedOffsets = await lockConsumerOffsets(client, locking.map((i) => batches[i]!));
      const parts: Array<{ rows: ArchiveRows; logReset: boolean } | undefined> = new Array(batches.length);
      for (const [k, i] of locking.entries()) {
        const batch = batches[i]!;
        const { offset: recorded, logId: recordedLogId } = recordedOffsets[k]!;
        // The recorded offset belongs to another log (a replaced cluster), or lies beyond this log's end (a recreated topic):
        // either way this log's offsets start again and nothing of it was archived.
        const otherLog = batch.logId !== undefined && recordedLogId !== null && recordedLogId !== batch.logId;
        const logReset = recorded !== null && (otherLog || (batch.highWatermark !== undefined && recorded >= BigInt(batch.highWatermark)));
        parts[i] = { rows: archiveRows(batch, logReset ? null : recorded), logReset };
      }
      const stored = parts.filter((p) => p !== undefined && p.rows.lastOffset !== null).map((p) => p!.rows);
      const rows = mergeArchiveRows(stored);
      await insertRawPackets(client, rows.rawPackets);
      const samples = await insertSamples(client, rows.samples, this.#secondTier);
      await insertPackets(client, rows.packets);
      await insertAlarmEvents(client, rows.alerts);
      await insertQuarantine(client, rows.quarantine);
      await insertGroundStationEvents(client, rows.groundStationEvents);
      // Last before the offsets: satellite rows are shared by every partition, so hold their locks briefly.
      await upsertSatellites(client, rows.satellites);
      const advances: OffsetAdvance[] = [];
      for (const i of order) {
        const batch = batches[i]!;
        const part = parts[i];
        if (part === undefined || part.rows.lastOffset === null) continue;
        advances.push({ key: batch, offset: part.rows.lastOffset, rewind: part.logReset, ...(batch.logId === undefined ? {} : { logId: batch.logId }) });
      }
      await advanceConsumerOffsets(client, advances);
      return {
        batches: parts.map((p) => (p === undefined ? nothing : { storedMessages: p.rows.stored, skippedMessages: p.rows.skipped, logReset: p.logReset })),
        samples: samples.stored,
        duplicateSamples: samples.skipped,
      };
    });
  }

  async archivedOffset(consumerGroup: string, topic: string, partition: number, logId?: string): Promise<string | null> {
    try {
      return (await selectConsumerOffsets(this.#pool, consumerGroup, topic, logId)).get(partition)?.toString() ?? null;
    } catch (error) {
      throw toStoreError(error, `reading the archived offset of ${topic}[${partition}]`);
    }
  }

  async actOnAlarm({ alarmId, expectedVersion, input, nowMs, clientAddress }: AlarmAction): Promise<AlarmActionResult> {
    return withTransaction(this.#pool, `acting on alarm ${alarmId}`, async (client) => {
      const stored = await selectAlarmByIdForUpdate(client, alarmId);
      if (!stored) throw new AlarmNotFoundError(alarmId);
      if (stored.version !== expectedVersion) throw new AlarmVersionConflictError(alarmId, expectedVersion, stored.version);
      const step = transitionAlarm(stored.alarm, input, nowMs);
      if (!step.ok) return { ok: false, error: step.error };
      const applied = await applyAlarmTransition(client, { alarmId, expectedVersion, alarm: step.alarm, transition: step.transition, clientAddress });
      return { ok: true, record: { id: alarmId, version: applied.version, alarm: step.alarm }, transition: step.transition };
    });
  }

  async recordAlerts(alerts: readonly Alert[], nowMs: number): Promise<number> {
    if (alerts.length === 0) return 0;
    return withTransaction(this.#pool, `recording ${alerts.length} alert(s)`, (client) => insertAlarmEvents(client, alerts, nowMs));
  }

  async listAlarms(query: AlarmQuery = {}): Promise<AlarmRecord[]> {
    try {
      return await selectAlarms(this.#pool, query);
    } catch (error) {
      throw toStoreError(error, 'listing alarms');
    }
  }

  async listAlarmEvents(query: AlarmEventQuery): Promise<AlarmEventRecord[]> {
    try {
      return await selectAlarmEvents(this.#pool, query);
    } catch (error) {
      throw toStoreError(error, 'listing alarm events');
    }
  }

  async sampleLineage(query: SampleLineageQuery): Promise<SampleLineageRow | null> {
    try {
      return await selectSampleLineage(this.#pool, query);
    } catch (error) {
      throw toStoreError(error, 'reading a sample\'s lineage');
    }
  }

  async listQuarantine(query: QuarantineQuery): Promise<QuarantinedMessage[]> {
    try {
      return await selectRecentQuarantine(this.#pool, query);
    } catch (error) {
      throw toStoreError(error, 'listing quarantined messages');
    }
  }

  async listSatellites(): Promise<SatelliteSummary[]> {
    try {
      return await selectSatellites(this.#pool);
    } catch (error) {
      throw toStoreError(error, 'listing satellites');
    }
  }

  /**
   * Each series from the finest tier that keeps it within the point budget
   * of the chart's width (planSeries): raw samples, the 1-second tier — for
   * the parameters that tier does not store, raw samples grouped by second —
   * the 1-minute tier, or the 1-minute tier grouped into wider buckets.
   */
  async getSeries(request: SeriesRequest): Promise<SeriesResult> {
    const { satelliteId, parameterIds, fromMs, toMs, widthPx = HISTORY_WIDTH_PX.default } = request;
    const rateOf = (id: number) => this.#ratesHz.get(id) ?? ASSUMED_SAMPLE_RATE_HZ;
    const plan = planSeries({ fromMs, toMs, widthPx, maxSampleRateHz: Math.max(0, ...parameterIds.map(rateOf)) || ASSUMED_SAMPLE_RATE_HZ });
    const result = (columns: SeriesColumns[]): SeriesResult => ({
      tier: plan.tier,
      bucketMs: plan.bucketMs,
      series: columns.map((c): HistorySeries => ({ ...c, ...seriesSpacing(plan, rateOf(c.parameterId)) })),
    });
    if (parameterIds.length === 0) return result([]);
    try {
      return result(await this.#readSeries(plan, { satelliteId, parameterIds, fromMs, toMs }));
    } catch (error) {
      throw toStoreError(error, `reading series of satellite ${satelliteId}`);
    }
  }

  async listRecordedPasses(filter: PassFilter): Promise<RecordedPass[]> {
    try {
      return await selectRecordedPasses(this.#pool, filter);
    } catch (error) {
      throw toStoreError(error, 'listing passes');
    }
  }

  async passTelemetry(windows: readonly PassWindow[], gapThresholdMs: number): Promise<PassTelemetry[]> {
    try {
      return await selectPassTelemetry(this.#pool, windows, gapThresholdMs);
    } catch (error) {
      throw toStoreError(error, 'reading pass telemetry');
    }
  }

  /** Slice by slice, each one query on the pool: memory holds one slice, whatever the window. */
  async *exportRows(request: ExportRequest, sliceMs: number): AsyncGenerator<readonly ExportRow[]> {
    if (!(sliceMs > 0)) throw new RangeError(`sliceMs must be positive, got ${sliceMs}`);
    for (let fromMs = request.fromMs; fromMs <= request.toMs; fromMs += sliceMs) {
      const last = fromMs + sliceMs > request.toMs;
      const slice = { ...request, fromMs, toMs: last ? request.toMs : fromMs + sliceMs, includeEnd: last };
      let rows: ExportRow[];
      try {
        rows = await selectExportRows(this.#pool, slice);
      } catch (error) {
        throw toStoreError(error, `exporting samples of satellite ${request.satelliteId}`);
      }
      if (rows.length > 0) yield rows;
    }
  }

  async #readSeries(plan: SeriesPlan, window: SeriesWindow): Promise<SeriesColumns[]> {
    if (plan.tier === 'raw') return selectRawSeries(this.#pool, window);
    if (plan.tier === '1m') {
      return plan.bucketMs === 60_000
        ? selectAggregateSeries(this.#pool, 'agg_1m', window)
        : selectBucketedSeries(this.#pool, 'agg_1m', { ...window, bucketMs: plan.bucketMs! });
    }
    const inTier = window.parameterIds.filter((id) => this.#secondTier?.has(id) ?? true);
    const fromRaw = window.parameterIds.filter((id) => !(this.#secondTier?.has(id) ?? true));
    const bucketMs = plan.bucketMs!;
    // Both halves in parallel, on two connections of the pool.
    const [aggregated, grouped] = await Promise.all([
      inTier.length === 0
        ? []
        : bucketMs === 1000
          ? selectAggregateSeries(this.#pool, 'agg_1s', { ...window, parameterIds: inTier })
          : selectBucketedSeries(this.#pool, 'agg_1s', { ...window, parameterIds: inTier, bucketMs }),
      fromRaw.length ? selectBucketedSeries(this.#pool, 'samples', { ...window, parameterIds: fromRaw, bucketMs }) : [],
    ]);
    const byId = new Map([...aggregated, ...grouped].map((s) => [s.parameterId, s]));
    return window.parameterIds.map((id) => byId.get(id)!);
  }
}
