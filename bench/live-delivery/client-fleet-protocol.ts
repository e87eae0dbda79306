/**
 * Messages between the benchmark and its client process(es) over the
 * child-process IPC channel. The clients live in another process so that
 * decoding fifty clients' frames does not run on the server's event loop.
 */
import type { LiveFrame } from '../../server/realtime/events';
import type { DeliveryCounts, PacketWindow } from './delivery-tally';
import type { LatencyHistogram } from './latency-histogram';
import type { LoadFigures } from './load-monitor';

export type ClientFleetCommand =
  | {
      readonly kind: 'connect';
      readonly url: string;
      /** Cookie header for the handshake (a signed-in session), when the server asks for one. */
      readonly cookie?: string;
      /** Satellites per client; the client watches every subsystem of each. */
      readonly watches: readonly (readonly number[])[];
      readonly subsystems: readonly string[];
      /** Send telemetry:subscribe (Perigee) or only name the watch set in the handshake (bare baseline). */
      readonly subscribe: boolean;
      /** Messages recorded per watch set during the measurement, for the baseline to replay. */
      readonly recordMessages: number;
      /** Record every this many messages, so the recording spans the run rather than its first seconds. */
      readonly recordEvery: number;
    }
  | { readonly kind: 'start'; readonly packetWindow?: PacketWindow }
  | { readonly kind: 'stop' }
  | { readonly kind: 'close' };

/** The histograms of a DeliveryTally. */
export const LATENCY_KINDS = ['sampleLatency', 'toGatewayLatency', 'gatewayToEmitLatency', 'transportLatency'] as const;
export type LatencyKind = (typeof LATENCY_KINDS)[number];

export interface ClientFleetReport {
  readonly elapsedMs: number;
  /** In the order of `watches`. */
  readonly perClient: readonly DeliveryCounts[];
  readonly latencies: Readonly<Record<LatencyKind, ReturnType<LatencyHistogram['toJSON']>>>;
  readonly load: LoadFigures;
  /** Messages received by the first client of each watch set, by watch key. */
  readonly recordings: Readonly<Record<string, readonly (readonly LiveFrame[])[]>>;
}

export type ClientFleetReply =
  | { readonly kind: 'connected' }
  | { readonly kind: 'started' }
  | { readonly kind: 'report'; readonly report: ClientFleetReport }
  | { readonly kind: 'closed' }
  | { readonly kind: 'failed'; readonly message: string };
