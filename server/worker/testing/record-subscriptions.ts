/**
 * Records the consumer group and fetch wait of every subscription made
 * through a bus, in order, for tests of how a consumer subscribes.
 *
 * @example
 *   const subscribed = recordSubscriptions(bus);
 *   await startProcessor({ bus, ... });
 *   subscribed; // [{ groupId: 'perigee-processor', maxWaitMs: 20 }, …]
 */
import type { Bus } from '../../ports/bus';

export function recordSubscriptions(bus: Bus): Array<{ groupId: string; maxWaitMs: number | undefined }> {
  const subscribed: Array<{ groupId: string; maxWaitMs: number | undefined }> = [];
  const subscribe = bus.subscribe.bind(bus);
  bus.subscribe = (options) => {
    subscribed.push({ groupId: options.groupId, maxWaitMs: options.maxWaitMs });
    return subscribe(options);
  };
  return subscribed;
}
