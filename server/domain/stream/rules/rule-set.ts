/**
 * The stream rules configuration format (server/domain/stream/rules.json),
 * checked with zod when it is loaded. A rule names its kind; the kind's code
 * is written once, and every rule of that kind — another thermal limit,
 * another deviation check — is a configuration entry only.
 *
 * - `attitude-deviation`: per satellite, tumbling windows of `windowMs`; per
 *   frame the angle between the estimated and commanded quaternions; alert
 *   when the window's average angle exceeds `thresholdDeg`.
 * - `window-threshold`: per (satellite, parameter) of a selection, tumbling
 *   windows of `windowMs` with min/avg/max; alert when the chosen aggregate
 *   is above (or below) `threshold`.
 * - `limits`: per sample, the mission database's warning/critical limits, as
 *   a nominal/warning/critical state per (satellite, parameter); alerts on
 *   entering or worsening, and when back to nominal.
 */
import { z } from 'zod';
import { ALERT_SEVERITIES } from '../../alert';

const ruleIdSchema = z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected lower-case words joined by "-"').max(64);
const parameterNameSchema = z.string().min(1);

/** Which parameters a rule watches: a whole subsystem, or names. */
export const parameterSelectionSchema = z.union([
  z.object({ subsystem: z.string().min(1) }).strict(),
  z.object({ names: z.array(parameterNameSchema).min(1) }).strict(),
]);
export type ParameterSelection = z.infer<typeof parameterSelectionSchema>;

const quaternionSchema = z.tuple([parameterNameSchema, parameterNameSchema, parameterNameSchema, parameterNameSchema]);

export const attitudeDeviationRuleSchema = z
  .object({
    id: ruleIdSchema,
    kind: z.literal('attitude-deviation'),
    description: z.string().optional(),
    windowMs: z.number().int().positive(),
    /** Estimated attitude quaternion, scalar first. */
    estimated: quaternionSchema,
    /** Commanded attitude quaternion, scalar first. */
    commanded: quaternionSchema,
    thresholdDeg: z.number().positive().max(180),
    severity: z.enum(ALERT_SEVERITIES),
    /** Alert subject; the alert id is `${id}:${satelliteId}:${subject}:${windowStartMs}`. */
    subject: z.string().min(1).max(128).default('attitude'),
  })
  .strict();
export type AttitudeDeviationRuleConfig = z.infer<typeof attitudeDeviationRuleSchema>;

export const windowThresholdRuleSchema = z
  .object({
    id: ruleIdSchema,
    kind: z.literal('window-threshold'),
    description: z.string().optional(),
    windowMs: z.number().int().positive(),
    parameters: parameterSelectionSchema,
    aggregate: z.enum(['min', 'avg', 'max']),
    comparison: z.enum(['above', 'below']),
    threshold: z.number().finite(),
    severity: z.enum(ALERT_SEVERITIES),
  })
  .strict();
export type WindowThresholdRuleConfig = z.infer<typeof windowThresholdRuleSchema>;

export const limitsRuleSchema = z
  .object({
    id: ruleIdSchema,
    kind: z.literal('limits'),
    description: z.string().optional(),
    /** Every parameter with limits when omitted. */
    parameters: parameterSelectionSchema.optional(),
  })
  .strict();
export type LimitsRuleConfig = z.infer<typeof limitsRuleSchema>;

export const ruleConfigSchema = z.discriminatedUnion('kind', [attitudeDeviationRuleSchema, windowThresholdRuleSchema, limitsRuleSchema]);
export type RuleConfig = z.infer<typeof ruleConfigSchema>;
export type RuleKind = RuleConfig['kind'];

export const ruleSetSchema = z
  .object({
    version: z.number().int().positive(),
    rules: z.array(ruleConfigSchema),
  })
  .strict();
export type RuleSet = z.infer<typeof ruleSetSchema>;
