import { describe, expect, it } from 'vitest';
import { TransmissionQueue, type SimPacket } from './transmission-queue';

const packet = (satelliteId: number, sequenceCount: number, t: number, fault?: SimPacket['fault']): SimPacket => ({
  satelliteId,
  apid: 256,
  sequenceCount,
  bytes: Uint8Array.of(sequenceCount),
  trueOnboardTimeMs: t,
  transmitTimeMs: t,
  groundStation: 'relay',
  ...(fault ? { fault } : {}),
});

describe('Sim > TransmissionQueue', () => {
  it('sends delayed packets at their release time, in release order, stamped with it', () => {
    const queue = new TransmissionQueue();
    queue.sendAt(packet(1, 1, 0, 'duplicate'), 500);
    queue.sendAt(packet(1, 2, 100, 'duplicate'), 300);
    queue.releaseDue(299);
    expect(queue.drain()).toEqual([]);
    expect(queue.counts()).toEqual({ sent: 0, delayed: 2, held: 0, faults: { duplicate: 0, drift: 0, corrupt: 0, reorder: 0 } });
    queue.releaseDue(500);
    expect(queue.drain().map((p) => [p.sequenceCount, p.transmitTimeMs])).toEqual([[2, 300], [1, 500]]);
    expect(queue.counts()).toEqual({ sent: 2, delayed: 0, held: 0, faults: { duplicate: 2, drift: 0, corrupt: 0, reorder: 0 } });
  });

  it('holds a reorder run per satellite and releases it reversed when complete, while other satellites flow', () => {
    const queue = new TransmissionQueue();
    queue.startRun(packet(1, 10, 0, 'reorder'), 3);
    queue.send(packet(2, 50, 0));
    queue.joinRun(packet(1, 11, 100, 'reorder'), 100);
    expect(queue.counts().held).toBe(2);
    queue.joinRun(packet(1, 12, 200, 'reorder'), 200);
    expect(queue.drain().map((p) => [p.satelliteId, p.sequenceCount, p.transmitTimeMs])).toEqual([
      [2, 50, 0],
      [1, 12, 200],
      [1, 11, 200],
      [1, 10, 200],
    ]);
    expect(queue.hasOpenRun(1)).toBe(false);
    expect(queue.counts().faults.reorder).toBe(3);
  });

  it('refuses to open a second run for a satellite or join one that is not open', () => {
    const queue = new TransmissionQueue();
    queue.startRun(packet(1, 1, 0, 'reorder'), 2);
    expect(() => queue.startRun(packet(1, 2, 0, 'reorder'), 2)).toThrow(RangeError);
    expect(() => queue.joinRun(packet(2, 1, 0, 'reorder'), 0)).toThrow(RangeError);
  });
});
