/**
 * Behaviour every Bus adapter must show, run against each one (memory in a
 * unit test, Kafka against the mock cluster in an integration test).
 */
import { describe, expect, it } from 'vitest';
import type { Bus, ConsumedBatch, ConsumedMessage } from '../bus';
import { TOPICS } from '../../topics';

interface Collected {
  messages: ConsumedMessage[];
  waitFor(count: number, timeoutMs?: number): Promise<ConsumedMessage[]>;
}

function collector(): Collected & { eachBatch(batch: ConsumedBatch): Promise<void> } {
  const messages: ConsumedMessage[] = [];
  return {
    messages,
    eachBatch: async (batch) => {
      messages.push(...batch.messages);
    },
    waitFor: async (count, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`received ${messages.length} of ${count} messages`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return messages;
    },
  };
}

let groupCounter = 0;
const group = (name: string) => `${name}-${process.pid}-${++groupCounter}`;

export function describeBusContract(name: string, makeBus: () => Bus | Promise<Bus>): void {
  describe(`Bus > ${name}`, () => {
    it('delivers key, value and headers in order within a key, with offsets', async () => {
      const bus = await makeBus();
      try {
        const sink = collector();
        await bus.subscribe({ groupId: group('order'), topics: [TOPICS.rawPower], fromBeginning: true, eachBatch: sink.eachBatch });
        const producer = await bus.producer();
        const sent = Array.from({ length: 20 }, (_, i) => ({
          key: i % 2 ? '101' : '102',
          value: Buffer.from([i, 255 - i]),
          headers: { 'perigee-arrival-ms': String(1000 + i) },
        }));
        await producer.send(TOPICS.rawPower, sent);
        const got = await sink.waitFor(20);
        for (const key of ['101', '102']) {
          const mine = got.filter((m) => m.key === key);
          expect(mine.map((m) => [...m.value])).toEqual(sent.filter((m) => m.key === key).map((m) => [...m.value]));
          expect(mine.map((m) => m.headers['perigee-arrival-ms'])).toEqual(
            sent.filter((m) => m.key === key).map((m) => m.headers['perigee-arrival-ms']),
          );
          const offsets = mine.map((m) => BigInt(m.offset));
          expect(offsets).toEqual([...offsets].sort((a, b) => (a < b ? -1 : 1)));
          expect(new Set(mine.map((m) => m.partition)).size).toBe(1);
        }
        expect(got.every((m) => m.topic === TOPICS.rawPower)).toBe(true);
      } finally {
        await bus.close();
      }
    });

    // Each test below writes to a topic no other test of this contract reads (the Kafka cluster is shared by the file).
    it('hands a backlog over in slices of at most maxBatchMessages, each message once and in order', async () => {
      const bus = await makeBus();
      try {
        const producer = await bus.producer();
        await producer.send(TOPICS.quarantine, Array.from({ length: 60 }, (_, i) => ({ key: '101', value: Buffer.from([i]) })));
        const sizes: number[] = [];
        const sink = collector();
        await bus.subscribe({
          groupId: group('slices'),
          topics: [TOPICS.quarantine],
          fromBeginning: true,
          maxBatchMessages: 7,
          eachBatch: async (batch) => {
            sizes.push(batch.messages.length);
            await sink.eachBatch(batch);
          },
        });
        const got = await sink.waitFor(60);
        expect(got.map((m) => m.value[0])).toEqual(Array.from({ length: 60 }, (_, i) => i));
        expect(Math.max(...sizes)).toBeLessThanOrEqual(7);
        expect(sizes.length).toBeGreaterThanOrEqual(9);
      } finally {
        await bus.close();
      }
    });

    it('takes one send of thousands of messages, each once and in order per key', async () => {
      const bus = await makeBus();
      try {
        const sink = collector();
        await bus.subscribe({ groupId: group('large-send'), topics: [TOPICS.rawAttitude], fromBeginning: true, eachBatch: sink.eachBatch });
        const producer = await bus.producer();
        const sent = Array.from({ length: 3_001 }, (_, i) => ({ key: String(101 + (i % 3)), value: Buffer.from(String(i)) }));
        await producer.send(TOPICS.rawAttitude, sent);
        const got = await sink.waitFor(3_001, 60_000);
        await new Promise((r) => setTimeout(r, 200)); // nothing more arrives
        expect(got).toHaveLength(3_001);
        for (const key of ['101', '102', '103']) {
          expect(got.filter((m) => m.key === key).map((m) => Number(m.value.toString()))).toEqual(
            sent.flatMap((m, i) => (m.key === key ? [i] : [])),
          );
        }
      } finally {
        await bus.close();
      }
    });

    it('handles up to partitionsConcurrently partitions at once, each partition one batch at a time and in order', async () => {
      const bus = await makeBus();
      try {
        const producer = await bus.producer();
        const keys = ['101', '102', '103', '104', '105', '106', '107', '108'];
        await producer.send(TOPICS.aggregates, Array.from({ length: 48 }, (_, i) => ({ key: keys[i % keys.length]!, value: Buffer.from([i]) })));
        let inFlight = 0;
        let most = 0;
        const busy = new Set<number>();
        let overlapInPartition = false;
        const sink = collector();
        await bus.subscribe({
          groupId: group('concurrent'),
          topics: [TOPICS.aggregates],
          fromBeginning: true,
          partitionsConcurrently: 2,
          maxBatchMessages: 3,
          eachBatch: async (batch) => {
            if (busy.has(batch.partition)) overlapInPartition = true;
            busy.add(batch.partition);
            most = Math.max(most, ++inFlight);
            await new Promise((r) => setTimeout(r, 60));
            await sink.eachBatch(batch);
            inFlight--;
            busy.delete(batch.partition);
          },
        });
        const got = await sink.waitFor(48);
        expect(got).toHaveLength(48);
        for (const key of keys) {
          const values = got.filter((m) => m.key === key).map((m) => m.value[0]!);
          expect(values).toEqual([...values].sort((a, b) => a - b));
          expect(values).toHaveLength(6);
        }
        expect(overlapInPartition).toBe(false);
        expect(most).toBeLessThanOrEqual(2);
        // The keys land on several partitions, so two of them were handled at once.
        expect(new Set(got.map((m) => m.partition)).size).toBeGreaterThan(1);
        expect(most).toBe(2);
      } finally {
        await bus.close();
      }
    });

    it('gives two groups the same messages independently', async () => {
      const bus = await makeBus();
      try {
        const a = collector();
        const b = collector();
        await bus.subscribe({ groupId: group('fan-a'), topics: [TOPICS.rawThermal], fromBeginning: true, eachBatch: a.eachBatch });
        await bus.subscribe({ groupId: group('fan-b'), topics: [TOPICS.rawThermal], fromBeginning: true, eachBatch: b.eachBatch });
        const producer = await bus.producer();
        await producer.send(TOPICS.rawThermal, [{ key: '7', value: Buffer.from('x') }, { key: '8', value: Buffer.from('y') }]);
        const values = async (c: Collected) => (await c.waitFor(2)).map((m) => m.value.toString()).sort();
        expect(await values(a)).toEqual(['x', 'y']);
        expect(await values(b)).toEqual(['x', 'y']);
      } finally {
        await bus.close();
      }
    });

    it('redelivers a batch whose handler failed, and commits nothing before it succeeds', async () => {
      const bus = await makeBus();
      try {
        const seen: string[] = [];
        let failures = 0;
        await bus.subscribe({
          groupId: group('retry'),
          topics: [TOPICS.groundStationEvents],
          fromBeginning: true,
          eachBatch: async (batch) => {
            if (failures < 2) {
              failures++;
              throw new Error('store unavailable');
            }
            seen.push(...batch.messages.map((m) => m.value.toString()));
          },
        });
        const producer = await bus.producer();
        await producer.send(TOPICS.groundStationEvents, [{ key: '1', value: Buffer.from('aos') }]);
        const deadline = Date.now() + 20_000;
        while (seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
        expect(failures).toBe(2);
        expect(seen).toEqual(['aos']);
      } finally {
        await bus.close();
      }
    });

    it('resumes right after the offset a consumer recorded itself', async () => {
      const bus = await makeBus();
      try {
        const first = collector();
        await bus.subscribe({ groupId: group('record'), topics: [TOPICS.alerts], fromBeginning: true, eachBatch: first.eachBatch });
        const producer = await bus.producer();
        await producer.send(TOPICS.alerts, Array.from({ length: 10 }, (_, i) => ({ key: 'one-key', value: Buffer.from([i]) })));
        const all = await first.waitFor(10);
        const { partition } = all[0]!;
        const resumed = collector();
        await bus.subscribe({
          groupId: group('resume'),
          topics: [TOPICS.alerts],
          fromBeginning: true,
          eachBatch: resumed.eachBatch,
          resumeAfter: async (_topic, p) => (p === partition ? all[4]!.offset : null),
        });
        await resumed.waitFor(5);
        await new Promise((r) => setTimeout(r, 500));
        const delivered = resumed.messages.filter((m) => BigInt(m.offset) > BigInt(all[4]!.offset)).map((m) => m.value[0]);
        expect(delivered).toEqual([5, 6, 7, 8, 9]);
        expect(new Set(resumed.messages.map((m) => m.value[0]))).toEqual(new Set([5, 6, 7, 8, 9]));
      } finally {
        await bus.close();
      }
    });

    it('answers a ping while open', async () => {
      const bus = await makeBus();
      try {
        await expect(bus.ping()).resolves.toBeUndefined();
      } finally {
        await bus.close();
      }
    });

    it('rejects an undeclared topic with UnknownTopicError', async () => {
      const bus = await makeBus();
      try {
        const producer = await bus.producer();
        await expect(producer.send('telemetry.raw.thermall' as never, [{ key: null, value: Buffer.alloc(1) }])).rejects.toThrow(
          'unknown topic "telemetry.raw.thermall"',
        );
      } finally {
        await bus.close();
      }
    });
  });
}
