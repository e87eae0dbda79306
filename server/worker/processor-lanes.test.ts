/**
 * A processor can run one of its lanes only (WORKER_PARTS): the real-time
 * lane without the playback lane, or the other way round, so that two
 * worker processes can split them.
 */
import { describe, expect, it } from 'vitest';
import { MemoryBus } from '../adapters/memory/memory-bus';
import { loadConfig } from '../config';
import { encodePacket } from '../domain/codec/packet-codec';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { demoFleet } from '../domain/mission/fleet';
import { silentLogger } from '../log';
import { HEADERS, TOPICS, type Topic } from '../topics';
import { createLanePipeline, REALTIME_MAX_WAIT_MS, startProcessor } from './processor';
import { recordSubscriptions } from './testing/record-subscriptions';

const mdb = defaultMissionDatabase();
const stream = loadConfig({}).stream;

function power(sequenceCount: number, onboardTimeMs: number, playback: boolean): Buffer {
  const values = Object.fromEntries(mdb.latestLayout(272)!.parameters.map((p) => [p.name, 2]));
  Object.assign(values, { 'power.battery_voltage': 28, 'power.battery_soc': 80, 'power.battery_temperature': 20, 'power.eclipse': 0 });
  return Buffer.from(encodePacket(mdb, { apid: 272, satelliteId: 101, sequenceCount, onboardTimeMs, values, playback }));
}

async function run(lanes: { realtime: boolean; playback: boolean }) {
  const bus = new MemoryBus({ log: silentLogger });
  const processor = await startProcessor({ bus, mdb, fleet: demoFleet(1), groupId: 'lanes', stream, log: silentLogger, lanes });
  const producer = await bus.producer();
  const now = Date.now();
  const send = (topic: Topic, packets: Buffer[]) =>
    producer.send(topic, packets.map((value, i) => ({ key: '101', value, headers: { [HEADERS.arrivalMs]: String(now + i) } })));
  await send(TOPICS.rawPower, [0, 1, 2].map((i) => power(100 + i, now - 600 + i * 200, false)));
  await send(TOPICS.rawPlayback, [0, 1, 2, 3].map((i) => power(i, now - 3_600_000 + i * 200, true)));
  for (let waited = 0; waited < 2000; waited += 20) {
    const s = processor.stats();
    if ((!lanes.realtime || s.pipeline.packets === 3) && (!lanes.playback || s.playback.frames === 4)) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  await new Promise((r) => setTimeout(r, 100));
  const stats = processor.stats();
  await processor.stop();
  await bus.close();
  return { live: stats.pipeline.packets, playback: stats.playback.frames, playbackBatches: stats.playbackBatches };
}

describe('Processor > lanes', () => {
  it('runs both lanes by default, or only the one asked for', async () => {
    expect(await run({ realtime: true, playback: true })).toMatchObject({ live: 3, playback: 4 });
    expect(await run({ realtime: true, playback: false })).toEqual({ live: 3, playback: 0, playbackBatches: 0 });
    expect(await run({ realtime: false, playback: true })).toMatchObject({ live: 0, playback: 4 });
  });

  it('fetches for the real-time lane with a short wait, alarms being raised there, and for the playback lane with the bus default', async () => {
    const bus = new MemoryBus({ log: silentLogger });
    const subscribed = recordSubscriptions(bus);
    const processor = await startProcessor({ bus, mdb, fleet: demoFleet(1), groupId: 'waits', stream, log: silentLogger });
    await processor.stop();
    await bus.close();
    expect(subscribed).toEqual([
      { groupId: 'waits', maxWaitMs: REALTIME_MAX_WAIT_MS },
      { groupId: 'waits-playback', maxWaitMs: undefined },
    ]);
    expect(REALTIME_MAX_WAIT_MS).toBe(20);
  });

  it('judges a satellite\'s first packet against the clock offset SATELLITE_CLOCK_OFFSETS_MS gives it, one packet to a batch', () => {
    const now = Date.now();
    // Sampled two minutes before arrival: a clock 120 s behind UTC, and the first packet of the satellite.
    const input = { bytes: power(7, now - 120_000, false), topic: TOPICS.rawPower, partition: 0, offset: '0', arrivalMs: now };
    const known = createLanePipeline(mdb, demoFleet(1), loadConfig({ SATELLITE_CLOCK_OFFSETS_MS: '101:120000' }).stream).processBatch([input]);
    expect([known.frames.length, known.quarantine.length]).toEqual([1, 0]);
    expect(known.frames[0]!.onboardTimeMs).toBeCloseTo(now - 120_000, 0);
    const unknown = createLanePipeline(mdb, demoFleet(1), stream).processBatch([input]);
    expect(unknown.frames).toHaveLength(0);
    expect(unknown.quarantine.map((q) => [q.reason, q.detail.slice(0, 40)])).toEqual([['clock-drift', 'cannot verify onboard time ' + new Date(now - 120_000).toISOString().slice(0, 13)]]);
  });

  it('reads rule thresholds only with the real-time lane, the one that runs rules', async () => {
    const reads = { realtime: 0, playback: 0 };
    for (const lane of ['realtime', 'playback'] as const) {
      const bus = new MemoryBus({ log: silentLogger });
      const thresholds = { read: async () => (reads[lane]++, new Map<string, number>()), refreshMs: 10 };
      const processor = await startProcessor({
        bus, mdb, fleet: demoFleet(1), groupId: `thresholds-${lane}`, stream, log: silentLogger, thresholds,
        lanes: { realtime: lane === 'realtime', playback: lane === 'playback' },
      });
      await new Promise((r) => setTimeout(r, 100));
      await processor.stop();
      await bus.close();
    }
    // Read at start and every 10 ms with the real-time lane; never without it.
    expect(reads.realtime).toBeGreaterThan(2);
    expect(reads.playback).toBe(0);
  });

  it('refuses to run no lane at all', async () => {
    await expect(
      startProcessor({ bus: new MemoryBus({ log: silentLogger }), mdb, fleet: demoFleet(1), groupId: 'none', stream, log: silentLogger, lanes: { realtime: false, playback: false } }),
    ).rejects.toThrow(/at least one lane/);
  });
});
