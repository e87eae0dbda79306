/**
 * The message published on telemetry.samples for every accepted packet:
 * the calibrated values that passed validation, at their (possibly
 * repaired) onboard time, with the context they were enriched with and the
 * place in the raw log they came from. Keyed by satellite.
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
    /** Raw counts, aligned with parameterIds. */
    rawValues: z.array(z.number()).optional(),
    /** The onboard time the packet carried, when it was drifted and repaired to onboardTimeMs. */
    receivedOnboardTimeMs: z.number().finite().optional(),
    /** Where the packet sits in the raw log (lineage). */
    source: z.object({ topic: z.string(), partition: z.number().int().min(0), offset: z.string().regex(/^\d+$/) }).strict().optional(),
    groundStation: z.string().optional(),
    context: z
      .object({
        /** Spacecraft mode (ADCS mode state name) at the sample time, when known. */
        mode: z.string().nullable(),
        /** Sub-satellite point and altitude from the fleet's TLE, when the satellite is catalogued. */
        orbit: z.object({ latDeg: z.number(), lonDeg: z.number(), altKm: z.number(), tleEpochMs: z.number() }).strict().nullable(),
        /** Mission-database version whose calibrations produced the values. */
        calibrationVersion: z.string(),
      })
      .strict()
      .optional(),
    /** Recorded onboard and dumped during a pass, as opposed to real-time telemetry. */
    playback: z.boolean().optional(),
  })
  .strict()
  .refine((f) => f.parameterIds.length === f.values.length, 'parameterIds and values differ in length');

export type SampleFrame = z.infer<typeof sampleFrameSchema>;

/** The frames one message of sample-frame@2 carries: one satellite's, in the order the processor accepted them. */
export const sampleFramesSchema = z.array(sampleFrameSchema).min(1);
