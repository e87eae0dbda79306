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

describe('Bus > MemoryBus > bounded topics', () => {
  /** A group that takes one batch each time the test lets it. */
  function gatedReader(bus: MemoryBus, groupId: string, topic: (typeof TOPICS)[keyof typeof TOPICS]) {
    const got: number[] = [];
    const gates: Array<() => void> = [];
    const subscription = bus.subscribe({
      groupId,
      topics: [topic],
      fromBeginning: true,
      eachBatch: async (b) => {
        await new Promise<void>((resolve) => gates.push(resolve));
        got.push(...b.messages.map((m) => m.value.readUInt16BE(0)));
      },
    });
    const settle = () => new Promise((r) => setTimeout(r, 5));
    return {
      got,
      subscription,
      /** Lets the group take its next batch and waits until it has. */
      async step() {
        while (gates.length === 0) await settle();
        gates.shift()!();
        await settle();
      },
      /** Lets the group take batches until `done` settles. */
      async until(done: Promise<unknown>) {
        let settled = false;
        void done.then(() => (settled = true));
        while (!settled) {
          gates.shift()?.();
          await settle();
        }
      },
    };
  }
  const packets = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => ({ key: '101', value: Buffer.from([(from + i) >> 8, (from + i) & 0xff]) }));

  it('holds a send to a bounded topic until every reader has at most the bound unread, losing nothing', async () => {
    const bus = new MemoryBus({ partitionsPerTopic: 1, maxBatchMessages: 10, unreadBound: { topics: [TOPICS.rawPlayback], messagesPerPartition: 25 } });
    const producer = await bus.producer();
    const reader = gatedReader(bus, 'archiver', TOPICS.rawPlayback);
    await reader.subscription;
    let resolved = false;
    const send = producer.send(TOPICS.rawPlayback, packets(0, 60)).then(() => (resolved = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(resolved).toBe(false); // 60 unread > 25
    await reader.step(); // 50 unread
    await reader.step(); // 40
    await reader.step(); // 30
    expect(resolved).toBe(false);
    await reader.step(); // 20 ≤ 25
    expect(resolved).toBe(true);
    await send;
    // Every message was in the log from the send on: the reader gets them all, in order.
    for (let i = 0; i < 2; i++) await reader.step();
    expect(reader.got).toEqual(Array.from({ length: 60 }, (_, i) => i));
    await bus.close();
  });

  it('never holds a send to a topic it does not bound, nor one nobody reads, and a reader that leaves releases its senders', async () => {
    const bus = new MemoryBus({ partitionsPerTopic: 1, maxBatchMessages: 10, drainTimeoutMs: 0, unreadBound: { topics: [TOPICS.rawPlayback], messagesPerPartition: 5 } });
    const producer = await bus.producer();
    await producer.send(TOPICS.rawPlayback, packets(0, 50)); // no reader yet: nothing to wait for
    const live = gatedReader(bus, 'live', TOPICS.rawAttitude);
    await live.subscription;
    await producer.send(TOPICS.rawAttitude, packets(0, 50)); // unbounded topic: resolves with 50 unread
    expect(live.got).toEqual([]);
    const stalled = gatedReader(bus, 'stalled', TOPICS.rawPlayback);
    const subscription = await stalled.subscription;
    let resolved = false;
    const send = producer.send(TOPICS.rawPlayback, packets(50, 10)).then(() => (resolved = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(resolved).toBe(false);
    await stalled.until(subscription.stop()); // the group leaves once the batch in hand is done
    await send;
    expect(resolved).toBe(true);
    for (let i = 0; i < 5; i++) await live.step();
    expect(live.got).toEqual(Array.from({ length: 50 }, (_, i) => i));
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

describe('Bus > MemoryBus > turns of the event loop', () => {
  it('hands a caught-up group its next message within the send, and lets the event loop run between batches of a backlog', async () => {
    const bus = new MemoryBus({ partitionsPerTopic: 1, maxBatchMessages: 10 });
    const producer = await bus.producer();
    const events: string[] = [];
    await bus.subscribe({
      groupId: 'live',
      topics: [TOPICS.rawPower],
      fromBeginning: true,
      eachBatch: async (b) => void events.push(`batch ${b.messages.length}`),
    });
    await producer.send(TOPICS.rawPower, [{ key: 'k', value: Buffer.from([1]) }]);
    await new Promise((r) => setTimeout(r, 10));
    events.length = 0;
    // Caught up: each message is read as it is sent, before any other callback of the event loop runs.
    setImmediate(() => events.push('immediate'));
    await producer.send(TOPICS.rawPower, [{ key: 'k', value: Buffer.from([2]) }]);
    for (let i = 0; i < 10; i++) await Promise.resolve();
    await producer.send(TOPICS.rawPower, [{ key: 'k', value: Buffer.from([3]) }]);
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(events).toEqual(['batch 1', 'batch 1']);
    await new Promise((r) => setTimeout(r, 10));
    expect(events).toEqual(['batch 1', 'batch 1', 'immediate']);

    // A backlog of three batches: I/O and timers get a turn between them.
    events.length = 0;
    await producer.send(TOPICS.rawPower, Array.from({ length: 30 }, (_, i) => ({ key: 'k', value: Buffer.from([i]) })));
    setImmediate(() => events.push('immediate'));
    await new Promise((r) => setTimeout(r, 20));
    expect(events.slice(0, 2)).toEqual(['batch 10', 'immediate']);
    expect(events.filter((e) => e.startsWith('batch'))).toEqual(['batch 10', 'batch 10', 'batch 10']);
    await bus.close();
  });
});

describe('Bus > MemoryBus > backlog', () => {
  it('marks the batches of a group working off a backlog, and no longer once it kept up for a second', async () => {
    const bus = new MemoryBus({ partitionsPerTopic: 1, maxBatchMessages: 100 });
    const producer = await bus.producer();
    const send = (from: number, n: number) =>
      producer.send(
        TOPICS.rawAttitude,
        Array.from({ length: n }, (_, i) => ({ key: '101', value: Buffer.from(String(from + i)) })),
      );
    await send(0, 700);
    const seen: Array<{ first: string; n: number; backlog: boolean | undefined }> = [];
    let arrived = () => {};
    const subscription = await bus.subscribe({
      groupId: 'backlog',
      topics: [TOPICS.rawAttitude],
      fromBeginning: true,
      eachBatch: async (b) => {
        seen.push({ first: b.messages[0]!.value.toString(), n: b.messages.length, backlog: b.backlog });
        arrived();
      },
    });
    const until = (count: number) =>
      new Promise<void>((resolve) => {
        arrived = () => seen.length >= count && resolve();
        arrived();
      });
    await until(7);
    // The first batch ended 600 messages short of the end; the rest follow within the second it marks.
    expect(seen).toEqual(Array.from({ length: 7 }, (_, i) => ({ first: String(i * 100), n: 100, backlog: true })));
    await new Promise((r) => setTimeout(r, 1_100));
    await send(700, 1);
    await until(8);
    expect(seen[7]).toEqual({ first: '700', n: 1, backlog: false });
    await subscription.stop();
    await bus.close();
  });
});
