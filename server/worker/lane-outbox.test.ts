/**
 * LaneOutbox: a batch's outputs are held until the bus has them, and a
 * redelivery of the same messages sends the held outputs instead of
 * having them processed again. The producer here records what it is given
 * and refuses sends on request, as a bus that lost its brokers does.
 */
import { describe, expect, it } from 'vitest';
import type { BusMessage, BusProducer, ConsumedBatch, ConsumedMessage } from '../ports/bus';
import { TOPICS, type Topic } from '../topics';
import { LaneOutbox } from './lane-outbox';

function recordingProducer() {
  const sent: Array<[Topic, string[]]> = [];
  const refuse = new Set<Topic>();
  const producer: BusProducer = {
    send: async (topic, messages) => {
      if (refuse.has(topic)) throw new Error(`${topic}: broker unavailable`);
      sent.push([topic, messages.map((m) => m.value.toString())]);
    },
  };
  return { producer, sent, refuse };
}

function batch(partition: number, offsets: number[]): ConsumedBatch {
  const messages: ConsumedMessage[] = offsets.map((o) => ({ topic: TOPICS.rawPower, partition, offset: String(o), key: '101', value: Buffer.from(`packet ${o}`), headers: {}, timestampMs: 0 }));
  return { topic: TOPICS.rawPower, partition, messages, highWatermark: String(offsets[offsets.length - 1]! + 1) };
}

const out = (...values: string[]): BusMessage[] => values.map((v) => ({ key: '101', value: Buffer.from(v) }));

describe('LaneOutbox', () => {
  it('passes every message of a first delivery through and sends its outputs, each topic once', async () => {
    const { producer, sent } = recordingProducer();
    const outbox = new LaneOutbox(producer);
    const b = batch(0, [10, 11, 12]);
    expect(outbox.unprocessed(b).map((m) => m.offset)).toEqual(['10', '11', '12']);
    await outbox.publish(b, [[TOPICS.samples, out('s10', 's11', 's12')], [TOPICS.quarantine, []]]);
    expect(sent).toEqual([[TOPICS.samples, ['s10', 's11', 's12']]]);
    expect(outbox.stats()).toEqual({ failedSends: 0, redelivered: 0, heldMessages: 0 });
  });

  it('holds the outputs of a failed send; the redelivery is not processed again and sends them, then only newer messages count as new', async () => {
    const { producer, sent, refuse } = recordingProducer();
    const outbox = new LaneOutbox(producer);
    refuse.add(TOPICS.samples);
    const first = batch(2, [40, 41]);
    outbox.unprocessed(first);
    await expect(outbox.publish(first, [[TOPICS.samples, out('s40', 's41')], [TOPICS.quarantine, out('q41')]])).rejects.toThrow('broker unavailable');
    // The quarantine send went through: only the samples are held.
    expect(sent).toEqual([[TOPICS.quarantine, ['q41']]]);
    expect(outbox.stats()).toEqual({ failedSends: 1, redelivered: 0, heldMessages: 2 });

    // Redelivered with one more message behind it (a bus may hand over more the second time).
    refuse.clear();
    const again = batch(2, [40, 41, 42]);
    expect(outbox.unprocessed(again).map((m) => m.offset)).toEqual(['42']);
    await outbox.publish(again, [[TOPICS.samples, out('s42')]]);
    expect(sent.slice(1)).toEqual([[TOPICS.samples, ['s40', 's41', 's42']]]);
    expect(outbox.stats()).toEqual({ failedSends: 1, redelivered: 2, heldMessages: 0 });

    // Nothing held any more: a later delivery of the same offsets (the group rewound) goes to the lane, whose dedupe drops it.
    expect(outbox.unprocessed(batch(2, [41, 42])).map((m) => m.offset)).toEqual(['41', '42']);
  });

  it('keeps partitions apart, and messages of a rewind from before the held ones go through', async () => {
    const { producer, sent, refuse } = recordingProducer();
    const outbox = new LaneOutbox(producer);
    refuse.add(TOPICS.samples);
    await expect(outbox.publish(batch(1, [100, 101]), [[TOPICS.samples, out('a100', 'a101')]])).rejects.toThrow();
    await expect(outbox.publish(batch(3, [7]), [[TOPICS.samples, out('b7')]])).rejects.toThrow();
    expect(outbox.stats().heldMessages).toBe(3);
    refuse.clear();
    // Partition 1 again from its last commit (98): 98 and 99 are processed, 100–101 come from the outbox.
    const rewound = batch(1, [98, 99, 100, 101]);
    expect(outbox.unprocessed(rewound).map((m) => m.offset)).toEqual(['98', '99']);
    await outbox.publish(rewound, [[TOPICS.samples, []]]);
    expect(sent).toEqual([[TOPICS.samples, ['a100', 'a101']]]);
    // Partition 3's outputs are still held for its own redelivery.
    expect(outbox.stats()).toEqual({ failedSends: 2, redelivered: 2, heldMessages: 1 });
    await outbox.publish(batch(3, [7]), []);
    expect(sent[1]).toEqual([TOPICS.samples, ['b7']]);
  });

  it('fails again while the bus refuses, holding the first outputs and the newer ones in order', async () => {
    const { producer, sent, refuse } = recordingProducer();
    const outbox = new LaneOutbox(producer);
    refuse.add(TOPICS.alerts);
    await expect(outbox.publish(batch(0, [5]), [[TOPICS.alerts, out('a5')]])).rejects.toThrow();
    await expect(outbox.publish(batch(0, [5, 6]), [[TOPICS.alerts, out('a6')]])).rejects.toThrow();
    expect(outbox.stats()).toEqual({ failedSends: 2, redelivered: 0, heldMessages: 2 });
    refuse.clear();
    expect(outbox.unprocessed(batch(0, [5, 6, 7])).map((m) => m.offset)).toEqual(['7']);
    await outbox.publish(batch(0, [5, 6, 7]), [[TOPICS.alerts, out('a7')]]);
    expect(sent).toEqual([[TOPICS.alerts, ['a5', 'a6', 'a7']]]);
  });

  it('widens the held range to a rewound batch whose send fails too, so its earlier messages are not processed a third time', async () => {
    const { producer, sent, refuse } = recordingProducer();
    const outbox = new LaneOutbox(producer);
    refuse.add(TOPICS.samples);
    await expect(outbox.publish(batch(1, [100, 101]), [[TOPICS.samples, out('a100', 'a101')]])).rejects.toThrow();
    // The group rewinds to its last commit (98); 98 and 99 are processed, and the send fails again.
    const rewound = batch(1, [98, 99, 100, 101]);
    expect(outbox.unprocessed(rewound).map((m) => m.offset)).toEqual(['98', '99']);
    await expect(outbox.publish(rewound, [[TOPICS.samples, out('a98', 'a99')]])).rejects.toThrow();
    refuse.clear();
    // Delivered once more: only 102 is new; 98–101 come from the outbox.
    const again = batch(1, [98, 99, 100, 101, 102]);
    expect(outbox.unprocessed(again).map((m) => m.offset)).toEqual(['102']);
    await outbox.publish(again, [[TOPICS.samples, out('a102')]]);
    expect(sent).toEqual([[TOPICS.samples, ['a100', 'a101', 'a98', 'a99', 'a102']]]);
    expect(outbox.stats()).toEqual({ failedSends: 2, redelivered: 2 + 4, heldMessages: 0 });
  });
});
