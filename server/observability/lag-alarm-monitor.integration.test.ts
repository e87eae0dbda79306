/**
 * Consumer lag alarms against a real TimescaleDB: lag measured by the real
 * metrics (a consumed batch's high watermark and log times), sampled by the
 * OpsMonitor, judged by the ConsumerLagRule and stored through the same
 * state machine, alarms table and audit log as telemetry alarms.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../db/testing/test-database';
import { PostgresTelemetryStore } from '../adapters/postgres/postgres-telemetry-store';
import { ConsumerLagRule, GROUND_SEGMENT_ID } from '../domain/alarms/consumer-lag-rule';
import { silentLogger } from '../log';
import type { ConsumedBatch } from '../ports/bus';
import { TOPICS } from '../topics';
import { LagAlarmMonitor } from './lag-alarm-monitor';
import { OpsMonitor } from './ops-monitor';
import { PerigeeMetrics } from './perigee-metrics';

const T0 = 1_795_000_000_000;
let db: TestDatabase;
let store: PostgresTelemetryStore;
let clockMs: number;
let metrics: PerigeeMetrics;
let ops: OpsMonitor;

beforeAll(async () => {
  db = await startTestDatabase();
  store = new PostgresTelemetryStore(db.pool);
});
afterAll(() => db?.stop());

beforeEach(async () => {
  await db.pool.query('TRUNCATE alarm_events, alarms');
  clockMs = T0;
  metrics = new PerigeeMetrics({ processMetrics: false, nowMs: () => clockMs });
  ops = new OpsMonitor({ metrics, nowMs: () => clockMs });
});

/** The group consumed up to a message logged `behindMs` ago, with `pending` messages after it. */
function consumed(group: string, behindMs: number, pending: number): void {
  const batch: ConsumedBatch = {
    topic: TOPICS.samples,
    partition: 0,
    highWatermark: String(100 + pending),
    messages: [{ topic: TOPICS.samples, partition: 0, offset: '99', key: null, value: Buffer.alloc(0), headers: {}, timestampMs: clockMs - behindMs }],
  };
  metrics.recordLag(group, batch);
}

const rule = new ConsumerLagRule({ default: { warningSeconds: 5, criticalSeconds: 10 } });

async function lagAlarm() {
  const { rows } = await db.pool.query(
    `SELECT id, satellite_id, rule_id, subject, state, severity, highest_severity, active, occurrences, last_value FROM alarms WHERE rule_id = 'consumer-lag'`,
  );
  return rows;
}

async function systemAudit(alarmId: number) {
  const { rows } = await db.pool.query(`SELECT actor, action, from_state, to_state FROM audit_log WHERE target = $1 ORDER BY id`, [`alarm:${alarmId}`]);
  return rows.map((r) => `${r.actor} ${r.action} ${r.from_state}→${r.to_state}`);
}

describe('Observability > LagAlarmMonitor', () => {
  it('raises a warning, escalates to critical, and returns to normal once acknowledged and drained, every step audited', async () => {
    const monitor = new LagAlarmMonitor({ rule, store, log: silentLogger });
    const step = async (behindMs: number, pending: number) => {
      clockMs += 2000;
      consumed('perigee-archiver', behindMs, pending);
      await monitor.observe(await ops.sample());
    };
    await step(1000, 10);
    expect(await lagAlarm()).toEqual([]);
    await step(6500, 500);
    const [warning] = await lagAlarm();
    expect(warning).toMatchObject({ satellite_id: GROUND_SEGMENT_ID, subject: 'perigee-archiver', state: 'unacknowledged', severity: 'warning', active: true, occurrences: 1, last_value: 6.5 });
    await step(8000, 900);
    expect((await lagAlarm())[0]).toMatchObject({ state: 'unacknowledged', severity: 'warning', occurrences: 1 });
    await step(12_000, 2000);
    expect((await lagAlarm())[0]).toMatchObject({ state: 'unacknowledged', severity: 'critical', highest_severity: 'critical', occurrences: 2, last_value: 12 });

    const id = Number(warning.id);
    const [record] = await store.listAlarms({ satelliteId: GROUND_SEGMENT_ID });
    const acted = await store.actOnAlarm({
      alarmId: id,
      expectedVersion: record!.version,
      input: { type: 'acknowledge', actor: { id: 'ops-oncall', role: 'operator' }, comment: 'archiver catching up after the pass' },
      nowMs: clockMs,
      clientAddress: null,
    });
    expect(acted.ok).toBe(true);
    await step(4000, 100); // below critical, above the clear point: holds
    expect((await lagAlarm())[0]).toMatchObject({ state: 'acknowledged', active: true });
    await step(0, 0); // drained
    expect((await lagAlarm())[0]).toMatchObject({ state: 'normal', active: false, last_value: 0 });
    expect(await systemAudit(id)).toEqual([
      'system raise normal→unacknowledged',
      'system escalate unacknowledged→unacknowledged',
      'ops-oncall acknowledge unacknowledged→acknowledged',
      'system clear acknowledged→normal',
    ]);
  });

  it('judges each group on its own, and a monitor started later clears an alarm an earlier run left active', async () => {
    const first = new LagAlarmMonitor({ rule, store, log: silentLogger });
    clockMs += 2000;
    consumed('perigee-processor', 30_000, 5000);
    consumed('perigee-live-a', 100, 2);
    await first.observe(await ops.sample());
    expect((await lagAlarm()).map((a) => [a.subject, a.severity, a.state])).toEqual([['perigee-processor', 'critical', 'unacknowledged']]);

    // A new process: its levels come from the stored alarm, so the drained lag clears it (latching: it waits for an ack).
    const restarted = new LagAlarmMonitor({ rule, store, log: silentLogger });
    clockMs += 2000;
    consumed('perigee-processor', 0, 0);
    await restarted.observe(await ops.sample());
    expect((await lagAlarm()).map((a) => [a.subject, a.state, a.active])).toEqual([['perigee-processor', 'returned-to-normal-unacknowledged', false]]);
  });

  it('keeps its levels when the database is away and stores the alarm with the next sample', async () => {
    let failures = 1;
    const flaky = {
      listAlarms: store.listAlarms.bind(store),
      recordAlerts: async (...args: Parameters<PostgresTelemetryStore['recordAlerts']>) => {
        if (failures-- > 0) throw new Error('connection refused');
        return store.recordAlerts(...args);
      },
    };
    const monitor = new LagAlarmMonitor({ rule, store: flaky, log: silentLogger });
    clockMs += 2000;
    consumed('perigee-archiver', 7000, 50);
    await monitor.observe(await ops.sample());
    expect(await lagAlarm()).toEqual([]);
    clockMs += 2000;
    consumed('perigee-archiver', 7000, 50);
    await monitor.observe(await ops.sample());
    expect((await lagAlarm()).map((a) => [a.severity, a.state])).toEqual([['warning', 'unacknowledged']]);
  });
});
