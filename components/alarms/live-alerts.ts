/**
 * Alarms the console was told of over the socket (alarm:alerts) that the
 * archive has not recorded yet: what the alarm strip shows at once, before
 * GET /api/alarms has them. Per rule and subject, the newest raised alert
 * is the occurrence to show, and the newest alert of any kind says whether
 * the condition is still present (a limit alarm that came and went is still
 * news: it waits for acknowledgement). Only an alarm the archive's list
 * does not hold at all is shown this way: one it holds already has its row
 * (with the actions an operator needs), which the next read brings up to
 * date, and one an operator put aside (shelved) stays aside; a second row
 * for it would only move the rows under the operator's pointer.
 *
 * @example
 *   unrecordedAlarms(fetchedAlarms, liveAlerts);
 *   // → [{ raised: { subject: 'power.battery_voltage', value: 24.2, … }, active: false }]
 */
import { alarmSourceKey, type AlarmKey } from '@/server/domain/alarms/alarm';
import type { Alert } from '@/server/domain/alert';
import type { AlarmRecord } from '@/server/ports/telemetry-store';

/** Alerts a console keeps while waiting for the archive: the newest, per satellite shown. */
export const KEPT_LIVE_ALERTS = 100;

export interface UnrecordedAlarm {
  /** The newest occurrence of the condition. */
  readonly raised: Alert;
  /** Whether the condition is still present (no return to normal after `raised`). */
  readonly active: boolean;
}

/** One alarm's identity, as the alarm state machine writes it: satellite, then rule and subject. */
const keyOf = (key: AlarmKey) => `${key.satelliteId}/${alarmSourceKey(key)}`;

/** The alarms `live` raised that `fetched` (the archive's alarms) does not hold yet; newest first. */
export function unrecordedAlarms(fetched: readonly AlarmRecord[] | undefined, live: readonly Alert[]): UnrecordedAlarm[] {
  const newest = new Map<string, { raised?: Alert; last: Alert }>();
  for (const alert of live) {
    const key = keyOf(alert);
    const entry = newest.get(key) ?? { last: alert };
    if (alert.windowEndMs >= entry.last.windowEndMs) entry.last = alert;
    if (alert.kind === 'raised' && (!entry.raised || alert.windowEndMs >= entry.raised.windowEndMs)) entry.raised = alert;
    newest.set(key, entry);
  }
  const archived = new Set((fetched ?? []).map(({ alarm }) => keyOf(alarm.key)));
  const shown: UnrecordedAlarm[] = [];
  for (const [key, { raised, last }] of newest) {
    if (!raised || archived.has(key)) continue;
    shown.push({ raised, active: last.kind === 'raised' || last.windowEndMs < raised.windowEndMs });
  }
  return shown.sort((a, b) => b.raised.windowEndMs - a.raised.windowEndMs);
}

/**
 * The alerts still worth keeping once the archive's alarms `fetched` were
 * read: those the archive has recorded are dropped, so an alarm that was
 * acknowledged and went back to normal (and so left the list) is not
 * mistaken for one not yet recorded. Returns `live` itself when nothing is
 * dropped.
 */
export function forgetRecorded(fetched: readonly AlarmRecord[], live: readonly Alert[]): readonly Alert[] {
  const recordedUntil = new Map<string, number>();
  for (const { alarm } of fetched) recordedUntil.set(keyOf(alarm.key), alarm.conditionChangedMs ?? -Infinity);
  const kept = live.filter((a) => !((recordedUntil.get(keyOf(a)) ?? -Infinity) >= a.windowEndMs));
  return kept.length === live.length ? live : kept;
}

/** The alerts still worth keeping once an operator changed the alarm of `key`: they saw it recorded, so its alerts so far are. */
export function forgetAlarm(key: AlarmKey, live: readonly Alert[]): readonly Alert[] {
  const k = keyOf(key);
  const kept = live.filter((a) => keyOf(a) !== k);
  return kept.length === live.length ? live : kept;
}

/** Adds newly received alerts to those kept, dropping the oldest beyond KEPT_LIVE_ALERTS. */
export function keepLiveAlerts(kept: readonly Alert[], received: readonly Alert[]): Alert[] {
  const all = [...kept, ...received];
  return all.length > KEPT_LIVE_ALERTS ? all.slice(all.length - KEPT_LIVE_ALERTS) : all;
}
