/**
 * Socket.IO event names and payloads, shared by the server (`new Server<…>`)
 * and the browser (`io()`), so both sides are checked at compile time.
 * Client payloads are validated with the zod schemas below at the server.
 */
import { z } from 'zod';

export const SOCKET_EVENTS = {
  /** Server → client: calibrated samples of one packet. */
  telemetryFrame: 'telemetry:frame',
  /** Client → server: join the rooms of one satellite's subsystems. */
  subscribe: 'telemetry:subscribe',
  /** Client → server: leave them. */
  unsubscribe: 'telemetry:unsubscribe',
} as const;

export interface LiveFrame {
  readonly satelliteId: number;
  readonly subsystem: string;
  readonly onboardTimeMs: number;
  readonly arrivalMs: number;
  /** Server time at emission, epoch ms: lets the client tell transport delay from data age. */
  readonly emittedMs: number;
  readonly parameterIds: readonly number[];
  readonly values: readonly (number | null)[];
}

export const subscriptionRequestSchema = z
  .object({
    satelliteId: z.number().int().min(0).max(0xffff),
    subsystems: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/)).min(1).max(32),
  })
  .strict();
export type SubscriptionRequest = z.infer<typeof subscriptionRequestSchema>;

export type SubscriptionAck = { readonly ok: true; readonly rooms: readonly string[] } | { readonly ok: false; readonly error: string };

export interface ServerToClientEvents {
  [SOCKET_EVENTS.telemetryFrame]: (frame: LiveFrame) => void;
}

export interface ClientToServerEvents {
  [SOCKET_EVENTS.subscribe]: (request: SubscriptionRequest, ack: (result: SubscriptionAck) => void) => void;
  [SOCKET_EVENTS.unsubscribe]: (request: SubscriptionRequest, ack: (result: SubscriptionAck) => void) => void;
}

/** Room carrying one satellite's subsystem, e.g. "sat:101:power". */
export function roomOf(satelliteId: number, subsystem: string): string {
  return `sat:${satelliteId}:${subsystem}`;
}
