import { beforeEach, describe, expect, it } from 'vitest';
import { useSuiteDatabase } from '../testing/suite-database';
import { withTransaction } from '../transaction';
import { advanceConsumerOffsets } from './advance-consumer-offset';
import { lockConsumerOffsets, type PartitionKey } from './lock-consumer-offset';

const suite = useSuiteDatabase();

const key = (topic: string, partition: number, consumerGroup = 'perigee-archiver'): PartitionKey => ({ consumerGroup, topic, partition });
const power0 = key('telemetry.raw.power', 0);
const power3 = key('telemetry.raw.power', 3);
const samples1 = key('telemetry.samples', 1);

async function stored() {
  const { rows } = await suite.db.pool.query<{ consumer_group: string; topic: string; partition: number; offset: string; log_id: string | null }>(
    'SELECT consumer_group, topic, partition, "offset", log_id FROM consumer_offsets ORDER BY consumer_group, topic, partition',
  );
  return rows.map((r) => `${r.consumer_group} ${r.topic}[${r.partition}] ${r.offset} ${r.log_id ?? '-'}`);
}

describe('consumer offsets, every partition of a transaction in one statement', () => {
  beforeEach(async () => {
    await suite.db.pool.query('TRUNCATE consumer_offsets');
  });

  it('creates the rows of new partitions and answers each key in the order asked, whatever order the rows come back in', async () => {
    await suite.db.pool.query(`INSERT INTO consumer_offsets (consumer_group, topic, partition, "offset", log_id) VALUES ('perigee-archiver', 'telemetry.samples', 1, 900, 'cluster-a')`);
    const recorded = await withTransaction(suite.db.pool, 'test', (client) => lockConsumerOffsets(client, [power3, samples1, power0]));
    expect(recorded).toEqual([
      { offset: null, logId: null },
      { offset: 900n, logId: 'cluster-a' },
      { offset: null, logId: null },
    ]);
    expect(await stored()).toEqual([
      'perigee-archiver telemetry.raw.power[0] -1 -',
      'perigee-archiver telemetry.raw.power[3] -1 -',
      'perigee-archiver telemetry.samples[1] 900 cluster-a',
    ]);
    expect(await withTransaction(suite.db.pool, 'test', (client) => lockConsumerOffsets(client, []))).toEqual([]);
  });

  it('keeps groups apart: the same topic and partition of another group is another row', async () => {
    const other = key('telemetry.raw.power', 0, 'perigee-archiver-alarms');
    await withTransaction(suite.db.pool, 'test', async (client) => {
      await lockConsumerOffsets(client, [power0, other]);
      expect(await advanceConsumerOffsets(client, [{ key: other, offset: 12n }])).toBe(1);
    });
    expect(await stored()).toEqual(['perigee-archiver telemetry.raw.power[0] -1 -', 'perigee-archiver-alarms telemetry.raw.power[0] 12 -']);
  });

  it('advances several partitions at once, never backwards unless rewound, and keeps a known log id when none is given', async () => {
    await withTransaction(suite.db.pool, 'test', async (client) => {
      await lockConsumerOffsets(client, [power0, power3, samples1]);
      expect(await advanceConsumerOffsets(client, [{ key: power0, offset: 41n, logId: 'cluster-a' }, { key: power3, offset: 7n }, { key: samples1, offset: 300n, logId: 'cluster-a' }])).toBe(3);
    });
    await withTransaction(suite.db.pool, 'test', async (client) => {
      const [p0, p3, s1] = await lockConsumerOffsets(client, [power0, power3, samples1]);
      expect([p0, p3, s1]).toEqual([{ offset: 41n, logId: 'cluster-a' }, { offset: 7n, logId: null }, { offset: 300n, logId: 'cluster-a' }]);
      // power0 behind its record: unchanged; power3 ahead: moved; samples1 behind but rewound (a new log): moved back.
      expect(await advanceConsumerOffsets(client, [{ key: power0, offset: 40n }, { key: power3, offset: 8n }, { key: samples1, offset: 5n, rewind: true, logId: 'cluster-b' }])).toBe(2);
    });
    expect(await stored()).toEqual([
      'perigee-archiver telemetry.raw.power[0] 41 cluster-a',
      'perigee-archiver telemetry.raw.power[3] 8 -',
      'perigee-archiver telemetry.samples[1] 5 cluster-b',
    ]);
  });

  it('holds the locked rows until the transaction ends: a second transaction on one of them waits, then reads what the first recorded', async () => {
    const events: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = withTransaction(suite.db.pool, 'first', async (client) => {
      await lockConsumerOffsets(client, [power0, power3]);
      events.push('first locked');
      await held;
      await advanceConsumerOffsets(client, [{ key: power3, offset: 99n }]);
      events.push('first commits');
    });
    while (events.length === 0) await new Promise((r) => setTimeout(r, 10));
    const second = withTransaction(suite.db.pool, 'second', async (client) => {
      const [p3] = await lockConsumerOffsets(client, [power3]);
      events.push(`second read ${p3!.offset}`);
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(events).toEqual(['first locked']);
    release();
    await Promise.all([first, second]);
    expect(events).toEqual(['first locked', 'first commits', 'second read 99']);
  });
});
