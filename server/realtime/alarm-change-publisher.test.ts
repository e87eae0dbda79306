import { describe, expect, it } from 'vitest';
import { MemoryBus } from '../adapters/memory/memory-bus';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import type { AlarmChange } from '../domain/alarms/alarm-change';
import { silentLogger } from '../log';
import type { ConsumedMessage } from '../ports/bus';
import { TOPICS } from '../topics';
import { archiveRecord } from '../worker/archive-record';
import { alarmChangePublisher } from './alarm-change-publisher';

const CHANGE: AlarmChange = {
  alarmId: 42,
  satelliteId: 101,
  ruleId: 'thermal-overtemperature',
  subject: 'thermal.node_017',
  severity: 'critical',
  version: 3,
  state: 'acknowledged',
  action: 'acknowledge',
  actor: 'olga',
  atMs: 1_795_000_000_000,
};

describe('alarm transitions on telemetry.alerts', () => {
  it('publishes an operator\'s transition under its own contract, which the archiver checks and does not store again', async () => {
    const bus = new MemoryBus({ retryDelayMs: 10 });
    const seen: ConsumedMessage[] = [];
    await bus.subscribe({ groupId: 'pager', topics: [TOPICS.alerts], fromBeginning: true, eachBatch: async (b) => void seen.push(...b.messages) });
    await alarmChangePublisher(bus, silentLogger)(CHANGE);
    await expect.poll(() => seen.length).toBe(1);
    const [message] = seen;
    expect(message!.key).toBe('101');
    expect(message!.headers['perigee-schema']).toBe('alarm-transition@1');
    expect(JSON.parse(message!.value.toString())).toEqual(CHANGE);

    const mdb = defaultMissionDatabase();
    expect(archiveRecord(mdb, message!)).toEqual({ offset: message!.offset });
    // A malformed transition is quarantined with its reason, like any unreadable message.
    const broken = archiveRecord(mdb, { ...message!, value: Buffer.from(JSON.stringify({ ...CHANGE, severity: 'dire' })) });
    expect(broken.quarantine).toMatchObject({ reason: 'bad-message', stage: 'worker' });
    expect(broken.quarantine!.detail).toMatch(/^telemetry\.alerts: alarm-transition@1 severity: /);
    await bus.close();
  });
});
