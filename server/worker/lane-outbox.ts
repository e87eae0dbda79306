/**
 * A processing lane's outputs on their way to the bus, kept until the bus
 * has taken them.
 *
 * A lane's state moves when it processes a batch: the dedupe window
 * remembers its packets, the windows count its samples, the rules see its
 * values. When the send of the batch's outputs then fails, the bus delivers
 * the same messages again — and processing them a second time would find
 * every packet already in the dedupe window and publish nothing: the batch's
 * samples lost without a trace. So the outbox holds the outputs of the
 * messages it was given, per partition, until a send of them succeeds; a
 * redelivery of those messages is not processed again, the held outputs go
 * out instead, ahead of what the newer messages of the batch produced.
 *
 * Only this process's own redeliveries are recognised: a partition that
 * moves to another process starts from its committed offset there, with
 * state of its own. Messages from before the held range (the group
 * rewound to its last commit after a rebalance) go through the lane as
 * usual: their outputs were sent, and its dedupe window drops them; should
 * that batch's send fail too, the held range grows to its first message, so
 * the next delivery does not process them a third time.
 *
 * @example
 *   const outbox = new LaneOutbox(await bus.producer());
 *   eachBatch: async (batch) => {
 *     const result = pipeline.processBatch(outbox.unprocessed(batch).map(rawPacketInput));
 *     await outbox.publish(batch, [[TOPICS.samples, sampleFrameMessages(result.frames)]]);
 *   };
 */
import type { BusMessage, BusProducer, ConsumedBatch, ConsumedMessage } from '../ports/bus';
import type { Topic } from '../topics';

export type LaneOutputs = ReadonlyArray<readonly [Topic, BusMessage[]]>;

interface Held {
  /** Offsets of the first and last message whose outputs are held. */
  from: bigint;
  through: bigint;
  /** Per topic, in the order they were produced. */
  readonly outputs: Map<Topic, BusMessage[]>;
}

export interface LaneOutboxStats {
  /** Sends that failed, their outputs held for the redelivery. */
  readonly failedSends: number;
  /** Messages delivered again whose held outputs were sent instead of processing them again. */
  readonly redelivered: number;
  /** Output messages held now, all partitions. */
  readonly heldMessages: number;
}

export class LaneOutbox {
  readonly #producer: BusProducer;
  readonly #held = new Map<string, Held>();
  #failedSends = 0;
  #redelivered = 0;

  constructor(producer: BusProducer) {
    this.#producer = producer;
  }

  stats(): LaneOutboxStats {
    let heldMessages = 0;
    for (const held of this.#held.values()) for (const messages of held.outputs.values()) heldMessages += messages.length;
    return { failedSends: this.#failedSends, redelivered: this.#redelivered, heldMessages };
  }

  /** The batch's messages to process: all of them but those whose outputs are held already. */
  unprocessed(batch: ConsumedBatch): readonly ConsumedMessage[] {
    const held = this.#held.get(keyOf(batch));
    if (held === undefined) return batch.messages;
    const fresh = batch.messages.filter((m) => {
      const offset = BigInt(m.offset);
      return offset < held.from || offset > held.through;
    });
    this.#redelivered += batch.messages.length - fresh.length;
    return fresh;
  }

  /**
   * Sends the outputs of the batch's unprocessed messages together with any
   * held for its partition. Resolves once the bus has all of them; when a
   * send fails, keeps them for the redelivery and rejects.
   */
  async publish(batch: ConsumedBatch, outputs: LaneOutputs): Promise<void> {
    const key = keyOf(batch);
    const last = batch.messages[batch.messages.length - 1];
    if (last === undefined) return;
    const first = BigInt(batch.messages[0]!.offset);
    const held = this.#held.get(key) ?? { from: first, through: BigInt(last.offset), outputs: new Map<Topic, BusMessage[]>() };
    // A rewound batch starts before the held range: its earlier messages were processed now, so they count as held too.
    if (first < held.from) held.from = first;
    if (BigInt(last.offset) > held.through) held.through = BigInt(last.offset);
    for (const [topic, messages] of outputs) {
      if (messages.length === 0) continue;
      const list = held.outputs.get(topic);
      if (list) list.push(...messages);
      else held.outputs.set(topic, [...messages]);
    }
    // Only what is not on the bus yet: a topic whose send succeeded is not sent again after another's failed.
    const sends = [...held.outputs].map(async ([topic, messages]) => {
      await this.#producer.send(topic, messages);
      held.outputs.delete(topic);
    });
    const results = await Promise.allSettled(sends);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed === undefined) {
      this.#held.delete(key);
      return;
    }
    this.#failedSends++;
    this.#held.set(key, held);
    throw failed.reason;
  }
}

function keyOf(batch: ConsumedBatch): string {
  return `${batch.topic}\u0000${batch.partition}`;
}
