/**
 * Live fan-out: consumes the raw packet topics as this node's own consumer
 * group (perigee-live-<nodeId>) and runs them through its own telemetry
 * pipeline — the same decode, dedupe, time repair and validation as the
 * processor — so live values never wait for the processor or the archive
 * and one falling behind never slows the others. Every web node sees every
 * packet (no Socket.IO adapter needed). Accepted samples are coalesced per
 * room of satellite and subsystem into frames holding each parameter's newest
 * value and the interval's min and max (see FrameCoalescer), sent as volatile
 * emits.
 *
 * Two lanes keep a dump from delaying live values: real-time samples and late
 * ones (played back from the recorder, or held in transit) are coalesced and
 * paced apart, each room of each lane by its own token bucket (RoomPacer) of
 * one frame per `flushIntervalMs` sustained. A real-time room may also send a
 * short burst at once (REALTIME_BURST_FRAMES), so packets that arrive
 * together — a satellite's four thermal packets of one instant — go out as
 * they come rather than one interval apart; only a sustained flood waits to
 * be merged. The late lane has no burst: a dump reaches the browser at ten
 * frames a second per room, whatever its rate.
 *
 * A client that cannot keep up (slow link, background tab) misses frames
 * instead of growing a queue in this process: see
 * MAX_QUEUED_PACKETS_PER_CLIENT and volatile emits. Frames that arrived at the gateway longer
 * ago than `maxReplayAgeMs` (a restarted node resuming its group) are not
 * shown live: history has them.
 *
 * @example
 *   const feed = await startLiveFeed({ bus, io, mdb, fleet, nodeId: 'web-1', log });
 *   // … feed.stats() → { delivered: 1200, refused: 3, withheld: 0, dropped: 0, replaySkipped: 0 }
 *   await feed.stop();
 */
import type { SatelliteCatalogue } from '../domain/mission/fleet';
import type { MissionDatabase } from '../domain/mission/mission-database';
import type { SampleFrame } from '../domain/sample-frame';
import { TelemetryPipeline } from '../domain/stream/telemetry-pipeline';
import type { Logger } from '../log';
import type { PerigeeMetrics } from '../observability/perigee-metrics';
import type { Bus } from '../ports/bus';
import { stage } from '../topology';
import { rawPacketInput } from '../worker/raw-packet-input';
import { SOCKET_EVENTS, roomOf, type LiveFrame } from './events';
import { FrameCoalescer, isLateFrame, type FlushedFrame } from './frame-coalescer';
import { RoomPacer } from './room-pacer';
import type { TelemetrySocketServer } from './socket-server';

export interface LiveFeedOptions {
  readonly bus: Bus;
  readonly io: TelemetrySocketServer;
  readonly mdb: MissionDatabase;
  readonly fleet: SatelliteCatalogue;
  /** Identifies this web node; the consumer group is perigee-live-<nodeId>. */
  readonly nodeId: string;
  readonly log: Logger;
  /** Clock for LiveFrame.emittedMs and replay detection, epoch ms. */
  readonly now?: () => number;
  /** Outgoing packets a client may have queued before live frames are withheld from it. */
  readonly maxQueuedPacketsPerClient?: number;
  /** Frames whose packet reached the gateway longer ago than this are history, not live, ms. */
  readonly maxReplayAgeMs?: number;
  /** Sees every frame shown live (e.g. the fleet status board). */
  readonly observe?: (frame: SampleFrame) => void;
  /** One frame per room per this interval, sustained, in each lane, ms. */
  readonly flushIntervalMs?: number;
  /** Monotonic clock for pacing, ms (performance.now by default). */
  readonly pacingNow?: () => number;
  readonly metrics?: PerigeeMetrics;
}

/** How often the live feed commits its position on the bus, ms (in the background, off its fetch loop). */
export const LIVE_COMMIT_INTERVAL_MS = 1000;

/** Ten frames a second per room, sustained: faster than the eye follows a value, slow enough that a dump costs the browser nothing. */
export const FLUSH_INTERVAL_MS = 100;

/** Frames a quiet real-time room may send at once: more than the packets a satellite sends for one subsystem in the same instant. */
export const REALTIME_BURST_FRAMES = 5;

export interface LiveFeedStats {
  /** Frames flushed for their room (whether or not anyone was in it). */
  readonly delivered: number;
  /** Packets and samples the pipeline refused (corrupt, drifted, invalid); the processor quarantines them. */
  readonly refused: number;
  /** Frame deliveries withheld from clients whose queue was over the bound. */
  readonly withheld: number;
  /** Volatile frame deliveries dropped because the client's transport was busy writing. */
  readonly dropped: number;
  /** Frames not shown because they arrived too long ago (a resumed group catching up). */
  readonly replaySkipped: number;
}

export interface LiveFeed {
  readonly groupId: string;
  stats(): LiveFeedStats;
  /** Leaves the consumer group; packets published afterwards are not broadcast. */
  stop(): Promise<void>;
}

export function liveGroupId(nodeId: string): string {
  return `perigee-live-${nodeId}`;
}

export const MAX_QUEUED_PACKETS_PER_CLIENT = 1000;

function clientsBehind(io: TelemetrySocketServer, maxQueued: number): Set<string> {
  const behind = new Set<string>();
  for (const [id, socket] of io.sockets.sockets) {
    // engine.io keeps packets not yet written to the transport in writeBuffer.
    const queued = (socket.conn as unknown as { writeBuffer?: unknown[] }).writeBuffer?.length ?? 0;
    if (queued > maxQueued) behind.add(id);
  }
  return behind;
}

export async function startLiveFeed({
  bus,
  io,
  mdb,
  fleet,
  nodeId,
  log,
  now = Date.now,
  maxQueuedPacketsPerClient = MAX_QUEUED_PACKETS_PER_CLIENT,
  maxReplayAgeMs = 30_000,
  flushIntervalMs = FLUSH_INTERVAL_MS,
  pacingNow = () => performance.now(),
  observe,
  metrics,
}: LiveFeedOptions): Promise<LiveFeed> {
  if (!(flushIntervalMs > 0)) throw new RangeError('flushIntervalMs must be positive');
  const groupId = liveGroupId(nodeId);
  const pipeline = new TelemetryPipeline({ mdb, fleet });
  // Real-time first: when both lanes have a frame for a client, its live values lead the message.
  const lanes = [
    { coalescer: new FrameCoalescer(), pacer: new RoomPacer({ intervalMs: flushIntervalMs, burst: REALTIME_BURST_FRAMES }) },
    { coalescer: new FrameCoalescer(), pacer: new RoomPacer({ intervalMs: flushIntervalMs, burst: 1 }) },
  ] as const;
  const [realtime, late] = lanes;
  let delivered = 0;
  let refused = 0;
  let withheld = 0;
  let dropped = 0;
  let replaySkipped = 0;

  /**
   * One message per client per flush holding the frames of all its rooms:
   * volatile emits are dropped while a connection is still writing, so
   * several emits to one client in a row would lose all but the first.
   * Clients with the same rooms share one encoded message.
   */
  const flush = (onlyDue: boolean): void => {
    const tickMs = pacingNow();
    const flushed: FlushedFrame[] = [];
    for (const { coalescer, pacer } of lanes) {
      if (coalescer.pendingRooms === 0) continue;
      const due = (satelliteId: number, subsystem: string) => !onlyDue || pacer.take(roomOf(satelliteId, subsystem), tickMs);
      for (const f of coalescer.flush(due)) flushed.push(f);
    }
    if (flushed.length === 0) return;
    const slow = clientsBehind(io, maxQueuedPacketsPerClient);
    const emittedMs = now();
    const roomsOfClient = new Map<string, number[]>();
    flushed.forEach((f, index) => {
      for (const id of io.sockets.adapter.rooms.get(roomOf(f.frame.satelliteId, f.frame.subsystem)) ?? []) {
        const rooms = roomsOfClient.get(id);
        if (rooms) rooms.push(index);
        else roomsOfClient.set(id, [index]);
      }
    });
    const audiences = new Map<string, { readonly frames: number[]; readonly clients: string[] }>();
    for (const [id, frames] of roomsOfClient) {
      if (slow.has(id)) {
        withheld += frames.length;
        metrics?.framesWithheld.inc(frames.length);
        continue;
      }
      if (io.sockets.sockets.get(id)?.conn.transport.writable === false) {
        dropped += frames.length;
        metrics?.framesDropped.inc(frames.length);
      }
      const key = frames.join(',');
      const audience = audiences.get(key);
      if (audience) audience.clients.push(id);
      else audiences.set(key, { frames, clients: [id] });
    }
    const live: LiveFrame[] = flushed.map((f) => ({ ...f.frame, emittedMs }));
    for (const { frames, clients } of audiences.values()) {
      // Isolated per audience: one message that trips the emitter must not cost the others.
      try {
        io.to(clients).volatile.emit(
          SOCKET_EVENTS.telemetryFrames,
          frames.map((i) => live[i]!),
        );
      } catch (error) {
        log.error('live frames broadcast failed', { clients: clients.length, error });
      }
    }
    delivered += flushed.length;
    metrics?.framesEmitted.inc(flushed.length);
    for (const f of flushed) for (const onboardMs of f.onboardTimesMs) metrics?.onboardToEmitSeconds.observe((emittedMs - onboardMs) / 1000);
  };
  // Rooms out of allowance when their data came are sent within a few ms of earning the next frame.
  const timer = setInterval(() => flush(true), Math.max(5, Math.min(20, flushIntervalMs / 5)));
  // What arrives in one turn of the event loop goes out in one message per client, sent once the turn's
  // I/O is read: batches handed over one by one (a send per topic) would otherwise each emit, and a
  // volatile emit to a client still writing the previous one is dropped.
  let flushScheduled = false;
  const flushSoon = () => {
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(() => {
      flushScheduled = false;
      flush(true);
    });
  };
  timer.unref();

  let subscription;
  try {
    subscription = await bus.subscribe({
      groupId,
      topics: stage('live-feed').consumes,
      // A node that starts late has nothing useful to replay live: history comes from the store.
      fromBeginning: false,
      // Every millisecond a fetch waits is a millisecond of display latency.
      maxWaitMs: 10,
      // Nor does the next fetch wait for the group coordinator to record the last one: a node's
      // position matters little (a restarted node skips what is too old to show live).
      commitIntervalMs: LIVE_COMMIT_INTERVAL_MS,
      eachBatch: async (batch) => {
        const result = pipeline.processBatch(batch.messages.map(rawPacketInput));
        metrics?.recordLag(groupId, batch);
        metrics?.socketClients.set(io.engine.clientsCount);
        refused += result.quarantine.length;
        const oldestLiveArrivalMs = now() - maxReplayAgeMs;
        for (const frame of result.frames) {
          if (frame.arrivalMs < oldestLiveArrivalMs) {
            replaySkipped++;
            continue;
          }
          (isLateFrame(frame) ? late : realtime).coalescer.add(frame);
          observe?.(frame);
        }
        flushSoon();
      },
    });
  } catch (error) {
    clearInterval(timer);
    throw error;
  }
  log.info(`live feed consuming ${stage('live-feed').consumes.join(', ')} as ${groupId}, ${flushIntervalMs} ms frames`);
  const stopped = subscription;

  return {
    groupId,
    stats: () => ({ delivered, refused, withheld, dropped, replaySkipped }),
    stop: async () => {
      await stopped.stop();
      clearInterval(timer);
      flush(false);
    },
  };
}
