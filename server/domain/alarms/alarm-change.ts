import { z } from 'zod';

/**
 * An operator's transition of an alarm, as consoles are told over Socket.IO
 * and other consumers over telemetry.alerts (contract alarm-transition).
 */
export const alarmChangeSchema = z
  .object({
    alarmId: z.number().int().positive(),
    satelliteId: z.number().int().min(0).max(0xffff),
    ruleId: z.string().min(1).max(64),
    subject: z.string().min(1).max(128),
    severity: z.enum(['warning', 'critical']),
    version: z.number().int().min(0),
    state: z.string().min(1).max(64),
    action: z.string().min(1).max(64),
    actor: z.string().min(1).max(64),
    /** When the transition was applied, epoch ms. */
    atMs: z.number().finite(),
  })
  .strict();

export type AlarmChange = z.infer<typeof alarmChangeSchema>;
