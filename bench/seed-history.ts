/**
 * Seeds the history benchmark's database with a day (by default) of a
 * 3-satellite fleet at full rates, written through the worker's own path:
 * FleetSimulator packets, stamped as the ingest gateway stamps them, go
 * through the processor's TelemetryPipeline (decode, dedupe, time
 * correlation, validation, enrichment); the resulting frames are encoded as
 * the processor publishes them on telemetry.samples and read back by the
 * archiver's archiveRecord; and PostgresTelemetryStore.archiveBatch stores
 * bronze, silver and gold with the consumer offset, as the archiver does.
 * Only the bus between those stages is left out: going through it would
 * add polling for "has the archiver caught up" and nothing that history
 * queries can see.
 *
 * Resumable: after each chunk the progress (simulated time reached and the
 * next log offset per topic) is written beside the cluster. A re-run
 * continues from there with the same offsets, so a chunk stored before a
 * crash but not yet recorded in the progress file is skipped by the
 * archive's own offset check instead of being stored twice.
 *
 * usage: PERIGEE_DATA_DIR=/path/outside/the/repo npm run bench:seed-history -- [--hours 24] [--satellites 3] [--chunk-seconds 60]
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PostgresTelemetryStore } from '../server/adapters/postgres/postgres-telemetry-store';
import { loadConfig } from '../server/config';
import { secondTierParameterIds } from '../server/domain/aggregation/series-tier';
import { defaultMissionDatabase } from '../server/domain/mission/default-mission-database';
import { demoFleet } from '../server/domain/mission/fleet';
import { TelemetryPipeline } from '../server/domain/stream/telemetry-pipeline';
import type { BusMessage, ConsumedMessage } from '../server/ports/bus';
import { sampleFrameMessages } from '../server/worker/processor';
import type { ArchivedMessage } from '../server/ports/telemetry-store';
import { FleetSimulator, type SimPacket } from '../server/sim/fleet-simulator';
import { TOPICS, type Topic } from '../server/topics';
import { receptionHeaders } from '../server/raw-packet-headers';
import { archiveRecord } from '../server/worker/archive-record';
import { rawPacketInput } from '../server/worker/raw-packet-input';
import { openHistoryDatabase } from './history-database';
import { HISTORY_BENCH_DEFAULTS, historyBenchDataDir } from './history-bench-settings';

const { values: args } = parseArgs({
  options: {
    hours: { type: 'string', default: String(HISTORY_BENCH_DEFAULTS.hours) },
    satellites: { type: 'string', default: String(HISTORY_BENCH_DEFAULTS.satellites) },
    'chunk-seconds': { type: 'string', default: '60' },
  },
});
const hours = Number(args.hours);
const satellites = Number(args.satellites);
const chunkMs = Number(args['chunk-seconds']) * 1000;
if (!(hours > 0) || !(satellites >= 1) || !(chunkMs >= 1000)) throw new RangeError('--hours, --satellites and --chunk-seconds must be positive');

const config = loadConfig(process.env);
const mdb = defaultMissionDatabase();
const fleet = demoFleet(satellites);
const GROUP = 'perigee-seed-history';
/** What the gateway adds between transmission and arrival, as publishAsGateway does. */
const LINK_DELAY_MS = 40;

interface Progress {
  readonly startMs: number;
  readonly satellites: number;
  readonly seed: number;
  /** Simulated time seeded through, epoch ms. */
  seededThroughMs: number;
  /** Next log offset per topic (partition 0). */
  nextOffsets: Record<string, number>;
  samples: number;
  elapsedSeconds: number;
}

const dataDir = historyBenchDataDir(config);
const progressFile = path.join(dataDir, 'seed-progress.json');

async function readProgress(): Promise<Progress> {
  try {
    const progress = JSON.parse(await fs.readFile(progressFile, 'utf8')) as Progress;
    if (progress.satellites !== satellites) throw new RangeError(`${progressFile} was seeded with ${progress.satellites} satellites, not ${satellites}`);
    return progress;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return { startMs: HISTORY_BENCH_DEFAULTS.startMs, satellites, seed: config.sim.seed, seededThroughMs: HISTORY_BENCH_DEFAULTS.startMs, nextOffsets: {}, samples: 0, elapsedSeconds: 0 };
  }
}

async function writeProgress(progress: Progress): Promise<void> {
  // Written whole and renamed, so a crash never leaves half a file.
  await fs.writeFile(`${progressFile}.tmp`, JSON.stringify(progress, null, 2));
  await fs.rename(`${progressFile}.tmp`, progressFile);
}

function append(byTopic: Map<Topic, ConsumedMessage[]>, topic: Topic, message: ConsumedMessage): void {
  const list = byTopic.get(topic);
  if (list) list.push(message);
  else byTopic.set(topic, [message]);
}

/** The packets as consumed messages of the raw topics, exactly as the gateway would have published them. */
function asConsumed(packets: readonly SimPacket[], nextOffsets: Record<string, number>): Map<Topic, ConsumedMessage[]> {
  const byTopic = new Map<Topic, ConsumedMessage[]>();
  for (const p of packets) {
    const layout = mdb.latestLayout(p.apid)!;
    const topic = p.playback ? TOPICS.rawPlayback : layout.topic!;
    const offset = nextOffsets[topic] ?? 0;
    nextOffsets[topic] = offset + 1;
    const arrivalMs = p.transmitTimeMs + LINK_DELAY_MS;
    const headers = receptionHeaders({ arrivalMs, groundStation: p.groundStation, playback: p.playback });
    const message: ConsumedMessage = { topic, partition: 0, offset: String(offset), key: String(p.satelliteId), value: Buffer.from(p.bytes), headers, timestampMs: arrivalMs };
    append(byTopic, topic, message);
  }
  return byTopic;
}

/** The processor's stage: raw messages → frames (sample-frame@2, one message per satellite) and quarantine (JSON), as processor.ts publishes them. */
function processed(pipeline: TelemetryPipeline, raw: Map<Topic, ConsumedMessage[]>, nextOffsets: Record<string, number>, atMs: number): Map<Topic, ConsumedMessage[]> {
  const out = new Map<Topic, ConsumedMessage[]>();
  const publishMessage = (topic: Topic, { key, value, headers }: BusMessage) => {
    const offset = nextOffsets[topic] ?? 0;
    nextOffsets[topic] = offset + 1;
    append(out, topic, { topic, partition: 0, offset: String(offset), key, value, headers: { ...headers }, timestampMs: atMs });
  };
  const publish = (topic: Topic, key: number | null, value: unknown) =>
    publishMessage(topic, { key: key === null ? null : String(key), value: Buffer.from(JSON.stringify(value)) });
  for (const messages of raw.values()) {
    const result = pipeline.processBatch(messages.map(rawPacketInput));
    for (const m of sampleFrameMessages(result.frames)) publishMessage(TOPICS.samples, m);
    for (const q of result.quarantine) {
      publish(TOPICS.quarantine, q.satelliteId, {
        stage: 'processor', reason: q.reason, detail: q.detail, receivedAtMs: q.input.arrivalMs,
        source: `${q.input.topic}[${q.input.partition}]@${q.input.offset}`, payloadBase64: Buffer.from(q.input.bytes).toString('base64'),
        satelliteId: q.satelliteId, apid: q.apid, origin: { topic: q.input.topic, partition: q.input.partition, offset: q.input.offset },
        ...(q.parameterId === undefined ? {} : { parameterId: q.parameterId }),
      });
    }
  }
  return out;
}

async function main(): Promise<void> {
  const progress = await readProgress();
  const endMs = progress.startMs + hours * 3_600_000;
  const db = await openHistoryDatabase({ dataDir, bundleDir: config.database.embedded.timescaleBundleDir, mdb });
  const store = new PostgresTelemetryStore(db.pool, { secondTierParameterIds: secondTierParameterIds(mdb) });
  try {
    if (progress.seededThroughMs >= endMs) {
      console.log(`already seeded: ${new Date(progress.startMs).toISOString()} .. ${new Date(progress.seededThroughMs).toISOString()}, ${progress.samples} samples`);
      return;
    }
    console.log(`seeding ${satellites} satellites from ${new Date(progress.seededThroughMs).toISOString()} to ${new Date(endMs).toISOString()} into ${dataDir}`);
    // A fresh simulator and pipeline from the resume point: the simulator is deterministic for a seed and
    // start, so a chunk written again after a crash carries the same packets at the same offsets.
    const sim = new FleetSimulator({ mdb, fleet, seed: progress.seed, faults: config.sim.faults, startTimeMs: progress.seededThroughMs });
    const pipeline = new TelemetryPipeline({
      mdb, fleet,
      dedupe: { windowMs: config.stream.dedupeWindowMs, maxEntries: config.stream.dedupeMaxEntries },
      time: { driftBoundMs: config.stream.clockDriftBoundMs },
    });
    const runStarted = performance.now();
    const resumedFromMs = progress.seededThroughMs;
    let runSamples = 0;
    let lastReport = runStarted;
    for (let t = progress.seededThroughMs; t < endMs; ) {
      const chunkEnd = Math.min(endMs, t + chunkMs);
      const { packets, events } = sim.advance(chunkEnd);
      const offsets = { ...progress.nextOffsets };
      const raw = asConsumed(packets, offsets);
      const derived = processed(pipeline, raw, offsets, chunkEnd);
      for (const event of events) {
        const offset = offsets[TOPICS.groundStationEvents] ?? 0;
        offsets[TOPICS.groundStationEvents] = offset + 1;
        const message: ConsumedMessage = { topic: TOPICS.groundStationEvents, partition: 0, offset: String(offset), key: String(event.satelliteId), value: Buffer.from(JSON.stringify(event)), headers: {}, timestampMs: chunkEnd };
        append(derived, TOPICS.groundStationEvents, message);
      }
      let chunkSamples = 0;
      for (const [topic, messages] of [...raw, ...derived]) {
        const archived: ArchivedMessage[] = messages.map((m) => archiveRecord(mdb, m));
        const result = await store.archiveBatch({ consumerGroup: GROUP, topic, partition: 0, messages: archived });
        chunkSamples += result.samples;
      }
      t = chunkEnd;
      runSamples += chunkSamples;
      const elapsedSeconds = (performance.now() - runStarted) / 1000;
      Object.assign(progress, { seededThroughMs: t, nextOffsets: offsets, samples: progress.samples + chunkSamples });
      await writeProgress({ ...progress, elapsedSeconds: progress.elapsedSeconds + elapsedSeconds });
      if (performance.now() - lastReport > 30_000 || t >= endMs) {
        lastReport = performance.now();
        const simulatedHours = (t - progress.startMs) / 3_600_000;
        console.log(
          `${new Date(t).toISOString()}  ${simulatedHours.toFixed(2)} h seeded, ${progress.samples.toLocaleString('en')} samples;` +
            ` this run ${(runSamples / elapsedSeconds).toFixed(0)} samples/s, ${((t - resumedFromMs) / 1000 / elapsedSeconds).toFixed(0)}× real time`,
        );
      }
    }
    progress.elapsedSeconds += (performance.now() - runStarted) / 1000;
    // What autovacuum does to chunks no longer written, now rather than whenever the cluster next runs long
    // enough: the visibility map lets the history queries read the covering indexes alone (migration 010).
    for (const table of ['samples', 'agg_1s', 'agg_1m']) await db.pool.query(`VACUUM (ANALYZE) ${table}`);
    console.log(`done: ${progress.samples.toLocaleString('en')} samples in ${progress.elapsedSeconds.toFixed(0)} s of seeding`);
  } finally {
    await db.close();
  }
}

await main();
