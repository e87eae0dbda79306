/**
 * Parses `GET /api/satellites/<id>/history?parameters=1,2&from=<ms>&to=<ms>[&width=<px>]`
 * into a SeriesRequest, or into a message a person can act on (the route
 * answers it with 400). `width` is the chart's width in pixels, which sets
 * how many points each series may return. Pure: which parameter ids exist
 * is passed in.
 *
 * @example
 *   parseHistoryQuery({ id: '101', search: new URLSearchParams('parameters=100,101&from=0&to=60000') }, (id) => id >= 100)
 *   // → { ok: true, request: { satelliteId: 101, parameterIds: [100, 101], fromMs: 0, toMs: 60000, widthPx: 1000 } }
 */
import { z } from 'zod';
import { HISTORY_WIDTH_PX } from '../domain/aggregation/series-plan';
import type { SeriesRequest } from '../ports/telemetry-store';
import { unknownParameterError } from './request-shape';

/** Longest window one request may cover: one month, what the archive is sized to keep. */
export const MAX_HISTORY_WINDOW_MS = 31 * 24 * 60 * 60 * 1000;
/** Most parameters per request: a full console panel, while bounding one response's size. */
export const MAX_HISTORY_PARAMETERS = 64;

export const HISTORY_QUERY_ERRORS = {
  satelliteId: 'satellite id must be an integer in 0..65535',
  parameters: 'parameters must be a comma-separated list of parameter ids, e.g. parameters=100,101',
  tooManyParameters: `at most ${MAX_HISTORY_PARAMETERS} parameters per request`,
  from: 'from must be an epoch time in milliseconds',
  to: 'to must be an epoch time in milliseconds',
  order: 'from must be before to',
  window: 'the window from..to must not exceed 31 days',
  width: `width must be a whole number of pixels in ${HISTORY_WIDTH_PX.min}..${HISTORY_WIDTH_PX.max}`,
  unknownParameter: (id: number) => `unknown parameter id ${id}`,
} as const;

const epochMs = (message: string) =>
  z
    .string({ error: message })
    .regex(/^\d{1,15}$/, message)
    .transform(Number);

const historyQuerySchema = z
  .object({
    id: z
      .string()
      .regex(/^\d{1,5}$/, HISTORY_QUERY_ERRORS.satelliteId)
      .transform(Number)
      .refine((id) => id <= 0xffff, HISTORY_QUERY_ERRORS.satelliteId),
    parameters: z
      .string({ error: HISTORY_QUERY_ERRORS.parameters })
      .regex(/^\d{1,5}(,\d{1,5})*$/, HISTORY_QUERY_ERRORS.parameters)
      // Duplicates would only repeat a series in the response.
      .transform((list) => [...new Set(list.split(',').map(Number))])
      .refine((ids) => ids.length <= MAX_HISTORY_PARAMETERS, HISTORY_QUERY_ERRORS.tooManyParameters),
    from: epochMs(HISTORY_QUERY_ERRORS.from),
    to: epochMs(HISTORY_QUERY_ERRORS.to),
    width: z
      .string()
      .regex(/^\d{1,5}$/, HISTORY_QUERY_ERRORS.width)
      .transform(Number)
      .refine((px) => px >= HISTORY_WIDTH_PX.min && px <= HISTORY_WIDTH_PX.max, HISTORY_QUERY_ERRORS.width)
      .default(HISTORY_WIDTH_PX.default),
  })
  .refine((q) => q.from < q.to, HISTORY_QUERY_ERRORS.order)
  .refine((q) => q.to - q.from <= MAX_HISTORY_WINDOW_MS, HISTORY_QUERY_ERRORS.window);

const HISTORY_QUERY_PARAMETERS = ['parameters', 'from', 'to', 'width'] as const;

export type HistoryQueryResult = { readonly ok: true; readonly request: SeriesRequest } | { readonly ok: false; readonly error: string };

export interface HistoryQueryInput {
  /** The [id] path segment. */
  readonly id: string;
  readonly search: URLSearchParams;
}

export function parseHistoryQuery({ id, search }: HistoryQueryInput, isKnownParameter: (parameterId: number) => boolean): HistoryQueryResult {
  const stray = unknownParameterError(search, HISTORY_QUERY_PARAMETERS);
  if (stray) return { ok: false, error: stray };
  const parsed = historyQuerySchema.safeParse({
    id,
    parameters: search.get('parameters') ?? undefined,
    from: search.get('from') ?? undefined,
    to: search.get('to') ?? undefined,
    width: search.get('width') ?? undefined,
  });
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? 'invalid history query' };
  const { id: satelliteId, parameters, from, to, width } = parsed.data;
  const unknown = parameters.find((parameterId) => !isKnownParameter(parameterId));
  if (unknown !== undefined) return { ok: false, error: HISTORY_QUERY_ERRORS.unknownParameter(unknown) };
  return { ok: true, request: { satelliteId, parameterIds: parameters, fromMs: from, toMs: to, widthPx: width } };
}
