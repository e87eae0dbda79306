/**
 * Ends shelves whose time is up: every `intervalMs` the shelved alarms are
 * read and each one past its end is sent 'expire-shelve' through the state
 * machine, as the system (audited like any transition). An alarm an operator
 * changed in between is left for the next tick (its version moved); a store
 * that cannot be reached is logged once per outage and retried.
 *
 * @example
 *   const expiry = startShelveExpiry({ store, log });
 *   // … a 15-minute shelve returns to unacknowledged (or normal) within a tick of its end
 *   expiry.stop();
 */
import { isShelveExpired } from '../domain/alarms/alarm-state-machine';
import type { Logger } from '../log';
import type { AlarmDesk, TelemetryHistory } from '../ports/telemetry-store';

export interface ShelveExpiryOptions {
  readonly store: AlarmDesk & Pick<TelemetryHistory, 'listAlarms'>;
  readonly log: Logger;
  readonly now?: () => number;
  /** A shelve ends at most this late, ms. */
  readonly intervalMs?: number;
}

export interface ShelveExpiry {
  /** Runs one pass now; resolves with the alarms it unshelved. */
  tick(): Promise<number>;
  stop(): void;
}

export function startShelveExpiry({ store, log, now = Date.now, intervalMs = 5000 }: ShelveExpiryOptions): ShelveExpiry {
  let storeDown = false;
  let running: Promise<number> | undefined;
  const pass = async (): Promise<number> => {
    let ended = 0;
    try {
      const nowMs = now();
      for (const { id, version, alarm } of await store.listAlarms({ states: ['shelved'] })) {
        if (!isShelveExpired(alarm, nowMs)) continue;
        try {
          const result = await store.actOnAlarm({ alarmId: id, expectedVersion: version, input: { type: 'expire-shelve' }, nowMs, clientAddress: null });
          if (result.ok) ended++;
        } catch (error) {
          // Moved since it was read (an operator unshelved it, the stream raised it): the next tick sees it afresh.
          if ((error as Error).name !== 'AlarmVersionConflictError' && (error as Error).name !== 'AlarmNotFoundError') throw error;
        }
      }
      if (storeDown) log.info('shelve expiry: alarms readable again');
      storeDown = false;
    } catch (error) {
      if (!storeDown) log.warn('shelve expiry: cannot read or update alarms; retrying', { error });
      storeDown = true;
    }
    return ended;
  };
  const tick = () => (running ??= pass().finally(() => (running = undefined)));
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
