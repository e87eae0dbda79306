import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../log';
import type { BusMessage, BusProducer } from '../ports/bus';
import { TOPICS, type Topic } from '../topics';
import { BatchingProducer } from './batching-producer';

const log = createLogger({ level: 'error', namespace: 'test' });

function recordingProducer() {
  const sends: Array<{ topic: Topic; values: number[] }> = [];
  const producer: BusProducer = {
    send: async (topic: Topic, messages: readonly BusMessage[]) => void sends.push({ topic, values: messages.map((m) => m.value[0]!) }),
  } as BusProducer;
  return { producer, sends };
}

const message = (i: number): BusMessage => ({ key: 'k', value: Buffer.from([i]) });
const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('Ingest > batching producer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('with no linger, sends what one piece of synchronous work enqueued in one send per topic, without waiting for a timer', async () => {
    vi.useFakeTimers();
    const { producer, sends } = recordingProducer();
    const batching = new BatchingProducer({ producer, log, lingerMs: 0 });
    for (let i = 0; i < 3; i++) batching.enqueue(TOPICS.rawPower, message(i));
    batching.enqueue(TOPICS.rawAttitude, message(9));
    expect(sends).toEqual([]);
    await settle(); // no timer advanced
    expect(sends).toEqual([
      { topic: TOPICS.rawPower, values: [0, 1, 2] },
      { topic: TOPICS.rawAttitude, values: [9] },
    ]);
    batching.enqueue(TOPICS.rawPower, message(3));
    await settle();
    expect(sends.at(-1)).toEqual({ topic: TOPICS.rawPower, values: [3] });
    expect(batching.pending).toBe(0);
  });

  it('with a linger, holds messages for companions until it passes', async () => {
    vi.useFakeTimers();
    const { producer, sends } = recordingProducer();
    const batching = new BatchingProducer({ producer, log, lingerMs: 5 });
    batching.enqueue(TOPICS.rawPower, message(0));
    await settle();
    vi.advanceTimersByTime(4);
    batching.enqueue(TOPICS.rawPower, message(1));
    await settle();
    expect(sends).toEqual([]);
    expect(batching.pending).toBe(2);
    vi.advanceTimersByTime(1);
    await settle();
    expect(sends).toEqual([{ topic: TOPICS.rawPower, values: [0, 1] }]);
  });

  it('sends a full batch at once whatever the linger', async () => {
    vi.useFakeTimers();
    const { producer, sends } = recordingProducer();
    const batching = new BatchingProducer({ producer, log, lingerMs: 1000, maxBatchMessages: 3 });
    for (let i = 0; i < 4; i++) batching.enqueue(TOPICS.rawPower, message(i));
    await settle();
    expect(sends).toEqual([{ topic: TOPICS.rawPower, values: [0, 1, 2] }, { topic: TOPICS.rawPower, values: [3] }]);
  });

  it("sends a flush's topics together, and what arrives while they wait for acknowledgement in the next flush, in order", async () => {
    const started: Array<{ topic: Topic; values: number[]; ack: () => void }> = [];
    const producer: BusProducer = {
      send: (topic: Topic, messages: readonly BusMessage[]) =>
        new Promise<void>((ack) => void started.push({ topic, values: messages.map((m) => m.value[0]!), ack })),
    } as BusProducer;
    const batching = new BatchingProducer({ producer, log });
    batching.enqueue(TOPICS.rawPower, message(0));
    batching.enqueue(TOPICS.rawAttitude, message(1));
    batching.enqueue(TOPICS.rawThermal, message(2));
    await settle();
    // All three topics in flight at once: none waits for another's round trip.
    expect(started.map(({ topic, values }) => ({ topic, values }))).toEqual([
      { topic: TOPICS.rawPower, values: [0] },
      { topic: TOPICS.rawAttitude, values: [1] },
      { topic: TOPICS.rawThermal, values: [2] },
    ]);
    // Arriving meanwhile, in separate turns: they wait for the flush in flight, then go in one send per topic.
    batching.enqueue(TOPICS.rawPower, message(3));
    await settle();
    batching.enqueue(TOPICS.rawPower, message(4));
    batching.enqueue(TOPICS.rawThermal, message(5));
    await settle();
    expect(started).toHaveLength(3);
    expect(batching.pending).toBe(6);
    started[0]!.ack();
    started[1]!.ack();
    await settle();
    expect(started).toHaveLength(3); // the thermal send is still in flight
    started[2]!.ack();
    await settle();
    expect(started.slice(3).map(({ topic, values }) => ({ topic, values }))).toEqual([
      { topic: TOPICS.rawPower, values: [3, 4] },
      { topic: TOPICS.rawThermal, values: [5] },
    ]);
    expect(batching.pending).toBe(3);
    for (const s of started.slice(3)) s.ack();
    await settle();
    expect(batching.pending).toBe(0);
  });
});
