/**
 * Live alarms: consumes telemetry.alerts as this node's own consumer group
 * (perigee-alarms-<nodeId>) and tells every console at once, without waiting
 * for the archive.
 *
 * - The processor's alerts (a limit crossed or back within it, a rule's
 *   window over its threshold) go out as `alarm:alerts`, the alerts of one
 *   batch in one message. The console shows a raised alert the moment it
 *   arrives and replaces it with the archived alarm (which an operator can
 *   acknowledge) once the archive has it. The archiver reads this topic in
 *   the same group as a pass dump's samples, so during a dump the archived
 *   alarm may come seconds later; the console's alarm does not.
 * - Operators' transitions published by any web node (contract
 *   alarm-transition) go out as `alarm:changed`, so consoles connected to
 *   another node refresh at once too. The node that applied the action has
 *   told its own consoles already; they refresh twice, which costs one read.
 *
 * Not volatile: an alarm is never dropped for a busy connection. Messages
 * that reached the bus longer ago than `maxReplayAgeMs` (a node resuming
 * its group after a restart) are history, not news, and are not sent; nor
 * is a message that breaks its contract (the archiver quarantines it).
 *
 * @example
 *   const feed = await startAlarmFeed({ bus, io, nodeId: 'web-1', log });
 *   // browser: socket.on('alarm:alerts', (alerts) => …)
 *   await feed.stop();
 */
import { readAlertsTopicEvent } from '../contracts/event-contracts';
import type { AlarmChange } from '../domain/alarms/alarm-change';
import type { Alert } from '../domain/alert';
import type { Logger } from '../log';
import type { PerigeeMetrics } from '../observability/perigee-metrics';
import type { Bus } from '../ports/bus';
import { stage } from '../topology';
import { SOCKET_EVENTS } from './events';
import type { TelemetrySocketServer } from './socket-server';

export interface AlarmFeedOptions {
  readonly bus: Bus;
  readonly io: TelemetrySocketServer;
  /** Identifies this web node; the consumer group is perigee-alarms-<nodeId>. */
  readonly nodeId: string;
  readonly log: Logger;
  /** Clock for replay detection, epoch ms. */
  readonly now?: () => number;
  /** Messages that reached the bus longer ago than this are not sent, ms. */
  readonly maxReplayAgeMs?: number;
  readonly metrics?: PerigeeMetrics;
}

export interface AlarmFeedStats {
  /** Processor alerts sent to the consoles. */
  readonly alerts: number;
  /** Operators' transitions sent to the consoles. */
  readonly transitions: number;
  /** Messages not sent because they reached the bus too long ago. */
  readonly replaySkipped: number;
  /** Messages not sent because they break their contract. */
  readonly unreadable: number;
}

export interface AlarmFeed {
  readonly groupId: string;
  stats(): AlarmFeedStats;
  stop(): Promise<void>;
}

/**
 * How long a fetch of the quiet alerts topic may wait for a message, ms: a
 * broker answers as soon as one arrives; one that holds an empty fetch for
 * the whole wait (the test cluster) adds up to this much to an alarm.
 */
export const ALARM_FEED_MAX_WAIT_MS = 20;

export function alarmFeedGroupId(nodeId: string): string {
  return `perigee-alarms-${nodeId}`;
}

export async function startAlarmFeed({ bus, io, nodeId, log, now = Date.now, maxReplayAgeMs = 30_000, metrics }: AlarmFeedOptions): Promise<AlarmFeed> {
  const groupId = alarmFeedGroupId(nodeId);
  let alerts = 0;
  let transitions = 0;
  let replaySkipped = 0;
  let unreadable = 0;
  const subscription = await bus.subscribe({
    groupId,
    topics: stage('alarm-feed').consumes,
    fromBeginning: false,
    maxWaitMs: ALARM_FEED_MAX_WAIT_MS,
    commitIntervalMs: 1000,
    eachBatch: async (batch) => {
      metrics?.recordLag(groupId, batch);
      const oldest = now() - maxReplayAgeMs;
      const raised: Alert[] = [];
      const changed: AlarmChange[] = [];
      for (const message of batch.messages) {
        if (message.timestampMs < oldest) {
          replaySkipped++;
          continue;
        }
        const event = readAlertsTopicEvent(message);
        if (!event.ok) unreadable++;
        else if (event.contract === 'alarm-transition') changed.push(event.value);
        else raised.push(event.value);
      }
      if (raised.length > 0) {
        io.emit(SOCKET_EVENTS.alarmAlerts, raised);
        alerts += raised.length;
      }
      for (const change of changed) io.emit(SOCKET_EVENTS.alarmChanged, change);
      transitions += changed.length;
    },
  });
  log.info(`alarm feed consuming ${stage('alarm-feed').consumes.join(', ')} as ${groupId}`);
  return {
    groupId,
    stats: () => ({ alerts, transitions, replaySkipped, unreadable }),
    stop: () => subscription.stop(),
  };
}
