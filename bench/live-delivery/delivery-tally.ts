/**
 * What one client received, message by message: frames, packets and samples
 * carried, and the age of every sample the frames still show when they reach
 * the client.
 *
 * A coalesced frame keeps, per parameter, the newest value and the
 * interval's minimum and maximum, each with its onboard time. The newest is
 * the youngest sample of the interval; the minimum or maximum can be the
 * oldest and has waited for the flush the longest. So latency is taken for
 * each distinct onboard time of each parameter (last, min, max), not only
 * from the frame's newest onboard time, which would hide the coalescing wait.
 * Samples merged away (neither newest, min nor max) have no time left in the
 * frame; they count in `samples` but not in the histogram. Each frame also
 * splits the path of its newest packet into stages: creation → gateway
 * arrival (LiveFrame.arrivalMs), arrival → server emit (LiveFrame.emittedMs:
 * bus, pipeline and the coalescing wait) and emit → client (transport and
 * client decoding).
 *
 * Histograms can be shared: fifty clients in one process add to one pair.
 *
 * @example
 *   const tally = new DeliveryTally();
 *   tally.addMessage(frames, Date.now());
 *   tally.sampleLatency.percentile(99);
 */
import type { LiveFrame } from '../../server/realtime/events';
import { LatencyHistogram } from './latency-histogram';

export interface DeliveryCounts {
  readonly messages: number;
  readonly frames: number;
  /** Packets merged into the frames received (LiveFrame.packets). */
  readonly packets: number;
  /** Samples the frames stand for (sum of LiveFrame.counts). */
  readonly samples: number;
  /** Packets of frames whose newest onboard time is inside the packet window (all packets without one). */
  readonly packetsCreatedInWindow: number;
}

/**
 * Onboard times [fromMs, untilMs) whose packets are counted in
 * packetsCreatedInWindow: compared with what the fleet created in the same
 * onboard interval, it tells delivered from lost without depending on when
 * the counting started and stopped. A frame merging packets from both sides
 * of an edge is counted by its newest; such frames at the two edges offset
 * each other.
 */
export interface PacketWindow {
  readonly fromMs: number;
  readonly untilMs: number;
}

export interface DeliveryTallyOptions {
  readonly sampleLatency?: LatencyHistogram;
  readonly toGatewayLatency?: LatencyHistogram;
  readonly gatewayToEmitLatency?: LatencyHistogram;
  readonly transportLatency?: LatencyHistogram;
  readonly packetWindow?: PacketWindow;
}

export class DeliveryTally {
  /** Onboard (packet creation) → client, per sample time the frames show. */
  readonly sampleLatency: LatencyHistogram;
  /** Newest packet's creation → gateway arrival, per frame. */
  readonly toGatewayLatency: LatencyHistogram;
  /** Newest packet's gateway arrival → server emit, per frame. */
  readonly gatewayToEmitLatency: LatencyHistogram;
  /** Server emit → client, per frame. */
  readonly transportLatency: LatencyHistogram;
  #messages = 0;
  #frames = 0;
  #packets = 0;
  #samples = 0;
  #packetsCreatedInWindow = 0;
  readonly #packetWindow: PacketWindow;

  constructor({
    sampleLatency = new LatencyHistogram(),
    toGatewayLatency = new LatencyHistogram(),
    gatewayToEmitLatency = new LatencyHistogram(),
    transportLatency = new LatencyHistogram(),
    packetWindow = { fromMs: Number.NEGATIVE_INFINITY, untilMs: Number.POSITIVE_INFINITY },
  }: DeliveryTallyOptions = {}) {
    this.#packetWindow = packetWindow;
    this.sampleLatency = sampleLatency;
    this.toGatewayLatency = toGatewayLatency;
    this.gatewayToEmitLatency = gatewayToEmitLatency;
    this.transportLatency = transportLatency;
  }

  counts(): DeliveryCounts {
    return {
      messages: this.#messages,
      frames: this.#frames,
      packets: this.#packets,
      samples: this.#samples,
      packetsCreatedInWindow: this.#packetsCreatedInWindow,
    };
  }

  addMessage(frames: readonly LiveFrame[], receivedMs: number): void {
    this.#messages++;
    for (const frame of frames) this.#addFrame(frame, receivedMs);
  }

  #addFrame(frame: LiveFrame, receivedMs: number): void {
    this.#frames++;
    this.#packets += frame.packets;
    if (frame.onboardTimeMs >= this.#packetWindow.fromMs && frame.onboardTimeMs < this.#packetWindow.untilMs) this.#packetsCreatedInWindow += frame.packets;
    this.toGatewayLatency.record(frame.arrivalMs - frame.onboardTimeMs);
    this.gatewayToEmitLatency.record(frame.emittedMs - frame.arrivalMs);
    this.transportLatency.record(receivedMs - frame.emittedMs);
    for (let i = 0; i < frame.parameterIds.length; i++) {
      this.#samples += frame.counts[i]!;
      const lastMs = frame.lastTimesMs[i]!;
      const minMs = frame.minTimesMs[i]!;
      const maxMs = frame.maxTimesMs[i]!;
      this.sampleLatency.record(receivedMs - lastMs);
      if (minMs !== lastMs) this.sampleLatency.record(receivedMs - minMs);
      if (maxMs !== lastMs && maxMs !== minMs) this.sampleLatency.record(receivedMs - maxMs);
    }
  }
}
