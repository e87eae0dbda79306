/**
 * Socket.IO event names and payloads, shared by the server (`new Server<…>`)
 * and the browser (`io()`), so both sides are checked at compile time.
 * Client payloads are validated with the zod schemas below at the server.
 */
import { z } from 'zod';
import type { FleetStatus } from './fleet-status';
import type { AlarmChange } from '../domain/alarms/alarm-change';
import type { Alert } from '../domain/alert';

export const SOCKET_EVENTS = {
  /**
   * Server → client: every frame of the client's rooms from one coalescing
   * interval, in one message. Volatile: a client whose connection is still
   * busy with the previous message misses this one instead of queueing it.
   */
  telemetryFrames: 'telemetry:frames',
  /** Client → server: join the rooms of one satellite's subsystems. */
  subscribe: 'telemetry:subscribe',
  /** Client → server: leave them. */
  unsubscribe: 'telemetry:unsubscribe',
  /** Client → server: join the fleet overview; the ack carries the current status. */
  fleetSubscribe: 'fleet:subscribe',
  /** Server → client: every satellite's status, once a second (volatile). */
  fleetStatus: 'fleet:status',
  /** Server → every client: an operator changed an alarm; consoles showing it refresh. */
  alarmChanged: 'alarm:changed',
  /**
   * Server → every client: alerts the stream rules and limit checks raised
   * or cleared just now, sent before the archive records them (see
   * alarm-feed.ts). Consoles show a raised one at once.
   */
  alarmAlerts: 'alarm:alerts',
  /**
   * Server → one client, just before the server closes its socket: the
   * session it signed in with ended (signed out, or the account disabled).
   * The console goes to the sign-in page instead of reconnecting.
   */
  sessionEnded: 'session:ended',
} as const;

/** Every event a client may send; anything else is answered with an error ack (when the client asked for one). */
export const CLIENT_EVENTS: readonly string[] = [SOCKET_EVENTS.subscribe, SOCKET_EVENTS.unsubscribe, SOCKET_EVENTS.fleetSubscribe];

/** The room of fleet-overview watchers. */
export const FLEET_ROOM = 'fleet';

/**
 * Everything one room received during one coalescing interval (100 ms by
 * default): per parameter the newest value and the interval's minimum and
 * maximum, each with its onboard time, so spikes survive the merge. Columns
 * are aligned with `parameterIds`.
 */
export interface LiveFrame {
  readonly satelliteId: number;
  readonly subsystem: string;
  /** Newest onboard time in the frame, epoch ms. */
  readonly onboardTimeMs: number;
  /** Newest gateway arrival in the frame, epoch ms. */
  readonly arrivalMs: number;
  /** Server time at emission, epoch ms: lets the client tell transport delay from data age. */
  readonly emittedMs: number;
  /** Packets merged into this frame. */
  readonly packets: number;
  /** Spacecraft mode at the newest packet that carried one, e.g. "NADIR". */
  readonly mode: string | null;
  readonly parameterIds: readonly number[];
  /** Samples of each parameter in the interval. */
  readonly counts: readonly number[];
  readonly lastTimesMs: readonly number[];
  readonly last: readonly (number | null)[];
  readonly minTimesMs: readonly number[];
  readonly min: readonly (number | null)[];
  readonly maxTimesMs: readonly number[];
  readonly max: readonly (number | null)[];
  /** The newest value arrived late: recorded onboard, held in transit, or older than one already shown. */
  readonly late: readonly boolean[];
}

export const subscriptionRequestSchema = z
  .object({
    satelliteId: z.number().int().min(0).max(0xffff),
    subsystems: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/)).min(1).max(32),
  })
  .strict();
export type SubscriptionRequest = z.infer<typeof subscriptionRequestSchema>;

export type SubscriptionAck = { readonly ok: true; readonly rooms: readonly string[] } | { readonly ok: false; readonly error: string };

export type FleetSubscriptionAck = { readonly ok: true; readonly status: readonly FleetStatus[] } | { readonly ok: false; readonly error: string };

export type { AlarmChange } from '../domain/alarms/alarm-change';
export type { Alert } from '../domain/alert';

export interface SessionEnded {
  /** no-longer-valid: a periodic check found the session gone (ended on another web node, expired, or its account disabled there). */
  readonly reason: 'signed-out' | 'account-disabled' | 'no-longer-valid';
}

export interface ServerToClientEvents {
  [SOCKET_EVENTS.sessionEnded]: (ended: SessionEnded) => void;
  [SOCKET_EVENTS.alarmChanged]: (change: AlarmChange) => void;
  [SOCKET_EVENTS.alarmAlerts]: (alerts: readonly Alert[]) => void;
  [SOCKET_EVENTS.fleetStatus]: (status: readonly FleetStatus[]) => void;
  [SOCKET_EVENTS.telemetryFrames]: (frames: readonly LiveFrame[]) => void;
}

export interface ClientToServerEvents {
  [SOCKET_EVENTS.fleetSubscribe]: (ack: (result: FleetSubscriptionAck) => void) => void;
  [SOCKET_EVENTS.subscribe]: (request: SubscriptionRequest, ack: (result: SubscriptionAck) => void) => void;
  [SOCKET_EVENTS.unsubscribe]: (request: SubscriptionRequest, ack: (result: SubscriptionAck) => void) => void;
}

/** Room carrying one satellite's subsystem, e.g. "sat:101:power". */
export function roomOf(satelliteId: number, subsystem: string): string {
  return `sat:${satelliteId}:${subsystem}`;
}
