/**
 * An admin's threshold reaches the running processor without a restart: the
 * thresholds are stored in TimescaleDB (rule_thresholds, through the same
 * adapter the console writes with), the processor reads them at start and
 * again on refresh, and thermal packets at 87 °C raise over-temperature
 * alerts only for the windows evaluated while the threshold is under 87.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../db/testing/test-database';
import { PostgresRuleThresholds } from '../adapters/postgres/postgres-audit-trail';
import { MemoryBus } from '../adapters/memory/memory-bus';
import { loadConfig } from '../config';
import type { Alert } from '../domain/alert';
import { encodePacket } from '../domain/codec/packet-codec';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { demoFleet } from '../domain/mission/fleet';
import { createLogger } from '../log';
import type { BusProducer } from '../ports/bus';
import { HEADERS, TOPICS } from '../topics';
import { startProcessor, type Processor } from './processor';

const mdb = defaultMissionDatabase();
const log = createLogger({ level: 'error', namespace: 'thresholds-test' });
const THERMAL_APID = 288;
const layout = mdb.latestLayout(THERMAL_APID)!;
/** A recent 10 s boundary, so windows line up with whole test seconds. */
const T0 = Math.floor((Date.now() - 120_000) / 10_000) * 10_000;

let db: TestDatabase;
let bus: MemoryBus;
let producer: BusProducer;
let processor: Processor;
let thresholds: PostgresRuleThresholds;
const alerts: Alert[] = [];

const nominal = (name: string): number => {
  const p = mdb.parameter(name)!;
  const low = p.limits?.warningLow ?? p.validRange?.min ?? 0;
  const high = p.limits?.warningHigh ?? p.validRange?.max ?? low;
  return (low + high) / 2;
};

/** Thermal packets of satellite 101, one a second over [fromS, toS), node 0 at `celsius` and every other node nominal. */
async function sendThermal(fromS: number, toS: number, celsius: number): Promise<void> {
  const messages = [];
  for (let s = fromS; s < toS; s++) {
    const onboardTimeMs = T0 + s * 1000;
    const values = Object.fromEntries(layout.parameters.map((p) => [p.name, p.name === 'thermal.node_000' ? celsius : nominal(p.name)]));
    const bytes = encodePacket(mdb, { apid: THERMAL_APID, satelliteId: 101, sequenceCount: s, onboardTimeMs, values });
    messages.push({ key: '101', value: Buffer.from(bytes), headers: { [HEADERS.arrivalMs]: String(onboardTimeMs + 40), [HEADERS.groundStation]: 'svalbard' } });
  }
  await producer.send(layout.topic!, messages);
}

async function processed(packets: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (processor.stats().pipeline.frames < packets) {
    if (Date.now() > deadline) throw new Error(`processor made frames of ${processor.stats().pipeline.frames} of ${packets} packets`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const overtemperature = () => alerts.filter((a) => a.ruleId === 'thermal-overtemperature').map((a) => [(a.windowStartMs - T0) / 1000, a.threshold, a.subject]);

beforeAll(async () => {
  db = await startTestDatabase();
  thresholds = new PostgresRuleThresholds(db.pool);
  bus = new MemoryBus({ log });
  producer = await bus.producer();
  await bus.subscribe({
    groupId: 'alerts-test',
    topics: [TOPICS.alerts],
    fromBeginning: true,
    eachBatch: async (batch) => void alerts.push(...batch.messages.map((m) => JSON.parse(m.value.toString()) as Alert)),
  });
}, 60_000);
afterAll(async () => {
  await processor?.stop();
  await bus?.close();
  await db?.stop();
});

describe('Processor > rule thresholds from the database', () => {
  it('fires by the stored threshold at start, and by a new one after a refresh, without a restart', async () => {
    const change = (value: number) =>
      thresholds.setThreshold({ ruleId: 'thermal-overtemperature', value, defaultValue: 85, atMs: Date.now(), actor: { username: 'admin-one', role: 'admin' }, clientAddress: null });
    await change(90);
    processor = await startProcessor({
      bus,
      mdb,
      fleet: demoFleet(1),
      groupId: 'thresholds-test',
      stream: loadConfig({}).stream,
      log,
      // Refreshed by hand below; the timer must not race the test.
      thresholds: { read: async () => new Map((await thresholds.listThresholds()).map((t) => [t.ruleId, t.value])), refreshMs: 600_000 },
    });
    expect(processor.thresholds().get('thermal-overtemperature')).toBe(90);

    // Node 0 at 87 °C: window [0, 10 s) closes once the watermark passes 12 s, under the stored 90 °C.
    await sendThermal(0, 14, 87);
    await processed(14);
    expect(overtemperature()).toEqual([]);

    // An admin lowers it to 86 °C; the processor picks it up on its next read.
    await change(86);
    expect(await processor.refreshThresholds()).toEqual([{ ruleId: 'thermal-overtemperature', from: 90, to: 86 }]);
    await sendThermal(14, 34, 87);
    await processed(34);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(overtemperature()).toEqual([
      [10, 86, 'thermal.node_000'],
      [20, 86, 'thermal.node_000'],
    ]);

    // Raised back above the readings: no further alert.
    await change(88);
    await processor.refreshThresholds();
    await sendThermal(34, 44, 87);
    await processed(44);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(overtemperature()).toHaveLength(2);
    expect([processor.stats().pipeline.frames, processor.stats().pipeline.packetsQuarantined]).toEqual([44, 0]);
  });
});
