/**
 * Which critical alarms are new since the last look, for the console's
 * audible and visual cue. The first look only takes stock: alarms already
 * there when the page loads never sound. After that, an alarm is new when it
 * is critical and waiting for acknowledgement now but was not at the last
 * look: just raised, escalated from warning, or raised again after an
 * acknowledgement.
 *
 * @example
 *   let seen = null;
 *   ({ fresh, seen } = newCriticalAlarms(seen, pollOne)); // fresh: [] (page load)
 *   ({ fresh, seen } = newCriticalAlarms(seen, pollTwo)); // fresh: the ones raised in between
 */
import type { AlarmRecord } from '@/server/ports/telemetry-store';
import { needsAcknowledgement } from './alarm-filters';

export interface CueResult {
  readonly fresh: AlarmRecord[];
  /** Ids of the critical alarms waiting for acknowledgement now: pass back on the next look. */
  readonly seen: ReadonlySet<number>;
}

export function newCriticalAlarms(previous: ReadonlySet<number> | null, alarms: readonly AlarmRecord[]): CueResult {
  const pending = alarms.filter((r) => r.alarm.severity === 'critical' && needsAcknowledgement(r));
  const seen = new Set(pending.map((r) => r.id));
  return { fresh: previous === null ? [] : pending.filter((r) => !previous.has(r.id)), seen };
}

/** localStorage key of the cue's sound setting; "muted" silences it, anything else plays. */
export const SOUND_SETTING_KEY = 'perigee.alarm-sound';
