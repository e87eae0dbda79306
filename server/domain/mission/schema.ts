/**
 * The mission database file format (server/domain/mission/mission-database.json),
 * checked with zod when it is loaded. A parameter names its raw type,
 * calibration (raw → engineering) and limits; a packet lists its parameters in
 * wire order; a subsystem names its raw topic and how the console shows it.
 */
import { z } from 'zod';

export const RAW_TYPES = ['uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'float32', 'float64'] as const;
export type RawType = (typeof RAW_TYPES)[number];

const calibrationSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  /** eng = c0 + c1·raw + c2·raw² + … */
  z.object({ type: z.literal('polynomial'), coefficients: z.array(z.number()).min(1).max(8) }),
  /** Piecewise-linear interpolation between [raw, eng] points, raw strictly increasing. */
  z.object({ type: z.literal('table'), points: z.array(z.tuple([z.number(), z.number()])).min(2) }),
]);
export type Calibration = z.infer<typeof calibrationSchema>;

const limitsSchema = z
  .object({
    criticalLow: z.number().optional(),
    warningLow: z.number().optional(),
    warningHigh: z.number().optional(),
    criticalHigh: z.number().optional(),
  })
  .strict();
export type Limits = z.infer<typeof limitsSchema>;

export const parameterSchema = z
  .object({
    id: z.number().int().min(1).max(32767),
    name: z.string().regex(/^[a-z][a-z0-9_]*\.[a-z0-9_]+$/, 'expected subsystem.name in lower case'),
    subsystem: z.string().min(1),
    description: z.string(),
    unit: z.string(),
    rawType: z.enum(RAW_TYPES),
    calibration: calibrationSchema,
    /** Enumerated states: raw value (as a decimal string) → state name. */
    states: z.record(z.string().regex(/^-?\d+$/), z.string().min(1)).optional(),
    limits: limitsSchema.optional(),
    /**
     * Physically possible engineering values. A value outside is a sensor or
     * decoding fault and is quarantined; limits, inside it, raise alarms.
     */
    validRange: z.object({ min: z.number(), max: z.number() }).strict().optional(),
    /** Free grouping used by views (e.g. the thermal zone a node sits in). */
    zone: z.string().optional(),
  })
  .strict();
export type ParameterDefinition = z.infer<typeof parameterSchema>;

export const packetSchema = z
  .object({
    name: z.string().min(1),
    apid: z.number().int().min(0).max(0x7fe), // 0x7FF is the CCSDS idle packet
    version: z.number().int().min(1).max(255),
    subsystem: z.string().min(1),
    rateHz: z.number().positive(),
    parameters: z.array(z.string()).min(1),
  })
  .strict();
export type PacketDefinitionFile = z.infer<typeof packetSchema>;

const viewSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('plot'),
      title: z.string(),
      parameters: z.array(z.string()).min(1),
      /** A parameter whose non-zero value shades the time axis (e.g. eclipse). */
      shadeWhen: z.string().optional(),
    })
    .strict(),
  z.object({ kind: z.literal('values'), title: z.string(), parameters: z.array(z.string()).min(1) }).strict(),
  /** The spacecraft's body axes drawn from a quaternion, with the error to the commanded quaternion. */
  z
    .object({
      kind: z.literal('orientation'),
      title: z.string(),
      quaternion: z.tuple([z.string(), z.string(), z.string(), z.string()]),
      commanded: z.tuple([z.string(), z.string(), z.string(), z.string()]),
    })
    .strict(),
  /** Every parameter of the subsystem as a grid of cells, grouped by a parameter attribute. */
  z.object({ kind: z.literal('grid'), title: z.string(), groupBy: z.literal('zone') }).strict(),
]);
export type ViewDefinition = z.infer<typeof viewSchema>;

export const subsystemSchema = z
  .object({ id: z.string().regex(/^[a-z][a-z0-9_]*$/), name: z.string(), topic: z.string(), views: z.array(viewSchema) })
  .strict();
export type SubsystemDefinition = z.infer<typeof subsystemSchema>;

export const missionDatabaseSchema = z
  .object({
    mission: z.string(),
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    /** Onboard time: CCSDS unsegmented time code (CUC, CCSDS 301.0-B-4 §3.2), implicit P-field. */
    time: z.object({
      code: z.literal('CUC'),
      coarseBytes: z.literal(4),
      fineBytes: z.literal(2),
      epoch: z.iso.datetime(),
    }),
    subsystems: z.array(subsystemSchema).min(1),
    parameters: z.array(parameterSchema).min(1),
    packets: z.array(packetSchema).min(1),
  })
  .strict();
export type MissionDatabaseFile = z.infer<typeof missionDatabaseSchema>;
