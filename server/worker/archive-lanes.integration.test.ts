/**
 * The archive's two lanes on real TimescaleDB: an alarm raised while the
 * telemetry lane works through a backlog (a pass dump's samples) is recorded
 * — and so open to acknowledgement — before the backlog is through, and
 * each lane records its own offsets under its own group.
 */
import { describe, expect, it } from 'vitest';
import { useSuiteDatabase } from '../../db/testing/suite-database';
import { MemoryBus } from '../adapters/memory/memory-bus';
import { PostgresTelemetryStore } from '../adapters/postgres/postgres-telemetry-store';
import { contractHeader } from '../contracts/event-contracts';
import type { Alert } from '../domain/alert';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { MAX_FRAMES_PER_MESSAGE } from '../domain/sample-frame-codec';
import { createLogger } from '../log';
import { TOPICS } from '../topics';
import { ALARM_LANE_MAX_WAIT_MS, alarmLaneGroupId, startArchiveLanes } from './archive-lanes';
import { recordSubscriptions } from './testing/record-subscriptions';
import { startArchiver } from './archiver';
import { THERMAL_SAMPLE_APID, thermalSampleMessage } from './testing/thermal-sample-message';

const mdb = defaultMissionDatabase();
const log = createLogger({ level: 'error', namespace: 'archive-lanes-test' });
const T0 = Date.UTC(2026, 10, 26, 6);
const suite = useSuiteDatabase();

const alert = (atMs: number): Alert => ({
  id: `limit:101:power.battery_voltage:${atMs}`,
  ruleId: 'limit',
  satelliteId: 101,
  subject: 'power.battery_voltage',
  kind: 'raised',
  severity: 'critical',
  windowStartMs: atMs,
  windowEndMs: atMs,
  value: 24.1,
  threshold: 24.5,
  message: 'power.battery_voltage 24.1 V below critical low 24.5 V',
});
const alertMessage = (a: Alert) => ({ key: String(a.satelliteId), value: Buffer.from(JSON.stringify(a)), headers: contractHeader('alert') });

async function until<T>(what: string, read: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('Worker > archive lanes', () => {
  it('records an alarm raised during a backlog of samples before the backlog is stored, each lane under its own group', async () => {
    const bus = new MemoryBus({ log });
    const subscribed = recordSubscriptions(bus);
    const producer = await bus.producer();
    // A dump's worth of samples waiting: 12 satellites × 4 messages × 256 frames × 52 samples.
    const satellites = Array.from({ length: 12 }, (_, i) => 101 + i);
    for (let i = 0; i < 4; i++) await producer.send(TOPICS.samples, satellites.map((satelliteId) => thermalSampleMessage(mdb, i, { t0Ms: T0, satelliteId })));
    const total = satellites.length * 4 * MAX_FRAMES_PER_MESSAGE * mdb.latestLayout(THERMAL_SAMPLE_APID)!.parameters.length;

    const lanes = await startArchiveLanes({ bus, store: new PostgresTelemetryStore(suite.db.pool), mdb, groupId: 'lanes', log });
    try {
      await until('the backlog under way', () => (lanes.stats().samples > 0 ? true : undefined));
      const raised = alert(T0 + 5_000);
      await producer.send(TOPICS.alerts, [alertMessage(raised)]);
      const stored = await until('the alarm recorded', async () => {
        const { rows } = await suite.db.pool.query('SELECT alert_id, kind, value FROM alarm_events');
        return rows.length > 0 ? rows : undefined;
      });
      const samplesThen = lanes.stats().samples;
      expect(stored).toEqual([{ alert_id: raised.id, kind: 'raised', value: 24.1 }]);
      expect((await suite.db.pool.query('SELECT state, occurrences FROM alarms')).rows).toEqual([{ state: 'unacknowledged', occurrences: 1 }]);
      // The alarm did not wait for the samples.
      expect(samplesThen).toBeLessThan(total);

      await until('the backlog stored', () => (lanes.stats().samples >= total ? true : undefined));
      expect(Number((await suite.db.pool.query('SELECT count(*) AS n FROM samples')).rows[0].n)).toBe(total);
      const offsets = await suite.db.pool.query(`SELECT DISTINCT consumer_group, topic FROM consumer_offsets ORDER BY 1, 2`);
      expect(offsets.rows).toEqual([
        { consumer_group: 'lanes', topic: TOPICS.samples },
        { consumer_group: alarmLaneGroupId('lanes'), topic: TOPICS.alerts },
      ]);
      expect(alarmLaneGroupId('lanes')).toBe('lanes-alarms');
      // The quiet alerts topic is fetched with a short wait; the telemetry lane keeps the bus default.
      expect(subscribed).toEqual([
        { groupId: 'lanes', maxWaitMs: undefined },
        { groupId: 'lanes-alarms', maxWaitMs: ALARM_LANE_MAX_WAIT_MS },
      ]);
      expect(ALARM_LANE_MAX_WAIT_MS).toBe(20);
    } finally {
      await lanes.stop();
      await bus.close();
    }
  }, 120_000);

  it('takes over alerts a single-group archiver stored, recording none twice', async () => {
    await suite.db.pool.query('TRUNCATE alarm_events, alarms, consumer_offsets, samples');
    // The log keeps what was consumed, as Kafka keeps it for its retention.
    const bus = new MemoryBus({ log, keptConsumedMessagesPerPartition: Infinity });
    const producer = await bus.producer();
    const store = new PostgresTelemetryStore(suite.db.pool);
    const first = alert(T0 + 60_000);
    await producer.send(TOPICS.alerts, [alertMessage(first)]);
    // Before the lanes: one group for everything, alerts included.
    const single = await startArchiver({ bus, store, mdb, groupId: 'takeover', log });
    await until('stored by the single group', () => (single.stats().messagesStored === 1 ? true : undefined));
    await single.stop();

    // The alarm lane is a new group: it reads the alerts topic from its start, and the archive knows each alert by id.
    const second = alert(T0 + 70_000);
    await producer.send(TOPICS.alerts, [alertMessage(second)]);
    const lanes = await startArchiveLanes({ bus, store, mdb, groupId: 'takeover', log });
    try {
      // Both read: the one stored before, and the new one.
      await until('both alerts read by the alarm lane', () => (lanes.stats().messagesStored === 2 ? true : undefined));
      expect((await suite.db.pool.query(`SELECT DISTINCT consumer_group FROM consumer_offsets ORDER BY 1`)).rows.map((r) => r.consumer_group)).toEqual([
        'takeover',
        'takeover-alarms',
      ]);
      expect((await suite.db.pool.query('SELECT alert_id FROM alarm_events ORDER BY window_end')).rows.map((r) => r.alert_id)).toEqual([first.id, second.id]);
      expect((await suite.db.pool.query('SELECT occurrences FROM alarms')).rows).toEqual([{ occurrences: 2 }]);
    } finally {
      await lanes.stop();
      await bus.close();
    }
  }, 120_000);
});
