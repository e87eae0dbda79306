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
