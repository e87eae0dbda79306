/**
 * The message the worker publishes on telemetry.samples for every decoded
 * packet: calibrated values of one packet, keyed by satellite. Consumed by
 * the web tier's live feed.
 */
import { z } from 'zod';

export const sampleFrameSchema = z
  .object({
    satelliteId: z.number().int().min(0).max(0xffff),
    subsystem: z.string().min(1),
    apid: z.number().int().min(0).max(0x7ff),
    sequenceCount: z.number().int().min(0).max(0x3fff),
    /** Onboard (event) time, epoch ms. */
    onboardTimeMs: z.number().finite(),
    /** Gateway arrival time, epoch ms. */
    arrivalMs: z.number().finite(),
    parameterIds: z.array(z.number().int()),
    values: z.array(z.number().nullable()),
  })
  .strict()
  .refine((f) => f.parameterIds.length === f.values.length, 'parameterIds and values differ in length');

export type SampleFrame = z.infer<typeof sampleFrameSchema>;
