/**
 * The processor's outputs survive a send the bus refuses. The bus delivers
 * the batch again; the lanes' state has seen its packets already (the dedupe
 * window would call every one a duplicate, the windows would count its
 * samples twice), so the outputs held from the first delivery go out
 * instead. Proven on the in-process bus, whose producer refuses the first
 * send of each lane to telemetry.samples, as a bus without brokers does:
 * every frame reaches telemetry.samples exactly once, no packet is counted
 * a duplicate, and the 1 s aggregates count each sample once.
 */
import { describe, expect, it } from 'vitest';
import { MemoryBus } from '../adapters/memory/memory-bus';
import { loadConfig } from '../config';
import { encodePacket } from '../domain/codec/packet-codec';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { demoFleet } from '../domain/mission/fleet';
import { decodeSampleFrames } from '../domain/sample-frame-codec';
import type { WindowAggregate } from '../domain/stream/window-aggregate';
import { decodeWindowAggregates } from '../domain/stream/window-aggregate-codec';
import { silentLogger } from '../log';
import { PerigeeMetrics } from '../observability/perigee-metrics';
import type { BusProducer } from '../ports/bus';
import { HEADERS, TOPICS, type Topic } from '../topics';
import { startProcessor } from './processor';

const mdb = defaultMissionDatabase();
const stream = loadConfig({}).stream;
const POWER_APID = 272;

function power(sequenceCount: number, onboardTimeMs: number, playback: boolean): Buffer {
  const values = Object.fromEntries(mdb.latestLayout(POWER_APID)!.parameters.map((p) => [p.name, 2]));
  Object.assign(values, { 'power.battery_voltage': 27 + (sequenceCount % 3), 'power.battery_soc': 80, 'power.battery_temperature': 20, 'power.eclipse': 0 });
  return Buffer.from(encodePacket(mdb, { apid: POWER_APID, satelliteId: 101, sequenceCount, onboardTimeMs, values, playback }));
}

/** The in-process bus, its producers refusing their first send to telemetry.samples. */
class RefusingBus extends MemoryBus {
  refused = 0;
  override async producer(): Promise<BusProducer> {
    const inner = await super.producer();
    let refuseNext = true;
    return {
      send: async (topic: Topic, messages) => {
        if (topic === TOPICS.samples && refuseNext) {
          refuseNext = false;
          this.refused++;
          throw new Error('telemetry.samples: no broker available');
        }
        await inner.send(topic, messages);
      },
    };
  }
}

async function readTopic(bus: MemoryBus, topic: Topic): Promise<Buffer[]> {
  const values: Buffer[] = [];
  const subscription = await bus.subscribe({ groupId: `read-${topic}`, topics: [topic], fromBeginning: true, eachBatch: async (b) => void values.push(...b.messages.map((m) => m.value)) });
  await new Promise((r) => setTimeout(r, 100));
  await subscription.stop();
  return values;
}

describe('Processor > a refused send', () => {
  it('sends the held outputs when the batch comes again: every frame once, no duplicates, aggregates counted once', async () => {
    const bus = new RefusingBus({ log: silentLogger, retryDelayMs: 20 });
    const metrics = new PerigeeMetrics({ processMetrics: false });
    const processor = await startProcessor({ bus, mdb, fleet: demoFleet(1), groupId: 'refused', stream, log: silentLogger, metrics });
    const producer = await MemoryBus.prototype.producer.call(bus);
    const now = Date.now();
    // 25 live packets at 5 Hz from a second boundary: five 1 s windows of 5 samples, the first two closed by the watermark.
    const t0 = Math.floor((now - 5000) / 1000) * 1000;
    const live = Array.from({ length: 25 }, (_, i) => power(1000 + i, t0 + i * 200, false));
    const dump = Array.from({ length: 6 }, (_, i) => power(i, now - 3_600_000 + i * 200, true));
    const headers = (i: number) => ({ [HEADERS.arrivalMs]: String(now + i) });
    await producer.send(TOPICS.rawPower, live.map((value, i) => ({ key: '101', value, headers: headers(i) })));
    await producer.send(TOPICS.rawPlayback, dump.map((value, i) => ({ key: '101', value, headers: headers(i) })));

    for (const deadline = Date.now() + 5000; ; ) {
      const s = processor.stats();
      if (s.outbox.realtime.redelivered === 25 && s.outbox.playback.redelivered === 6 && s.outbox.realtime.heldMessages + s.outbox.playback.heldMessages === 0) break;
      if (Date.now() > deadline) throw new Error(`outputs still held: ${JSON.stringify(s.outbox)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const stats = processor.stats();
    await processor.stop();

    expect(bus.refused).toBe(2);
    expect(stats.outbox).toEqual({ realtime: { failedSends: 1, redelivered: 25, heldMessages: 0 }, playback: { failedSends: 1, redelivered: 6, heldMessages: 0 } });
    const byLane = async (metric: { get(): Promise<{ values: Array<{ labels: Record<string, unknown>; value: number }> }> }) =>
      Object.fromEntries((await metric.get()).values.map((v) => [v.labels.lane, v.value]));
    expect(await byLane(metrics.failedSends)).toEqual({ realtime: 1, playback: 1 });
    expect(await byLane(metrics.redeliveredPackets)).toEqual({ realtime: 25, playback: 6 });
    expect(await byLane(metrics.heldOutputs)).toEqual({ realtime: 0, playback: 0 });
    expect(await byLane(metrics.packetsProcessed)).toEqual({ realtime: 25, playback: 6 });
    // Processed once each: the redelivered packets never reached the lanes again.
    expect([stats.pipeline.packets, stats.pipeline.duplicates, stats.playback.packets, stats.playback.duplicates]).toEqual([25, 0, 6, 0]);

    const frames = (await readTopic(bus, TOPICS.samples)).flatMap((v) => decodeSampleFrames(v));
    const sequences = (playback: boolean) => frames.filter((f) => (f.playback ?? false) === playback).map((f) => f.sequenceCount).sort((a, b) => a - b);
    expect(sequences(false)).toEqual(live.map((_, i) => 1000 + i));
    expect(sequences(true)).toEqual([0, 1, 2, 3, 4, 5]);

    const voltage = mdb.parameter('power.battery_voltage')!.id;
    const aggregates: WindowAggregate[] = (await readTopic(bus, TOPICS.aggregates)).flatMap((v) => decodeWindowAggregates(v));
    const seconds = aggregates.filter((a) => a.windowMs === 1000 && a.parameterId === voltage).sort((a, b) => a.windowStartMs - b.windowStartMs);
    expect(seconds.length).toBeGreaterThanOrEqual(2);
    for (const a of seconds) {
      const i0 = (a.windowStartMs - t0) / 200;
      const values = [0, 1, 2, 3, 4].map((k) => 27 + ((1000 + i0 + k) % 3));
      expect({ start: a.windowStartMs - t0, count: a.count, sum: a.sum }).toEqual({ start: i0 * 200, count: 5, sum: values.reduce((x, y) => x + y, 0) });
    }
    await bus.close();
  });
});
