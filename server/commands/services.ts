/**
 * Opens the long-lived services a Perigee process needs, from configuration:
 * the database (an external DATABASE_URL, or the embedded PostgreSQL with
 * TimescaleDB) migrated and synced with the mission database, and the bus
 * (Kafka when KAFKA_BROKERS is set, else the in-process log).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { startEmbeddedPostgres } from '../../db/embedded-server';
import { migrate } from '../../db/migrate';
import { connectPool, redactDatabaseUrl } from '../../db/pool';
import { syncParameters } from '../../db/queries/sync-parameters';
import { KafkaBus } from '../adapters/kafka/kafka-bus';
import { MemoryBus, type MemoryBusOptions } from '../adapters/memory/memory-bus';
import { PostgresTelemetryStore } from '../adapters/postgres/postgres-telemetry-store';
import { PostgresAuditTrail, PostgresRuleThresholds } from '../adapters/postgres/postgres-audit-trail';
import type { AuditTrail } from '../ports/audit-trail';
import type { RuleThresholdStore } from '../ports/rule-threshold-store';
import type { Config } from '../config';
import { parameterSampleRatesHz, secondTierParameterIds } from '../domain/aggregation/series-tier';
import type { MissionDatabase } from '../domain/mission/mission-database';
import type { Logger } from '../log';
import type { Bus } from '../ports/bus';
import type { TelemetryStore } from '../ports/telemetry-store';
import { TOPICS } from '../topics';

export interface OpenDatabase {
  readonly pool: pg.Pool;
  readonly store: TelemetryStore;
  readonly audit: AuditTrail;
  readonly ruleThresholds: RuleThresholdStore;
  /** Where it is, without credentials. */
  readonly description: string;
  /** Where it is, credentials included: for another thread of this process to connect too. */
  readonly url: string;
  close(): Promise<void>;
}

export async function openDatabase(config: Config, mdb: MissionDatabase, log: Logger): Promise<OpenDatabase> {
  const dbLog = log.namespace('db');
  let url = config.database.url;
  let stopEmbedded = async () => {};
  if (url === undefined) {
    const { dataDir, port, timescaleBundleDir } = config.database.embedded;
    const pgDir = path.join(dataDir, 'pgdata');
    await fs.mkdir(dataDir, { recursive: true });
    const started = Date.now();
    const server = await startEmbeddedPostgres({
      dataDir: pgDir,
      port,
      bundleDir: timescaleBundleDir,
      log: (line) => dbLog.debug(line),
    });
    dbLog.info(`embedded PostgreSQL + TimescaleDB on 127.0.0.1:${server.port} (${pgDir}), up in ${Date.now() - started} ms`);
    url = server.url;
    stopEmbedded = () => server.stop();
  }
  try {
    const pool = await connectPool({
      url,
      max: config.database.poolMax,
      onIdleError: (error) => dbLog.warn('idle database connection lost', { error }),
    });
    const { applied } = await migrate(pool);
    if (applied.length > 0) dbLog.info(`applied migrations ${applied.join(', ')}`);
    await syncParameters(pool, mdb);
    return {
      pool,
      store: new PostgresTelemetryStore(pool, { secondTierParameterIds: secondTierParameterIds(mdb), sampleRatesHz: parameterSampleRatesHz(mdb) }),
      audit: new PostgresAuditTrail(pool),
      ruleThresholds: new PostgresRuleThresholds(pool),
      description: redactDatabaseUrl(url),
      url,
      close: async () => {
        await pool.end();
        await stopEmbedded();
      },
    };
  } catch (error) {
    await stopEmbedded();
    throw error;
  }
}

/** The in-process bus of the zero-setup run: the playback topic bounded, so a dump waits for its readers. */
export function inProcessBusOptions(config: Config, log: Logger): MemoryBusOptions {
  return { log, unreadBound: { topics: [TOPICS.rawPlayback], messagesPerPartition: config.stream.inProcessPlaybackUnread } };
}

export function openBus(config: Config, log: Logger): Bus {
  const brokers = config.kafka.brokers;
  if (brokers === undefined) return new MemoryBus(inProcessBusOptions(config, log.namespace('bus')));
  return new KafkaBus({ brokers, clientId: config.kafka.clientId, sessionTimeoutMs: config.kafka.sessionTimeoutMs, log: log.namespace('kafka') });
}
