/**
 * Parses `GET /api/passes?satellite=101&station=svalbard&from=…&to=…` into a
 * pass filter, or a reason a person can act on (400). Times are ISO-8601
 * with a zone or epoch ms; without them the window is the 12 hours either
 * side of `nowMs`. Pure: the fleet and the clock are passed in.
 *
 * @example
 *   parsePassQuery(new URLSearchParams('satellite=101'), fleet, now) // → { ok: true, filter: { satelliteId: 101, fromMs: now - 12 h, toMs: now + 12 h } }
 */
import { z } from 'zod';
import type { SatelliteCatalogue } from '../domain/mission/fleet';
import type { PassFilter } from '../ports/pass-archive';
import { timeParam } from './time-param';
import { unknownParameterError } from './request-shape';

/** Longest window listed at once: a week of passes of a 64-satellite fleet is a few thousand rows. */
export const MAX_PASS_WINDOW_MS = 7 * 86_400_000;
/** Default reach either side of now. */
export const DEFAULT_PASS_REACH_MS = 12 * 3_600_000;

export const PASS_QUERY_ERRORS = {
  satellite: 'satellite must be the id of a satellite of the fleet',
  station: 'station must be the id of a ground station',
  from: 'from must be an ISO-8601 time with a zone (2026-01-01T06:00:00Z) or epoch milliseconds',
  to: 'to must be an ISO-8601 time with a zone (2026-01-01T06:00:00Z) or epoch milliseconds',
  order: 'from must be before to',
  window: 'the window from..to must not exceed 7 days',
} as const;

const passQuerySchema = z.object({
  satellite: z.string().regex(/^\d{1,5}$/, PASS_QUERY_ERRORS.satellite).transform(Number).optional(),
  station: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, PASS_QUERY_ERRORS.station).optional(),
  from: timeParam(PASS_QUERY_ERRORS.from).optional(),
  to: timeParam(PASS_QUERY_ERRORS.to).optional(),
});

export type PassQueryResult = { readonly ok: true; readonly filter: PassFilter } | { readonly ok: false; readonly error: string };

const PASS_QUERY_KEYS = ['satellite', 'station', 'from', 'to'];

export function parsePassQuery(search: URLSearchParams, fleet: SatelliteCatalogue, nowMs: number): PassQueryResult {
  const unknown = unknownParameterError(search, PASS_QUERY_KEYS);
  if (unknown) return { ok: false, error: unknown };
  const parsed = passQuerySchema.safeParse(Object.fromEntries(['satellite', 'station', 'from', 'to'].flatMap((k) => (search.get(k) ? [[k, search.get(k)]] : []))));
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? 'invalid passes query' };
  const { satellite, station } = parsed.data;
  if (satellite !== undefined && !fleet.satellites.some((s) => s.id === satellite)) return { ok: false, error: PASS_QUERY_ERRORS.satellite };
  if (station !== undefined && !fleet.groundStations.some((s) => s.id === station)) return { ok: false, error: PASS_QUERY_ERRORS.station };
  const fromMs = parsed.data.from ?? (parsed.data.to ?? nowMs) - DEFAULT_PASS_REACH_MS;
  const toMs = parsed.data.to ?? (parsed.data.from ?? nowMs) + DEFAULT_PASS_REACH_MS;
  if (!(fromMs < toMs)) return { ok: false, error: PASS_QUERY_ERRORS.order };
  if (toMs - fromMs > MAX_PASS_WINDOW_MS) return { ok: false, error: PASS_QUERY_ERRORS.window };
  return { ok: true, filter: { ...(satellite === undefined ? {} : { satelliteId: satellite }), ...(station === undefined ? {} : { station }), fromMs, toMs } };
}
