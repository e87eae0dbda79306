/**
 * What a stage publishes on telemetry.quarantine when it refuses input it
 * cannot route or read: the reason, a human-readable detail and the bytes
 * exactly as received (base64), so nothing refused is ever silently lost.
 */
import { z } from 'zod';

export const quarantineMessageSchema = z
  .object({
    /** Stage that refused the input. */
    stage: z.enum(['ingest', 'processor', 'worker']),
    reason: z.string().min(1).max(64),
    detail: z.string().max(2000),
    receivedAtMs: z.number().finite(),
    /** Transport and peer, e.g. "udp:127.0.0.1:41234". */
    source: z.string().max(200),
    payloadBase64: z.string(),
    satelliteId: z.number().int().nullable(),
    apid: z.number().int().nullable(),
    /** Where the refused input sat in the raw log, when it came from the bus. */
    origin: z.object({ topic: z.string(), partition: z.number().int().min(0), offset: z.string().regex(/^\d+$/) }).strict().optional(),
    /** The parameter, when a single sample (not the packet) was refused. */
    parameterId: z.number().int().optional(),
  })
  .strict();

export type QuarantineMessage = z.infer<typeof quarantineMessageSchema>;
