/**
 * Parses `GET /api/satellites/<id>/alarm-events?from=<ms>&to=<ms>` — the
 * alarm events a history window replays — into an AlarmEventQuery, or into
 * a message naming what was wrong (the route answers it with 400).
 *
 * @example
 *   parseAlarmEventsQuery('101', new URLSearchParams('from=0&to=600000'));
 *   // → { ok: true, query: { satelliteId: 101, fromMs: 0, toMs: 600000, limit: 2000 } }
 */
import type { AlarmEventQuery } from '../ports/telemetry-store';
import { MAX_HISTORY_WINDOW_MS } from './history-query';
import { unknownParameterError } from './request-shape';

/** Most events in one window: a scrub bar shows no more markers usefully. */
export const MAX_ALARM_EVENTS = 2000;

export type ParsedAlarmEventsQuery = { readonly ok: true; readonly query: AlarmEventQuery } | { readonly ok: false; readonly error: string };

const EPOCH_MS = /^\d{1,15}$/;

export function parseAlarmEventsQuery(id: string, search: URLSearchParams): ParsedAlarmEventsQuery {
  const unknown = unknownParameterError(search, ['from', 'to']);
  if (unknown) return { ok: false, error: unknown };
  if (!/^\d{1,5}$/.test(id) || Number(id) > 0xffff) return { ok: false, error: 'satellite id must be an integer in 0..65535' };
  const from = search.get('from');
  const to = search.get('to');
  if (from === null || !EPOCH_MS.test(from)) return { ok: false, error: 'from must be an epoch time in milliseconds' };
  if (to === null || !EPOCH_MS.test(to)) return { ok: false, error: 'to must be an epoch time in milliseconds' };
  const fromMs = Number(from);
  const toMs = Number(to);
  if (!(fromMs < toMs)) return { ok: false, error: 'from must be before to' };
  if (toMs - fromMs > MAX_HISTORY_WINDOW_MS) return { ok: false, error: 'the window from..to must not exceed 31 days' };
  return { ok: true, query: { satelliteId: Number(id), fromMs, toMs, limit: MAX_ALARM_EVENTS } };
}
