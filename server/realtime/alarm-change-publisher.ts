/**
 * Publishes operators' alarm transitions on telemetry.alerts (contract
 * alarm-transition), so consumers other than the consoles — a paging
 * system, another ground segment — see acknowledgements and shelves as
 * they happen. The database row and its audit entry are the record; a
 * failed publish is logged, never undoes the action.
 *
 * @example
 *   const publish = alarmChangePublisher(bus, log);
 *   await publish(change);
 */
import type { AlarmChange } from '../domain/alarms/alarm-change';
import { contractHeader } from '../contracts/event-contracts';
import type { Logger } from '../log';
import type { Bus, BusProducer } from '../ports/bus';
import { TOPICS } from '../topics';

export function alarmChangePublisher(bus: Bus, log: Logger): (change: AlarmChange) => Promise<void> {
  let producer: Promise<BusProducer> | undefined;
  return async (change) => {
    try {
      producer ??= bus.producer();
      await (await producer).send(TOPICS.alerts, [
        { key: String(change.satelliteId), value: Buffer.from(JSON.stringify(change)), headers: contractHeader('alarm-transition') },
      ]);
    } catch (error) {
      producer = undefined;
      log.warn(`alarm ${change.alarmId} ${change.action} is stored but could not be published on ${TOPICS.alerts}`, { error });
    }
  };
}
