/**
 * Ground-station events: pass start/end (AOS/LOS), signal quality and uplink
 * command verification. Published as JSON on ground-station.events, keyed by
 * satellite. Validated with this schema wherever they cross a boundary.
 */
import { z } from 'zod';

const base = {
  satelliteId: z.number().int().min(0).max(0xffff),
  /** Ground station id, e.g. "svalbard". */
  station: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  /** Event time, epoch ms. */
  timeMs: z.number().finite().nonnegative(),
  /** Identifies the pass: `${station}:${satelliteId}:${aosTimeMs}`. */
  passId: z.string().min(1).max(128),
};

export const groundStationEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('aos'), ...base, azimuthDeg: z.number(), predictedLosMs: z.number().finite() }).strict(),
  z.object({ type: z.literal('los'), ...base, azimuthDeg: z.number(), maxElevationDeg: z.number() }).strict(),
  z
    .object({
      type: z.literal('signal'),
      ...base,
      elevationDeg: z.number().min(-90).max(90),
      rangeKm: z.number().nonnegative(),
      /** Energy per bit to noise density of the downlink, dB. */
      ebN0Db: z.number(),
      locked: z.boolean(),
    })
    .strict(),
  z
    .object({
      type: z.literal('uplink'),
      ...base,
      commandId: z.string().min(1).max(64),
      command: z.string().min(1).max(256),
      verification: z.enum(['sent', 'accepted', 'executed', 'failed']),
    })
    .strict(),
]);

export type GroundStationEvent = z.infer<typeof groundStationEventSchema>;
export type GroundStationEventType = GroundStationEvent['type'];
