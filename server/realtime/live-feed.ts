/**
 * Live fan-out: consumes telemetry.samples as this node's own consumer group
 * (perigee-live-<nodeId>, so every web node sees every frame and no Socket.IO
 * adapter is needed) and broadcasts each frame to the room of its satellite
 * and subsystem.
 *
 * A client that cannot keep up (slow link, background tab) misses frames
 * instead of growing a queue in this process: see
 * MAX_QUEUED_PACKETS_PER_CLIENT. History fills the gaps.
 *
 * @example
 *   const feed = await startLiveFeed({ bus, io, nodeId: 'web-1', log });
 *   // … feed.stats() → { delivered: 1200, invalid: 0, withheld: 0 }
 *   await feed.stop();
 */
import type { Bus, ConsumedMessage } from '../ports/bus';
import { TOPICS } from '../topics';
import type { Logger } from '../log';
import { sampleFrameSchema, type SampleFrame } from '../domain/sample-frame';
import { SOCKET_EVENTS, roomOf, type LiveFrame } from './events';
import type { TelemetrySocketServer } from './socket-server';

export interface LiveFeedOptions {
  readonly bus: Bus;
  readonly io: TelemetrySocketServer;
  /** Identifies this web node; the consumer group is perigee-live-<nodeId>. */
  readonly nodeId: string;
  readonly log: Logger;
  /** Clock for LiveFrame.emittedMs, epoch ms. */
  readonly now?: () => number;
  /** Outgoing packets a client may have queued before live frames are withheld from it. */
  readonly maxQueuedPacketsPerClient?: number;
}

export interface LiveFeedStats {
  /** Frames broadcast to their room (whether or not anyone was in it). */
  readonly delivered: number;
  /** Messages skipped because they were not a valid SampleFrame. */
  readonly invalid: number;
  /** Frame deliveries withheld from clients whose queue was over the bound. */
  readonly withheld: number;
}

export interface LiveFeed {
  readonly groupId: string;
  stats(): LiveFeedStats;
  /** Leaves the consumer group; frames published afterwards are not broadcast. */
  stop(): Promise<void>;
}

/**
 * Invalid messages are logged in full the first time and then once per this
 * many, so a misbehaving producer cannot flood the console log at 50 Hz.
 */
const INVALID_LOG_EVERY = 1000;

export function liveGroupId(nodeId: string): string {
  return `perigee-live-${nodeId}`;
}

/**
 * Live frames are sent reliably to clients that keep up, and withheld from a
 * client whose outgoing queue already holds this many packets, so a slow
 * client never builds an unbounded queue. (Socket.IO's volatile emit would
 * also bound it, but drops every emit made while the websocket is mid-write,
 * i.e. most frames of a burst even for a fast client.) A client that fell
 * behind backfills from history once it catches up.
 */
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
  nodeId,
  log,
  now = Date.now,
  maxQueuedPacketsPerClient = MAX_QUEUED_PACKETS_PER_CLIENT,
}: LiveFeedOptions): Promise<LiveFeed> {
  const groupId = liveGroupId(nodeId);
  let delivered = 0;
  let invalid = 0;
  let withheld = 0;
  /** Sockets whose outgoing queue is over the bound, refreshed per batch. */
  let slow = new Set<string>();

  const broadcast = (message: ConsumedMessage): void => {
    const parsed = parseSampleMessage(message.value);
    if (!parsed.ok) {
      invalid++;
      if (invalid === 1 || invalid % INVALID_LOG_EVERY === 0) {
        log.warn('skipping invalid sample frame', { partition: message.partition, offset: message.offset, reason: parsed.reason, invalidSoFar: invalid });
      }
      return;
    }
    const frame = toLiveFrame(parsed.frame, now());
    const room = roomOf(frame.satelliteId, frame.subsystem);
    const members = io.sockets.adapter.rooms.get(room);
    const behind = slow.size === 0 || !members ? [] : [...members].filter((id) => slow.has(id));
    withheld += behind.length;
    io.to(room).except(behind).emit(SOCKET_EVENTS.telemetryFrame, frame);
    delivered++;
  };

  const subscription = await bus.subscribe({
    groupId,
    topics: [TOPICS.samples],
    // A node that starts late has nothing useful to replay live: history comes from the store.
    fromBeginning: false,
    eachBatch: async (batch) => {
      slow = clientsBehind(io, maxQueuedPacketsPerClient);
      for (const message of batch.messages) {
        // Isolated per message: one frame that trips the emitter must not stall the
        // partition by failing (and so redelivering) the whole batch forever.
        try {
          broadcast(message);
        } catch (error) {
          log.error('live frame broadcast failed', { partition: message.partition, offset: message.offset, error });
        }
      }
    },
  });
  log.info(`live feed consuming ${TOPICS.samples} as ${groupId}`);

  return {
    groupId,
    stats: () => ({ delivered, invalid, withheld }),
    stop: () => subscription.stop(),
  };
}

export type ParsedSampleMessage = { readonly ok: true; readonly frame: SampleFrame } | { readonly ok: false; readonly reason: string };

/** Decodes one telemetry.samples message value (UTF-8 JSON of a SampleFrame). */
export function parseSampleMessage(value: Buffer): ParsedSampleMessage {
  let json: unknown;
  try {
    json = JSON.parse(value.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
  const parsed = sampleFrameSchema.safeParse(json);
  if (parsed.success) return { ok: true, frame: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid sample frame' };
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
