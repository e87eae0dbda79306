import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { TOPICS } from '../../topics';
import type { ConsumedBatch } from '../../ports/bus';
import { createLogger } from '../../log';
import { describeBusContract } from '../../ports/testing/bus-contract';
import { KafkaBus } from './kafka-bus';
import { startKafkaMockCluster, type KafkaMockCluster } from './testing/kafka-mock-cluster';

let cluster: KafkaMockCluster;
beforeAll(async () => {
  cluster = await startKafkaMockCluster();
});
afterAll(async () => {
  await cluster?.stop();
});

const log = createLogger({ level: 'error', namespace: 'test' });
describeBusContract('KafkaBus (librdkafka mock cluster)', () => new KafkaBus({ brokers: cluster.brokers, clientId: 'perigee-test', log, retryDelayMs: 100 }));

describe('Bus > KafkaBus > unreachable brokers', () => {
  it('fails with BusUnavailableError naming KAFKA_BROKERS', async () => {
    const bus = new KafkaBus({ brokers: ['127.0.0.1:1'], clientId: 'perigee-test', log: createLogger({ level: 'error', write: () => {} }) });
    await expect(bus.producer()).rejects.toMatchObject({
      name: 'BusUnavailableError',
      retriable: true,
      message: 'cannot connect producer to Kafka (127.0.0.1:1); check KAFKA_BROKERS',
    });
    await bus.close();
  }, 60_000);
});

describe('Bus > KafkaBus > background commits', () => {
  it('continues after what it handled when the group subscribes again', async () => {
    // A short session: the group's next member joins without waiting out the one that left.
    const bus = new KafkaBus({ brokers: cluster.brokers, clientId: 'perigee-test', log, sessionTimeoutMs: 6000 });
    try {
      const groupId = `background-again-${process.pid}`;
      const marker = `${groupId}:`;
      const read = (into: string[]) => async (b: ConsumedBatch) => {
        for (const m of b.messages) if (m.value.toString().startsWith(marker)) into.push(m.value.toString().slice(marker.length));
      };
      const waitFor = async (values: string[], count: number) => {
        const deadline = Date.now() + 20_000;
        while (values.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      };
      const first: string[] = [];
      const subscription = await bus.subscribe({ groupId, topics: [TOPICS.rawPower], fromBeginning: true, eachBatch: read(first), commitIntervalMs: 60_000 });
      const producer = await bus.producer();
      await producer.send(TOPICS.rawPower, ['a', 'b', 'c'].map((v, i) => ({ key: String(i), value: Buffer.from(marker + v) })));
      await waitFor(first, 3);
      // Long before the timer: stop() commits what was handled.
      await subscription.stop();
      await producer.send(TOPICS.rawPower, ['d', 'e'].map((v, i) => ({ key: String(i), value: Buffer.from(marker + v) })));
      const again: string[] = [];
      await bus.subscribe({ groupId, topics: [TOPICS.rawPower], fromBeginning: true, eachBatch: read(again), commitIntervalMs: 60_000 });
      await waitFor(again, 2);
      await new Promise((r) => setTimeout(r, 500));
      expect(first.sort()).toEqual(['a', 'b', 'c']);
      expect(again.sort()).toEqual(['d', 'e']);
    } finally {
      await bus.close();
    }
  }, 60_000);

  it('commits what a background-committing group handled on its timer, while it keeps running', async () => {
    const bus = new KafkaBus({ brokers: cluster.brokers, clientId: 'perigee-test', log });
    const admin = new Kafka({ brokers: cluster.brokers, clientId: 'perigee-test-admin', logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const groupId = `background-timer-${process.pid}`;
      let handled = 0;
      await bus.subscribe({ groupId, topics: [TOPICS.rawAttitude], fromBeginning: true, commitIntervalMs: 200, eachBatch: async (b) => void (handled += b.messages.length) });
      const producer = await bus.producer();
      await producer.send(TOPICS.rawAttitude, Array.from({ length: 8 }, (_, i) => ({ key: String(i), value: Buffer.from([i]) })));
      const ends = new Map((await admin.fetchTopicOffsets(TOPICS.rawAttitude)).map((p) => [p.partition, p.high]));
      const written = [...ends.values()].reduce((n, high) => n + Number(high), 0);
      const deadline = Date.now() + 20_000;
      while (handled < written && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      expect(handled).toBe(written);
      // Committed on the timer: every partition's committed offset reaches its end, with the group still running.
      let committed = new Map<number, string>();
      while (Date.now() < deadline) {
        const [topic] = await admin.fetchOffsets({ groupId, topics: [TOPICS.rawAttitude] });
        committed = new Map(topic!.partitions.map((p) => [p.partition, p.offset]));
        if ([...ends].every(([partition, high]) => high === '0' || committed.get(partition) === high)) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect([...ends].filter(([, high]) => high !== '0').map(([partition, high]) => [partition, committed.get(partition)])).toEqual(
        [...ends].filter(([, high]) => high !== '0').map(([partition, high]) => [partition, high]),
      );
    } finally {
      await admin.disconnect();
      await bus.close();
    }
  }, 60_000);
});

describe('Bus > KafkaBus > gathering fetches', () => {
  const keyed = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ key: 'one-partition', value: Buffer.from(`${prefix}${i}`) }));

  it('hands a backlog over in batches of maxBatchMessages although each fetch brings one produced batch, every message once and in order', async () => {
    const bus = new KafkaBus({ brokers: cluster.brokers, clientId: 'perigee-test', log });
    try {
      const producer = await bus.producer();
      // Ten produced batches of 20 on one partition: the mock cluster returns one of them per fetch.
      for (let send = 0; send < 10; send++) await producer.send(TOPICS.rawPlayback, keyed(`${send}-`, 20));
      const read = async (options: { gather: boolean }) => {
        const batches: string[][] = [];
        const subscription = await bus.subscribe({
          groupId: `gather-${options.gather}-${process.pid}`,
          topics: [TOPICS.rawPlayback],
          fromBeginning: true,
          maxBatchMessages: 100,
          ...options,
          eachBatch: async (b) => void batches.push(b.messages.map((m) => m.value.toString())),
        });
        const deadline = Date.now() + 20_000;
        while (batches.flat().length < 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
        await subscription.stop();
        return batches;
      };
      const each = await read({ gather: false });
      const gathered = await read({ gather: true });
      const sent = Array.from({ length: 10 }, (_, send) => Array.from({ length: 20 }, (_, i) => `${send}-${i}`)).flat();
      expect(each.map((b) => b.length)).toEqual(Array(10).fill(20));
      expect(gathered.map((b) => b.length)).toEqual([100, 100]);
      expect(gathered.flat()).toEqual(sent);
    } finally {
      await bus.close();
    }
  }, 60_000);

  it('hands over at once what a caught-up partition fetched, and a group subscribing again continues after what it handled', async () => {
    const bus = new KafkaBus({ brokers: cluster.brokers, clientId: 'perigee-test', log, sessionTimeoutMs: 6000 });
    try {
      const groupId = `gather-live-${process.pid}`;
      const batches: string[][] = [];
      const options = { groupId, topics: [TOPICS.samples], fromBeginning: true, maxBatchMessages: 1000, gather: true, eachBatch: async (b: ConsumedBatch) => void batches.push(b.messages.map((m) => m.value.toString())) };
      const subscription = await bus.subscribe(options);
      const producer = await bus.producer();
      await producer.send(TOPICS.samples, keyed('a', 5));
      const deadline = Date.now() + 20_000;
      while (batches.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      // Far fewer than maxBatchMessages, and nothing more on the partition: no waiting for companions.
      expect(batches).toEqual([['a0', 'a1', 'a2', 'a3', 'a4']]);
      await subscription.stop();
      await producer.send(TOPICS.samples, keyed('b', 3));
      batches.length = 0;
      await bus.subscribe(options);
      while (batches.flat().length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      await new Promise((r) => setTimeout(r, 500));
      expect(batches.flat()).toEqual(['b0', 'b1', 'b2']);
    } finally {
      await bus.close();
    }
  }, 60_000);

  it('refuses to gather without maxBatchMessages', async () => {
    const bus = new KafkaBus({ brokers: cluster.brokers, clientId: 'perigee-test', log });
    try {
      await expect(bus.subscribe({ groupId: 'gather-unbounded', topics: [TOPICS.samples], fromBeginning: true, gather: true, eachBatch: async () => {} })).rejects.toThrow(/gather needs maxBatchMessages/);
    } finally {
      await bus.close();
    }
  });
});

describe('Bus > KafkaBus > backlog', () => {
  it('marks the batches of a group working off a backlog, and no longer once it kept up for a second', async () => {
    const bus = new KafkaBus({ brokers: cluster.brokers, clientId: 'perigee-test', log });
    try {
      const producer = await bus.producer();
      // Seven produced batches of 100 on one partition: the mock cluster returns one per fetch, so the first ends 600 short.
      for (let send = 0; send < 7; send++) {
        await producer.send(TOPICS.rawPackets, Array.from({ length: 100 }, (_, i) => ({ key: 'one-partition', value: Buffer.from(String(send * 100 + i)) })));
      }
      const seen: Array<{ first: string; n: number; backlog: boolean | undefined }> = [];
      const subscription = await bus.subscribe({
        groupId: `backlog-${process.pid}`,
        topics: [TOPICS.rawPackets],
        fromBeginning: true,
        eachBatch: async (b) => void seen.push({ first: b.messages[0]!.value.toString(), n: b.messages.length, backlog: b.backlog }),
      });
      const until = async (count: number) => {
        const deadline = Date.now() + 20_000;
        while (seen.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      };
      await until(7);
      expect(seen).toEqual(Array.from({ length: 7 }, (_, i) => ({ first: String(i * 100), n: 100, backlog: true })));
      await new Promise((r) => setTimeout(r, 1_100));
      await producer.send(TOPICS.rawPackets, [{ key: 'one-partition', value: Buffer.from('700') }]);
      await until(8);
      expect(seen[7]).toEqual({ first: '700', n: 1, backlog: false });
      await subscription.stop();
    } finally {
      await bus.close();
    }
  }, 60_000);
});
