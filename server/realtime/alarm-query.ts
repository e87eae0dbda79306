/**
 * GET /api/alarms query parameters, checked before anything reaches the
 * archive: `satellite` (spacecraft id) and `state` (comma-separated ISA-18.2
 * states; default: those needing attention). Every refusal names the
 * parameter and what was wrong.
 *
 * @example
 *   parseAlarmQuery(new URLSearchParams('satellite=101&state=unacknowledged'));
 *   // → { ok: true, query: { satelliteId: 101, states: ['unacknowledged'] } }
 */
import { ALARM_STATES, ATTENTION_STATES, type AlarmState } from '../domain/alarms/alarm';
import type { AlarmQuery } from '../ports/telemetry-store';


export type ParsedAlarmQuery = { readonly ok: true; readonly query: AlarmQuery } | { readonly ok: false; readonly error: string };

export function parseAlarmQuery(search: URLSearchParams): ParsedAlarmQuery {
  for (const key of search.keys()) {
    if (key !== 'satellite' && key !== 'state') return { ok: false, error: `unknown parameter "${key.slice(0, 40)}": use satellite and state` };
  }
  let satelliteId: number | undefined;
  const satellite = search.get('satellite');
  if (satellite !== null) {
    if (!/^\d{1,5}$/.test(satellite) || Number(satellite) > 0xffff) return { ok: false, error: `satellite must be a spacecraft id 0..65535, got "${satellite.slice(0, 40)}"` };
    satelliteId = Number(satellite);
  }
  const stateParam = search.get('state');
  let states: AlarmState[] = [...ATTENTION_STATES];
  if (stateParam !== null) {
    const requested = stateParam.split(',');
    const unknown = requested.find((s) => !(ALARM_STATES as readonly string[]).includes(s));
    if (unknown !== undefined) return { ok: false, error: `unknown state "${unknown.slice(0, 40)}": one of ${ALARM_STATES.join(', ')}` };
    states = [...new Set(requested as AlarmState[])];
  }
  return { ok: true, query: satelliteId === undefined ? { states } : { satelliteId, states } };
}
