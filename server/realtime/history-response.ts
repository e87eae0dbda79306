/**
 * The body of `GET /api/satellites/<id>/history` as a schema, for the
 * browser (and tests) to check what it received before drawing it: every
 * column of a series has the same length, times increase, min ≤ value ≤ max
 * and the gap threshold is at least the period. The route answers with a
 * SeriesResult, which this schema accepts.
 *
 * @example
 *   const parsed = historyResponseSchema.safeParse(await response.json());
 *   if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
 *   parsed.data.series[0].gapThresholdMs; // break the line where points are further apart
 */
import { z } from 'zod';
import type { SeriesResult } from '../ports/telemetry-store';

const column = z.array(z.number().finite());

export const historySeriesSchema = z
  .object({
    parameterId: z.number().int().min(0),
    timesMs: column,
    values: column,
    mins: column,
    maxs: column,
    counts: z.array(z.number().int().positive()),
    periodMs: z.number().positive(),
    gapThresholdMs: z.number().positive(),
  })
  .strict()
  .refine((s) => [s.values, s.mins, s.maxs, s.counts].every((c) => c.length === s.timesMs.length), 'every column of a series has one entry per time')
  .refine((s) => s.timesMs.every((t, i) => i === 0 || t > s.timesMs[i - 1]!), 'times increase')
  // Not value within [min, max]: a mean computed as sum / count may round a last bit past them.
  .refine((s) => s.mins.every((min, i) => min <= s.maxs[i]!), 'min ≤ max at every point')
  .refine((s) => s.gapThresholdMs >= s.periodMs, 'the gap threshold is at least the period');

export const historyResponseSchema = z
  .object({
    tier: z.enum(['raw', '1s', '1m']),
    bucketMs: z.number().int().positive().nullable(),
    series: z.array(historySeriesSchema),
  })
  .strict()
  .refine((r) => (r.tier === 'raw') === (r.bucketMs === null), 'raw samples come unbucketed, aggregates with their bucket width');

export type HistoryResponse = z.infer<typeof historyResponseSchema>;

// The route answers with a SeriesResult: keep the schema and the port's type in step.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _sameShape: Same<HistoryResponse, SeriesResult> = true;
void _sameShape;
