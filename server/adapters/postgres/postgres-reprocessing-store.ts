/**
 * ReprocessingStore on PostgreSQL + TimescaleDB: bronze read from
 * raw_packets, silver and gold replaced per satellite and range in one
 * transaction, the new samples stored by insertSamples — the statement the
 * archiver's transaction uses, which merges them into agg_1s and agg_1m.
 *
 * @example
 *   const store = new PostgresReprocessingStore(pool, { secondTierParameterIds: secondTierParameterIds(mdb) });
 *   await store.replaceRange(101, fromMs, toMs, samples); // { removed: {...}, stored: {...} }
 */
import type pg from 'pg';
import { countTelemetryRange } from '../../../db/queries/count-telemetry-range';
import { deleteTelemetryRange } from '../../../db/queries/delete-telemetry-range';
import { insertSamples } from '../../../db/queries/insert-samples';
import { selectBronzePackets } from '../../../db/queries/select-bronze-packets';
import { selectSatellites } from '../../../db/queries/select-satellites';
import { toStoreError } from '../../../db/database-errors';
import { withTransaction } from '../../../db/transaction';
import type { BronzePacket, ReprocessingStore, SliceRebuild } from '../../ports/reprocessing-store';
import type { SampleColumns } from '../../ports/sample-columns';

export class PostgresReprocessingStore implements ReprocessingStore {
  readonly #pool: pg.Pool;

  readonly #secondTier: ReadonlySet<number> | undefined;

  /** `secondTierParameterIds`: the parameters agg_1s keeps, as the archive is configured (all when omitted). */
  constructor(pool: pg.Pool, { secondTierParameterIds }: { secondTierParameterIds?: ReadonlySet<number> } = {}) {
    this.#pool = pool;
    this.#secondTier = secondTierParameterIds;
  }

  async satelliteIds(): Promise<number[]> {
    try {
      return (await selectSatellites(this.#pool)).map((s) => s.satelliteId);
    } catch (error) {
      throw toStoreError(error, 'listing satellites');
    }
  }

  async readBronze(satelliteId: number, fromMs: number, toMs: number): Promise<BronzePacket[]> {
    try {
      return await selectBronzePackets(this.#pool, { satelliteId, fromMs, toMs });
    } catch (error) {
      throw toStoreError(error, `reading raw packets of satellite ${satelliteId}`);
    }
  }

  async replaceRange(satelliteId: number, fromMs: number, toMs: number, samples: SampleColumns): Promise<SliceRebuild> {
    const range = { satelliteId, fromMs, toMs };
    return withTransaction(this.#pool, `reprocessing satellite ${satelliteId}`, async (client) => {
      const removed = await deleteTelemetryRange(client, range);
      await insertSamples(client, samples, this.#secondTier);
      return { removed, stored: await countTelemetryRange(client, range) };
    });
  }
}
