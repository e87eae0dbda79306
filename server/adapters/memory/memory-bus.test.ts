import { describe, expect, it } from 'vitest';
import { describeBusContract } from '../../ports/testing/bus-contract';
import { TOPICS } from '../../topics';
import { MemoryBus } from './memory-bus';

describeBusContract('MemoryBus', () => new MemoryBus({ retryDelayMs: 10 }));

describe('Bus > MemoryBus > retention', () => {
  it('keeps the newest messages per partition and resumes a slow group at the oldest retained', async () => {
    const bus = new MemoryBus({ partitionsPerTopic: 1, retainedMessagesPerPartition: 10, now: () => 5 });
    const producer = await bus.producer();
    await producer.send(TOPICS.rawPower, Array.from({ length: 30 }, (_, i) => ({ key: 'k', value: Buffer.from([i]) })));
    const got: number[] = [];
    const offsets: string[] = [];
    await bus.subscribe({
      groupId: 'late',
      topics: [TOPICS.rawPower],
      fromBeginning: true,
      eachBatch: async (b) => {
        got.push(...b.messages.map((m) => m.value[0]!));
        offsets.push(...b.messages.map((m) => m.offset));
      },
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(got).toEqual(Array.from({ length: 10 }, (_, i) => 20 + i));
    expect(offsets[0]).toBe('5020'); // the log's offsets start at its creation time in µs (5 ms)
    await bus.close();
  });

  it('keeps of what every group has read only a tail, and never drops what a group has not read yet', async () => {
    const bus = new MemoryBus({ partitionsPerTopic: 1, keptConsumedMessagesPerPartition: 200, now: () => 5 });
    const producer = await bus.producer();
    const send = (from: number, n: number) =>
      producer.send(TOPICS.rawPower, Array.from({ length: n }, (_, i) => ({ key: 'k', value: Buffer.from(String(from + i)) })));
    const read = { fast: [] as number[], slow: [] as number[] };
    let slowMayRead = false;
    await bus.subscribe({ groupId: 'fast', topics: [TOPICS.rawPower], fromBeginning: true, eachBatch: async (b) => void read.fast.push(...b.messages.map((m) => Number(m.value.toString()))) });
    await bus.subscribe({
      groupId: 'slow',
      topics: [TOPICS.rawPower],
      fromBeginning: true,
      eachBatch: async (b) => {
        while (!slowMayRead) await new Promise((r) => setTimeout(r, 5));
        read.slow.push(...b.messages.map((m) => Number(m.value.toString())));
      },
    });
    for (let i = 0; i < 2_000; i += 100) {
      await send(i, 100);
      await new Promise((r) => setTimeout(r, 2));
    }
    await new Promise((r) => setTimeout(r, 50));
    // The slow group has read nothing: all 2,000 are kept for it.
    const lateFromStart = async (groupId: string) => {
      const got: number[] = [];
      await bus.subscribe({ groupId, topics: [TOPICS.rawPower], fromBeginning: true, eachBatch: async (b) => void got.push(...b.messages.map((m) => Number(m.value.toString()))) });
      await new Promise((r) => setTimeout(r, 50));
      return got;
    };
    expect((await lateFromStart('late-1')).length).toBe(2_000);
    slowMayRead = true;
    while (read.slow.length < 2_000) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 20));
    // Everyone has read everything: with nothing more written, all but a tail of 200 (+10 % at most) is gone.
    expect(read.fast).toEqual(Array.from({ length: 2_000 }, (_, i) => i));
    expect(read.slow).toEqual(Array.from({ length: 2_000 }, (_, i) => i));
    const tail = await lateFromStart('late-2');
    expect(tail.length).toBeGreaterThanOrEqual(200);
    expect(tail.length).toBeLessThanOrEqual(320);
    expect(tail).toEqual(Array.from({ length: tail.length }, (_, i) => 2_000 - tail.length + i));
    await bus.close();
  });

  it('starts a group without history at the end when fromBeginning is false', async () => {
    const bus = new MemoryBus();
    const producer = await bus.producer();
    await producer.send(TOPICS.samples, [{ key: '1', value: Buffer.from('old') }]);
    const got: string[] = [];
    await bus.subscribe({ groupId: 'live', topics: [TOPICS.samples], fromBeginning: false, eachBatch: async (b) => void got.push(...b.messages.map((m) => m.value.toString())) });
    await producer.send(TOPICS.samples, [{ key: '1', value: Buffer.from('new') }]);
    await new Promise((r) => setTimeout(r, 20));
    expect(got).toEqual(['new']);
    await bus.close();
  });
});

describe('Bus > MemoryBus > offsets', () => {
  it('never reuses the offsets of an earlier log, so an archive that recorded them keeps storing', async () => {
    let clock = 1_795_000_000_000;
    const offsetsOf = async (bus: MemoryBus) => {
      const producer = await bus.producer();
      await producer.send(TOPICS.rawPower, [{ key: '101', value: Buffer.from('p') }]);
      const got: string[] = [];
      await bus.subscribe({ groupId: 'g', topics: [TOPICS.rawPower], fromBeginning: true, eachBatch: async (b) => void got.push(...b.messages.map((m) => m.offset)) });
      await new Promise((r) => setTimeout(r, 20));
      await bus.close();
      return got;
    };
    const first = await offsetsOf(new MemoryBus({ now: () => clock }));
    clock += 1;
    const second = await offsetsOf(new MemoryBus({ now: () => clock }));
    expect(first).toEqual(['1795000000000000']);
    expect(second).toEqual(['1795000000001000']);
  });
});

describe('Bus > MemoryBus > batch size', () => {
  it("hands a backlog over in the bus's batches, or in the larger or smaller ones a subscriber asks for", async () => {
    const bus = new MemoryBus({ maxBatchMessages: 10 });
    const producer = await bus.producer();
    await producer.send(
      TOPICS.rawAttitude,
      Array.from({ length: 60 }, (_, i) => ({ key: '101', value: Buffer.from([i]) })),
    );
    const sizesOf = async (groupId: string, maxBatchMessages?: number) => {
      const sizes: number[] = [];
      const got: number[] = [];
      const subscription = await bus.subscribe({
        groupId,
        topics: [TOPICS.rawAttitude],
        fromBeginning: true,
        ...(maxBatchMessages === undefined ? {} : { maxBatchMessages }),
        eachBatch: async (b) => {
          sizes.push(b.messages.length);
          got.push(...b.messages.map((m) => m.value[0]!));
        },
      });
      await subscription.stop();
      expect(got).toEqual(Array.from({ length: 60 }, (_, i) => i));
      return sizes;
    };
    expect(await sizesOf('default')).toEqual([10, 10, 10, 10, 10, 10]);
    expect(await sizesOf('larger', 25)).toEqual([25, 25, 10]);
    expect(await sizesOf('smaller', 4)).toEqual([4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4]);
    await bus.close();
  });
});

describe('Bus > MemoryBus > stop', () => {
  it('delivers the backlog before leaving, since the log dies with the process', async () => {
    const bus = new MemoryBus({ maxBatchMessages: 10 });
    const producer = await bus.producer();
    const got: number[] = [];
    const subscription = await bus.subscribe({
      groupId: 'drain',
      topics: [TOPICS.rawAttitude],
      fromBeginning: true,
      eachBatch: async (b) => {
        await new Promise((r) => setTimeout(r, 2));
        got.push(...b.messages.map((m) => m.value.readUInt16BE(0)));
      },
    });
    const values = Array.from({ length: 300 }, (_, i) => i);
    await producer.send(
      TOPICS.rawAttitude,
      values.map((i) => ({ key: String(i % 3), value: Buffer.from([i >> 8, i & 0xff]) })),
    );
    await subscription.stop();
    expect(got.sort((a, b) => a - b)).toEqual(values);
    await bus.close();
  });
});
