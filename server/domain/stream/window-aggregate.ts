/**
 * The message published on telemetry.aggregates: one parameter of one
 * satellite over one event-time window. It carries sum and count rather than
 * an average so that stores and coarser tiers can merge aggregates exactly.
 *
 * `mode` tells the store what to do with it. A window's first emission and
 * its late re-emissions hold the whole window as the processor knows it, so
 * they replace what is stored (re-processing the same data stores the same
 * row). A sample too late for the processor to still hold its window comes
 * as a one-sample correction that must be merged into the stored row.
 *
 * @example
 *   windowAggregateSchema.parse({ satelliteId: 101, parameterId: 100, windowStartMs: 1795608000000, windowMs: 1000,
 *     min: 28.1, max: 28.3, sum: 141, count: 5, last: 28.2, lastTimeMs: 1795608000800, late: false, mode: 'replace' });
 */
import { z } from 'zod';

export const AGGREGATE_MODES = ['replace', 'merge'] as const;
export type AggregateMode = (typeof AGGREGATE_MODES)[number];

export const windowAggregateSchema = z
  .object({
    satelliteId: z.number().int().min(0).max(0xffff),
    parameterId: z.number().int().min(1).max(32767),
    /** Start of the window, epoch ms, a multiple of windowMs. */
    windowStartMs: z.number().finite(),
    windowMs: z.number().int().positive(),
    min: z.number().finite(),
    max: z.number().finite(),
    sum: z.number().finite(),
    count: z.number().int().positive(),
    /** Value of the sample with the greatest event time (the later one in input order on a tie). */
    last: z.number().finite(),
    lastTimeMs: z.number().finite(),
    /** Emitted (again) because data arrived after the window first closed. */
    late: z.boolean(),
    mode: z.enum(AGGREGATE_MODES),
  })
  .strict()
  .refine((a) => a.min <= a.max, 'min exceeds max');

export type WindowAggregate = z.infer<typeof windowAggregateSchema>;

/** The aggregates one message of window-aggregate@2 carries: one satellite's, from one processor batch. */
export const windowAggregatesSchema = z.array(windowAggregateSchema).min(1);
