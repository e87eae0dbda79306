/**
 * What the stream rules and limit checks raise, published on
 * telemetry.alerts and stored as alarms. The id is derived from the rule,
 * the subject and the event-time window, so re-processing the same data
 * raises the same alert id and storing it is idempotent.
 */
import { z } from 'zod';

export const ALERT_SEVERITIES = ['warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const alertSchema = z
  .object({
    /** Deterministic: `${ruleId}:${satelliteId}:${subject}:${windowStartMs}`. */
    id: z.string().min(1).max(256),
    /** A rule id from the rules configuration, or "limit" for mission-database limits. */
    ruleId: z.string().min(1).max(64),
    satelliteId: z.number().int().min(0).max(0xffff),
    /** What the alert is about: a parameter name, or the rule's subject (e.g. "attitude"). */
    subject: z.string().min(1).max(128),
    /** "raised" when the condition starts (or worsens), "cleared" when a limit returns to normal. */
    kind: z.enum(['raised', 'cleared']),
    severity: z.enum(ALERT_SEVERITIES),
    /** Event-time window the condition was evaluated over; a single instant for limit checks. */
    windowStartMs: z.number().finite(),
    windowEndMs: z.number().finite(),
    /** The evaluated value (window average, window maximum, sample value) and the bound it crossed. */
    value: z.number().finite(),
    threshold: z.number().finite(),
    message: z.string().max(500),
  })
  .strict();

export type Alert = z.infer<typeof alertSchema>;
