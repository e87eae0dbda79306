/**
 * The body of GET /api/passes, as a schema: the route answers it and the
 * passes page parses it, so both sides agree on every field.
 */
import { z } from 'zod';

export const passGapSchema = z.object({ fromMs: z.number(), toMs: z.number() }).strict();

export const passRowSchema = z
  .object({
    passId: z.string(),
    satelliteId: z.number().int(),
    satelliteName: z.string(),
    station: z.string(),
    stationName: z.string(),
    aosMs: z.number(),
    losMs: z.number(),
    durationMs: z.number(),
    maxElevationDeg: z.number().nullable(),
    status: z.enum(['past', 'in-progress', 'upcoming']),
    source: z.enum(['recorded', 'predicted']),
    /** What was received and raised from AOS to LOS (or now, while under way); null for an upcoming pass. */
    telemetry: z
      .object({
        packets: z.number().int(),
        bytes: z.number(),
        gaps: z.array(passGapSchema),
        alarmsRaised: z.number().int(),
        worstSeverity: z.enum(['warning', 'critical']).nullable(),
      })
      .strict()
      .nullable(),
  })
  .strict();

export const passesResponseSchema = z
  .object({
    fromMs: z.number(),
    toMs: z.number(),
    /** Silence longer than this within a pass is a gap, ms. */
    gapThresholdMs: z.number(),
    passes: z.array(passRowSchema),
  })
  .strict();

export type PassRow = z.infer<typeof passRowSchema>;
export type PassesResponse = z.infer<typeof passesResponseSchema>;
