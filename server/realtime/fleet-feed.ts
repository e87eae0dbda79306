/**
 * Keeps the fleet overview moving: once a second the status board's snapshot
 * goes to everyone in the fleet room (volatile: a busy client skips a second
 * rather than queueing them), and every few seconds the alarms needing
 * attention are read from the archive into the board. An archive that cannot
 * be read leaves the last known alarms in place and is logged once per
 * outage, not once per poll.
 *
 * @example
 *   const feed = startFleetFeed({ io, board, store, log });
 *   // … browsers in room "fleet" receive fleet:status every second
 *   feed.stop();
 */
import { ATTENTION_STATES, alarmSourceKey } from '../domain/alarms/alarm';
import type { Logger } from '../log';
import type { TelemetryHistory } from '../ports/telemetry-store';
import { FLEET_ROOM, SOCKET_EVENTS } from './events';
import { summarizeAlarms, type FleetStatusBoard } from './fleet-status';
import type { TelemetrySocketServer } from './socket-server';

export interface FleetFeedOptions {
  readonly io: TelemetrySocketServer;
  readonly board: FleetStatusBoard;
  readonly store: Pick<TelemetryHistory, 'listAlarms'>;
  readonly log: Logger;
  readonly now?: () => number;
  readonly statusIntervalMs?: number;
  readonly alarmPollMs?: number;
}

export interface FleetFeed {
  /** Reads the alarms now (also done on a timer); resolves when the board has them. */
  refreshAlarms(): Promise<void>;
  stop(): void;
}

export function startFleetFeed({ io, board, store, log, now = Date.now, statusIntervalMs = 1000, alarmPollMs = 2000 }: FleetFeedOptions): FleetFeed {
  let archiveDown = false;
  const refreshAlarms = async () => {
    try {
      const records = await store.listAlarms({ states: ATTENTION_STATES });
      board.setAlarms(
        summarizeAlarms(records.map(({ alarm }) => ({ satelliteId: alarm.key.satelliteId, state: alarm.state, severity: alarm.severity, source: alarmSourceKey(alarm.key) }))),
      );
      if (archiveDown) log.info('alarms readable again');
      archiveDown = false;
    } catch (error) {
      if (!archiveDown) log.warn('cannot read alarms for the fleet overview; showing the last known', { error });
      archiveDown = true;
    }
  };
  const emit = () => {
    if ((io.sockets.adapter.rooms.get(FLEET_ROOM)?.size ?? 0) === 0) return;
    io.to(FLEET_ROOM).volatile.emit(SOCKET_EVENTS.fleetStatus, board.snapshot(now()));
  };
  const statusTimer = setInterval(emit, statusIntervalMs);
  const alarmTimer = setInterval(() => void refreshAlarms(), alarmPollMs);
  statusTimer.unref();
  alarmTimer.unref();
  void refreshAlarms();
  return {
    refreshAlarms,
    stop: () => {
      clearInterval(statusTimer);
      clearInterval(alarmTimer);
    },
  };
}
