/**
 * TelemetryStore on PostgreSQL + TimescaleDB. archiveBatch writes bronze
 * (raw_packets), silver (samples, packets), gold (agg_1s, agg_1m), alarms,
 * quarantine and ground-station events together with the consumer offset in
 * one transaction, so a batch is stored entirely or not at all, and once.
 *
 * @example
 *   const store = new PostgresTelemetryStore(pool);
 *   await store.archiveBatch({ consumerGroup: 'perigee-worker', topic, partition: 0, messages });
 *   await store.getSeries({ satelliteId: 101, parameterIds: [2, 3], fromMs, toMs }); // { tier: 'raw', series: [...] }
 */
import { selectAlarms } from '../../../db/queries/select-alarms';
import type pg from 'pg';
import type {
  ArchiveBatch,
  ArchiveResult,
  AlarmQuery,
  AlarmRecord,
  SatelliteSummary,
  SeriesRequest,
  SeriesResult,
  TelemetryStore,
} from '../../ports/telemetry-store';
import { chooseSeriesTier } from '../../domain/aggregation/series-tier';
import { toStoreError } from '../../../db/database-errors';
import { withTransaction } from '../../../db/transaction';
import { lockConsumerOffset } from '../../../db/queries/lock-consumer-offset';
import { advanceConsumerOffset } from '../../../db/queries/advance-consumer-offset';
import { insertRawPackets } from '../../../db/queries/insert-raw-packets';
import { insertSamples } from '../../../db/queries/insert-samples';
import { insertQuarantine } from '../../../db/queries/insert-quarantine';
import { insertGroundStationEvents } from '../../../db/queries/insert-ground-station-events';
import { insertPackets } from '../../../db/queries/insert-packets';
import { insertAlarmEvents } from '../../../db/queries/insert-alarm-events';
import { upsertSatellites } from '../../../db/queries/upsert-satellites';
import { selectSatellites } from '../../../db/queries/select-satellites';
import { selectConsumerOffsets } from '../../../db/queries/select-consumer-offsets';
import { selectRawSeries } from '../../../db/queries/select-raw-series';
import { selectAggregateSeries } from '../../../db/queries/select-aggregate-series';
import { archiveRows } from './archive-rows';

export class PostgresTelemetryStore implements TelemetryStore {
  readonly #pool: pg.Pool;

  readonly #secondTier: ReadonlySet<number> | undefined;

  /**
   * `secondTierParameterIds` lists the parameters the 1-second tier stores
   * (see secondTierParameterIds); the others are read from raw samples when
   * that tier is asked for. All parameters when omitted.
   */
  constructor(pool: pg.Pool, { secondTierParameterIds }: { secondTierParameterIds?: ReadonlySet<number> } = {}) {
    this.#pool = pool;
    this.#secondTier = secondTierParameterIds;
  }

  /**
   * Stores the messages above the partition's recorded offset and advances
   * it. Throws StoreUnavailableError (retriable) when the server is lost; the
   * transaction is then rolled back and the whole batch can be delivered again.
   */
  async archiveBatch(batch: ArchiveBatch): Promise<ArchiveResult> {
    if (batch.messages.length === 0) return { storedMessages: 0, skippedMessages: 0, samples: 0, duplicateSamples: 0, logReset: false };
    const during = `archiving ${batch.topic}[${batch.partition}] for ${batch.consumerGroup}`;
    return withTransaction(this.#pool, during, async (client) => {
      // Taken first: a concurrent delivery of the same partition waits here and then skips what this one stored.
      const recorded = await lockConsumerOffset(client, batch);
      const logReset = recorded !== null && batch.highWatermark !== undefined && recorded >= BigInt(batch.highWatermark);
      const rows = archiveRows(batch, logReset ? null : recorded);
      if (rows.lastOffset === null) return { storedMessages: 0, skippedMessages: rows.skipped, samples: 0, duplicateSamples: 0, logReset };
      await insertRawPackets(client, rows.rawPackets);
      const samples = await insertSamples(client, rows.samples, this.#secondTier);
      await insertPackets(client, rows.packets);
      await insertAlarmEvents(client, rows.alerts);
      await insertQuarantine(client, rows.quarantine);
      await insertGroundStationEvents(client, rows.groundStationEvents);
      // Last before the offset: satellite rows are shared by every partition, so hold their locks briefly.
      await upsertSatellites(client, rows.satellites);
      await advanceConsumerOffset(client, batch, rows.lastOffset, { rewind: logReset });
      return { storedMessages: rows.stored, skippedMessages: rows.skipped, samples: samples.stored, duplicateSamples: samples.skipped, logReset };
    });
  }

  async archivedOffset(consumerGroup: string, topic: string, partition: number): Promise<string | null> {
    try {
      return (await selectConsumerOffsets(this.#pool, consumerGroup, topic)).get(partition)?.toString() ?? null;
    } catch (error) {
      throw toStoreError(error, `reading the archived offset of ${topic}[${partition}]`);
    }
  }

  async listAlarms(query: AlarmQuery = {}): Promise<AlarmRecord[]> {
    try {
      return await selectAlarms(this.#pool, query);
    } catch (error) {
      throw toStoreError(error, 'listing alarms');
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
   * Raw samples for windows up to 15 minutes, 1-second aggregates (avg, min,
   * max) up to 3 hours — for the parameters that tier stores, the others come
   * raw — and 1-minute aggregates beyond.
   */
  async getSeries(request: SeriesRequest): Promise<SeriesResult> {
    const tier = chooseSeriesTier(request.fromMs, request.toMs);
    if (request.parameterIds.length === 0) return { tier, series: [] };
    try {
      if (tier === 'raw') return { tier, series: await selectRawSeries(this.#pool, request) };
      if (tier === '1m') return { tier, series: await selectAggregateSeries(this.#pool, 'agg_1m', request) };
      const inTier = request.parameterIds.filter((id) => this.#secondTier?.has(id) ?? true);
      const raw = request.parameterIds.filter((id) => !(this.#secondTier?.has(id) ?? true));
      const [aggregated, sampled] = await Promise.all([
        inTier.length ? selectAggregateSeries(this.#pool, 'agg_1s', { ...request, parameterIds: inTier }) : [],
        raw.length ? selectRawSeries(this.#pool, { ...request, parameterIds: raw }) : [],
      ]);
      const byId = new Map([...aggregated, ...sampled].map((s) => [s.parameterId, s]));
      return { tier, series: request.parameterIds.map((id) => byId.get(id)!) };
    } catch (error) {
      throw toStoreError(error, `reading series of satellite ${request.satelliteId}`);
    }
  }
}
