/**
 * Live fan-out: consumes the raw packet topics as this node's own consumer
 * group (perigee-live-<nodeId>) and runs them through its own telemetry
 * pipeline — the same decode, dedupe, time repair and validation as the
 * processor — so live values never wait for the processor or the archive
 * and one falling behind never slows the others. Every web node sees every
 * packet (no Socket.IO adapter needed) and sends each accepted frame to the
 * room of its satellite and subsystem.
 *
 * A client that cannot keep up (slow link, background tab) misses frames
 * instead of growing a queue in this process: see
 * MAX_QUEUED_PACKETS_PER_CLIENT. Frames that arrived at the gateway longer
 * ago than `maxReplayAgeMs` (a restarted node resuming its group) are not
 * shown live: history has them.
 *
 * @example
 *   const feed = await startLiveFeed({ bus, io, mdb, fleet, nodeId: 'web-1', log });
 *   // … feed.stats() → { delivered: 1200, refused: 3, withheld: 0, replaySkipped: 0 }
 *   await feed.stop();
 */
import type { SatelliteCatalogue } from '../domain/mission/fleet';
import type { MissionDatabase } from '../domain/mission/mission-database';
import type { SampleFrame } from '../domain/sample-frame';
import { TelemetryPipeline } from '../domain/stream/telemetry-pipeline';
import type { Logger } from '../log';
import type { PerigeeMetrics } from '../observability/perigee-metrics';
import type { Bus } from '../ports/bus';
import { RAW_PACKET_TOPICS } from '../topics';
import { rawPacketInput } from '../worker/raw-packet-input';
import { SOCKET_EVENTS, roomOf, type LiveFrame } from './events';
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
  readonly metrics?: PerigeeMetrics;
}

export interface LiveFeedStats {
  /** Frames broadcast to their room (whether or not anyone was in it). */
  readonly delivered: number;
  /** Packets and samples the pipeline refused (corrupt, drifted, invalid); the processor quarantines them. */
  readonly refused: number;
  /** Frame deliveries withheld from clients whose queue was over the bound. */
  readonly withheld: number;
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
  metrics,
}: LiveFeedOptions): Promise<LiveFeed> {
  const groupId = liveGroupId(nodeId);
  const pipeline = new TelemetryPipeline({ mdb, fleet });
  let delivered = 0;
  let refused = 0;
  let withheld = 0;
  let replaySkipped = 0;

  const broadcast = (frame: SampleFrame, slow: ReadonlySet<string>, emittedMs: number): void => {
    const live = toLiveFrame(frame, emittedMs);
    const room = roomOf(live.satelliteId, live.subsystem);
    const members = io.sockets.adapter.rooms.get(room);
    const behind = slow.size === 0 || !members ? [] : [...members].filter((id) => slow.has(id));
    withheld += behind.length;
    io.to(room).except(behind).emit(SOCKET_EVENTS.telemetryFrame, live);
    delivered++;
    metrics?.framesEmitted.inc();
    metrics?.framesWithheld.inc(behind.length);
    metrics?.onboardToEmitSeconds.observe((emittedMs - frame.onboardTimeMs) / 1000);
  };

  const subscription = await bus.subscribe({
    groupId,
    topics: RAW_PACKET_TOPICS,
    // A node that starts late has nothing useful to replay live: history comes from the store.
    fromBeginning: false,
    // Every millisecond a fetch waits is a millisecond of display latency.
    maxWaitMs: 10,
    eachBatch: async (batch) => {
      const result = pipeline.processBatch(batch.messages.map(rawPacketInput));
      metrics?.recordLag(groupId, batch);
      metrics?.socketClients.set(io.engine.clientsCount);
      refused += result.quarantine.length;
      const slow = clientsBehind(io, maxQueuedPacketsPerClient);
      const emittedMs = now();
      for (const frame of result.frames) {
        if (frame.arrivalMs < emittedMs - maxReplayAgeMs) {
          replaySkipped++;
          continue;
        }
        // Isolated per frame: one frame that trips the emitter must not stall the
        // partition by failing (and so redelivering) the whole batch forever.
        try {
          broadcast(frame, slow, emittedMs);
        } catch (error) {
          log.error('live frame broadcast failed', { satelliteId: frame.satelliteId, subsystem: frame.subsystem, error });
        }
      }
    },
  });
  log.info(`live feed consuming ${RAW_PACKET_TOPICS.join(', ')} as ${groupId}`);

  return {
    groupId,
    stats: () => ({ delivered, refused, withheld, replaySkipped }),
    stop: () => subscription.stop(),
  };
}

/**
 * What the browser receives for a SampleFrame. APID and sequence count are
 * left out: the console shows values, and the archive keeps packet identity.
 */
export function toLiveFrame(frame: SampleFrame, emittedMs: number): LiveFrame {
  return {
    satelliteId: frame.satelliteId,
    subsystem: frame.subsystem,
    onboardTimeMs: frame.onboardTimeMs,
    arrivalMs: frame.arrivalMs,
    emittedMs,
    parameterIds: frame.parameterIds,
    values: frame.values,
  };
}
