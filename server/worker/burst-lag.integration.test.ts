/**
 * A burst of ten times the nominal rate, on the Kafka mock cluster with the
 * real archiver writing to TimescaleDB: the archiver's consumer lag rises,
 * the lag alarm (thresholds set small here) is raised through the alarm
 * state machine, and once the burst is over the lag drains and the alarm
 * clears — with every packet of the burst archived once.
 *
 * The burst lasts a minute. The database is made slow on purpose — each
 * archived batch takes at least 5 ms per message, like a busy disk — so the
 * archiver's capacity (at most about 200 packets/s) lies between the nominal
 * rate (~38/s) and the burst (~380/s) on any machine: a fast one would
 * otherwise never fall behind.
 * The packets (seeded simulator) and the rule are deterministic; the exact
 * peak is not, so the test asserts that the backlog built up (lag above the
 * warning threshold), that the alarm's severity is exactly what the sampled
 * lag implies, that the alarm clears after the lag drained, and that nothing
 * was lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../db/testing/test-database';
import { KafkaBus } from '../adapters/kafka/kafka-bus';
import type { KafkaMockCluster } from '../adapters/kafka/testing/kafka-mock-cluster';
import { PostgresTelemetryStore } from '../adapters/postgres/postgres-telemetry-store';
import { ConsumerLagRule, GROUND_SEGMENT_ID, LAG_CLEAR_FRACTION } from '../domain/alarms/consumer-lag-rule';
import { demoFleet } from '../domain/mission/fleet';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { publishAsGateway } from '../ingest/testing/publish-as-gateway';
import { createLogger, silentLogger } from '../log';
import { LagAlarmMonitor } from '../observability/lag-alarm-monitor';
import { OpsMonitor } from '../observability/ops-monitor';
import { PerigeeMetrics } from '../observability/perigee-metrics';
import { FleetSimulator } from '../sim/fleet-simulator';
import { startArchiver, type Archiver } from './archiver';
import { sleep, useDatabaseAndKafka } from './testing/database-and-kafka';

const mdb = defaultMissionDatabase();
/** Nominal load: a fleet of 2 (about 38 packets/s); the burst sends ten seconds of telemetry every second. */
const fleet = demoFleet(2);
const BURST_FACTOR = 10;
const NOMINAL_MS = 3000;
const BURST_MS = 60_000;
const TICK_MS = 200;
const GROUP = 'burst-archiver';
const WARNING_SECONDS = 1;
const CRITICAL_SECONDS = 3;
const log = createLogger({ level: 'error', namespace: 'burst-test' });
/** The slow database's cost per archived message, ms. */
const DATABASE_MS_PER_MESSAGE = 5;

/** The real store, slowed down: every transaction takes at least DATABASE_MS_PER_MESSAGE per message. */
class SlowDatabaseStore extends PostgresTelemetryStore {
  override async archiveBatches(batches: Parameters<PostgresTelemetryStore['archiveBatches']>[0]) {
    const started = Date.now();
    const result = await super.archiveBatches(batches);
    const messages = batches.reduce((n, b) => n + b.messages.length, 0);
    await new Promise((r) => setTimeout(r, Math.max(0, messages * DATABASE_MS_PER_MESSAGE - (Date.now() - started))));
    return result;
  }
}

// The database and the cluster stop after this file's own afterAll (after-hooks run in reverse order).
const databaseAndKafka = useDatabaseAndKafka();
let db: TestDatabase;
let cluster: KafkaMockCluster;
let bus: KafkaBus;
let archiver: Archiver | undefined;
let ops: OpsMonitor | undefined;

beforeAll(async () => {
  ({ db, cluster } = databaseAndKafka);
  bus = new KafkaBus({ brokers: cluster.brokers, clientId: 'burst-test', log });
}, 120_000);

afterAll(async () => {
  ops?.stop();
  await archiver?.stop();
  await bus?.close();
});

describe('Worker > burst', () => {
  it('falls behind under a 10× burst, raises the lag alarm, drains, clears it, and archives every packet once', async () => {
    const store = new SlowDatabaseStore(db.pool);
    const metrics = new PerigeeMetrics({ processMetrics: false });
    const rule = new ConsumerLagRule({ default: { warningSeconds: WARNING_SECONDS, criticalSeconds: CRITICAL_SECONDS } });
    const lagAlarms = new LagAlarmMonitor({ rule, store, log: silentLogger });
    const lagSamples: Array<{ phase: string; lagSeconds: number }> = [];
    let phase = 'join';
    ops = new OpsMonitor({
      metrics,
      sampleIntervalMs: 250,
      onSample: async (snapshot) => {
        const group = snapshot.groups.find((g) => g.group === GROUP);
        if (group) lagSamples.push({ phase, lagSeconds: group.lagSeconds });
        await lagAlarms.observe(snapshot);
      },
    });
    archiver = await startArchiver({ bus, store, mdb, groupId: GROUP, log, metrics });
    ops.start();

    const producer = await bus.producer();
    const startMs = Math.floor(Date.now() / 1000) * 1000;
    const sim = new FleetSimulator({ mdb, fleet, seed: 31, startTimeMs: startMs });
    let simMs = startMs;
    let published = 0;
    let ticks = 0;
    // Every tick sends the telemetry of `factor` ticks of onboard time.
    const feed = async (forMs: number, factor: number) => {
      const until = Date.now() + forMs;
      while (Date.now() < until) {
        const tickStarted = Date.now();
        simMs += TICK_MS * factor;
        const { packets } = sim.advance(simMs);
        await publishAsGateway(producer, mdb, packets, { linkDelayMs: 40 });
        published += packets.length;
        ticks++;
        await sleep(Math.max(0, TICK_MS - (Date.now() - tickStarted)));
      }
    };
    const rawRows = async () => Number((await db.pool.query('SELECT count(*) AS n FROM raw_packets')).rows[0].n);

    phase = 'nominal';
    await feed(NOMINAL_MS, 1);
    const nominalPublished = published;
    const nominalTicks = ticks;
    phase = 'burst';
    const burstStarted = Date.now();
    await feed(BURST_MS, BURST_FACTOR);
    const burstPublished = published - nominalPublished;
    const burstTicks = ticks - nominalTicks;
    const burstWallMs = Date.now() - burstStarted;
    phase = 'drain';
    const deadline = Date.now() + 180_000;
    // Back to nominal for a couple of seconds, then quiet until the archive has everything.
    await feed(2000, 1);
    while ((await rawRows()) < published) {
      if (Date.now() > deadline) throw new Error(`archive holds ${await rawRows()} of ${published} packets`);
      await sleep(250);
    }
    // Lag samples every 250 ms: give the drained lag two samples to be judged.
    await sleep(800);
    ops.stop();

    const peak = Math.max(...lagSamples.map((s) => s.lagSeconds));
    const lastSample = lagSamples.at(-1)!;
    console.info(
      `burst: ${nominalPublished} packets nominal, ${burstPublished} in the burst (${Math.round(burstPublished / (burstWallMs / 1000))}/s); ` +
        `archiver lag peaked at ${peak.toFixed(1)} s, ${lagSamples.length} samples`,
    );
    // Ten times the telemetry per tick (a tick that took longer than 200 ms to publish stretches the burst, not its size).
    expect(burstPublished / burstTicks).toBeGreaterThan(9 * (nominalPublished / nominalTicks));
    // The backlog built up, then drained.
    expect(peak).toBeGreaterThanOrEqual(WARNING_SECONDS);
    expect(lastSample.lagSeconds).toBeLessThan(WARNING_SECONDS * LAG_CLEAR_FRACTION);

    // The alarm was raised at the severity the peak implies, then cleared (latching: it waits for an acknowledgement).
    const [alarm] = await store.listAlarms({ satelliteId: GROUND_SEGMENT_ID, states: ['normal', 'unacknowledged', 'acknowledged', 'returned-to-normal-unacknowledged'] });
    expect(alarm?.alarm.key).toEqual({ satelliteId: GROUND_SEGMENT_ID, ruleId: 'consumer-lag', subject: GROUP });
    expect(alarm?.alarm.highestSeverity).toBe(peak >= CRITICAL_SECONDS ? 'critical' : 'warning');
    expect([alarm?.alarm.state, alarm?.alarm.active]).toEqual(['returned-to-normal-unacknowledged', false]);
    const { rows } = await db.pool.query(`SELECT action, from_state, to_state FROM audit_log WHERE target = $1 ORDER BY id`, [`alarm:${alarm!.id}`]);
    // Raised at warning first and escalated later, unless the first sample above the warning threshold was already critical.
    const firstAbove = lagSamples.find((s) => s.lagSeconds >= WARNING_SECONDS)!;
    const escalation = peak >= CRITICAL_SECONDS && firstAbove.lagSeconds < CRITICAL_SECONDS ? ['escalate unacknowledged→unacknowledged'] : [];
    expect(rows.map((r) => `${r.action} ${r.from_state}→${r.to_state}`)).toEqual([
      'raise normal→unacknowledged',
      ...escalation,
      'clear unacknowledged→returned-to-normal-unacknowledged',
    ]);

    // Nothing lost, nothing doubled.
    const { rows: counts } = await db.pool.query(
      `SELECT count(*)::int AS n, count(DISTINCT (topic, partition, "offset"))::int AS distinct_n FROM raw_packets`,
    );
    expect(counts[0]).toEqual({ n: published, distinct_n: published });
  }, 330_000);
});
