import { describe, expect, it } from 'vitest';
import type { LiveFrame } from '../../server/realtime/events';
import { DeliveryTally } from './delivery-tally';

const frame = (overrides: Partial<LiveFrame>): LiveFrame => ({
  satelliteId: 101,
  subsystem: 'attitude',
  onboardTimeMs: 1000,
  arrivalMs: 1010,
  emittedMs: 1050,
  packets: 1,
  mode: 'NADIR',
  parameterIds: [1],
  counts: [1],
  lastTimesMs: [1000],
  last: [0.5],
  minTimesMs: [1000],
  min: [0.5],
  maxTimesMs: [1000],
  max: [0.5],
  late: [false],
  ...overrides,
});

describe('Bench > DeliveryTally', () => {
  describe('#addMessage', () => {
    it('takes one latency per distinct onboard time of each parameter', () => {
      const tally = new DeliveryTally();
      tally.addMessage(
        [
          // Three samples of one parameter: newest at 1090, min at 1000, max at 1050.
          frame({ packets: 3, counts: [3], lastTimesMs: [1090], minTimesMs: [1000], maxTimesMs: [1050] }),
          // Two parameters of one packet: min, max and newest are the same sample.
          frame({ subsystem: 'power', parameterIds: [2, 3], counts: [1, 1], lastTimesMs: [1080, 1080], last: [1, 2], minTimesMs: [1080, 1080], min: [1, 2], maxTimesMs: [1080, 1080], max: [1, 2], late: [false, false] }),
        ],
        1100,
      );
      expect(tally.counts()).toEqual({ messages: 1, frames: 2, packets: 4, samples: 5, packetsCreatedInWindow: 4 });
      expect(tally.sampleLatency.toSparse()).toEqual([
        [10, 1],
        [20, 2],
        [50, 1],
        [100, 1],
      ]);
      expect(tally.toGatewayLatency.toSparse()).toEqual([[10, 2]]);
      expect(tally.gatewayToEmitLatency.toSparse()).toEqual([[40, 2]]);
      expect(tally.transportLatency.toSparse()).toEqual([[50, 2]]);
    });

    it('counts packets of frames whose newest onboard time is in the packet window', () => {
      const tally = new DeliveryTally({ packetWindow: { fromMs: 1000, untilMs: 2000 } });
      tally.addMessage([frame({ onboardTimeMs: 999, packets: 2 }), frame({ onboardTimeMs: 1000, packets: 3 }), frame({ onboardTimeMs: 1999 })], 2100);
      tally.addMessage([frame({ onboardTimeMs: 2000, packets: 4 })], 2100);
      expect(tally.counts()).toEqual({ messages: 2, frames: 4, packets: 10, samples: 4, packetsCreatedInWindow: 4 });
    });

    it('takes a min that is also the newest once', () => {
      const tally = new DeliveryTally();
      tally.addMessage([frame({ packets: 2, counts: [2], lastTimesMs: [1050], minTimesMs: [1050], maxTimesMs: [1000] })], 1100);
      expect(tally.sampleLatency.toSparse()).toEqual([
        [50, 1],
        [100, 1],
      ]);
    });
  });
});
