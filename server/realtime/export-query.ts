/**
 * Parses `GET /api/export?satellite=101&params=power.battery_voltage,2&from=…&to=…&format=csv`
 * into an export request, or into a reason a person can act on (the route
 * answers it with 400). Parameters are given by name or id; times as
 * ISO-8601 with a zone or epoch milliseconds. Pure: the mission database's
 * lookup is passed in.
 *
 * @example
 *   parseExportQuery(new URLSearchParams('satellite=101&params=2&from=2026-01-01T06:00:00Z&to=2026-01-01T06:10:00Z'), lookup)
 *   // → { ok: true, request: { satelliteId: 101, parameterIds: [2], fromMs: 1767247200000, toMs: 1767247800000 } }
 */
import { z } from 'zod';
import type { ExportRequest } from '../ports/telemetry-export';
import { MAX_HISTORY_PARAMETERS, MAX_HISTORY_WINDOW_MS } from './history-query';
import { timeParam } from './time-param';

export const EXPORT_FORMATS = ['csv'] as const;

export const EXPORT_QUERY_ERRORS = {
  satellite: 'satellite must be a spacecraft id in 0..65535',
  params: 'params must be a comma-separated list of parameter names or ids, e.g. params=power.battery_voltage,attitude.q0',
  tooManyParams: `at most ${MAX_HISTORY_PARAMETERS} parameters per export`,
  from: 'from must be an ISO-8601 time with a zone (2026-01-01T06:00:00Z) or epoch milliseconds',
  to: 'to must be an ISO-8601 time with a zone (2026-01-01T06:00:00Z) or epoch milliseconds',
  order: 'from must be before to',
  window: 'the window from..to must not exceed 31 days',
  format: 'format must be csv (Parquet is not offered)',
  unknownParameter: (name: string) => `unknown parameter "${name}"`,
} as const;

const exportQuerySchema = z
  .object({
    satellite: z
      .string({ error: EXPORT_QUERY_ERRORS.satellite })
      .regex(/^\d{1,5}$/, EXPORT_QUERY_ERRORS.satellite)
      .transform(Number)
      .refine((id) => id <= 0xffff, EXPORT_QUERY_ERRORS.satellite),
    params: z
      .string({ error: EXPORT_QUERY_ERRORS.params })
      .regex(/^[A-Za-z0-9_.]+(,[A-Za-z0-9_.]+)*$/, EXPORT_QUERY_ERRORS.params)
      .transform((list) => [...new Set(list.split(','))])
      .refine((names) => names.length <= MAX_HISTORY_PARAMETERS, EXPORT_QUERY_ERRORS.tooManyParams),
    from: timeParam(EXPORT_QUERY_ERRORS.from),
    to: timeParam(EXPORT_QUERY_ERRORS.to),
    format: z.enum(EXPORT_FORMATS, { error: EXPORT_QUERY_ERRORS.format }).default('csv'),
  })
  .refine((q) => q.from < q.to, EXPORT_QUERY_ERRORS.order)
  .refine((q) => q.to - q.from <= MAX_HISTORY_WINDOW_MS, EXPORT_QUERY_ERRORS.window);

export type ExportQueryResult = { readonly ok: true; readonly request: ExportRequest } | { readonly ok: false; readonly error: string };

/** `parameterIdOf` resolves a name or a decimal id to a known parameter id, or undefined. */
export function parseExportQuery(search: URLSearchParams, parameterIdOf: (nameOrId: string) => number | undefined): ExportQueryResult {
  const parsed = exportQuerySchema.safeParse({
    satellite: search.get('satellite') ?? undefined,
    params: search.get('params') ?? undefined,
    from: search.get('from') ?? undefined,
    to: search.get('to') ?? undefined,
    format: search.get('format') ?? undefined,
  });
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? 'invalid export query' };
  const { satellite, params, from, to } = parsed.data;
  const parameterIds: number[] = [];
  for (const name of params) {
    const id = parameterIdOf(name);
    if (id === undefined) return { ok: false, error: EXPORT_QUERY_ERRORS.unknownParameter(name) };
    if (!parameterIds.includes(id)) parameterIds.push(id);
  }
  return { ok: true, request: { satelliteId: satellite, parameterIds, fromMs: from, toMs: to } };
}
